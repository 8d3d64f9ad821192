import type { SecretBox } from "../../crypto/secret-box.ts";
import { checkPassword, createCredential, type SrpCredential, srpPoolName } from "../../srp/credential.ts";
import type { UserRecord } from "../../storage/ports.ts";

/**
 * A user's password credential is the SRP salt and verifier (docs/srp.md#what-the-server-stores-and-computes), sealed with the master key
 * and bound to (pool, sub) so it cannot be copied onto another user (docs/security.md#passwords-at-rest).
 * x is derived from the internal username, which is what the clients use as USER_ID_FOR_SRP.
 */
const context = (poolId: string, sub: string): string => `credential:${poolId}:${sub}`;

export function sealCredential(
  box: SecretBox,
  user: Pick<UserRecord, "poolId" | "sub" | "username">,
  password: string,
): string {
  const c = createCredential(srpPoolName(user.poolId), user.username, password);
  return box.seal(JSON.stringify(c), context(user.poolId, user.sub));
}

export function openCredential(
  box: SecretBox,
  user: Pick<UserRecord, "poolId" | "sub" | "credential">,
): SrpCredential | null {
  if (user.credential === null) return null;
  const plain = box.openString(user.credential, context(user.poolId, user.sub));
  if (plain === null) return null;
  const v = JSON.parse(plain) as SrpCredential;
  return typeof v.salt === "string" && typeof v.verifier === "string" ? v : null;
}

/**
 * Checks a plaintext password. Callers on the unknown-user path call `checkPassword` on a fake
 * credential of the same shape (srp/fake) so both paths do the same work.
 */
export function passwordMatches(box: SecretBox, user: UserRecord, password: string): boolean {
  const c = openCredential(box, user);
  if (!c) return false;
  return checkPassword(srpPoolName(user.poolId), user.username, password, c.salt, c.verifier);
}
