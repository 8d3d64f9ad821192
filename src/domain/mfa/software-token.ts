import type { SecretBox } from "../../crypto/secret-box.ts";
import type { PoolRecord, Store, UserRecord } from "../../storage/ports.ts";
import type { AccessTokenInfo } from "../../tokens/index.ts";
import { errors } from "../errors/index.ts";
import { assertStillAuthorized } from "../users/access-token.ts";
import { updateUser } from "../users/update-user.ts";
import { poolMfa } from "./pool-mfa.ts";
import { acceptTotp, newTotpSecret } from "./totp.ts";
import { userMfa, withMfa } from "./user-mfa.ts";

/**
 * AssociateSoftwareToken and VerifySoftwareToken for a known user (docs/mfa.md#totp). Associate issues
 * a new secret and keeps it pending; Verify checks a code against the pending secret and only then
 * makes it the user's TOTP secret, replacing an earlier one ("Amazon Cognito disassociates an existing
 * software token when you verify the new token", AssociateSoftwareToken API reference).
 */
export interface TokenDeps {
  box: SecretBox;
  store: Store;
}

/** Default FRIENDLY_DEVICE_NAME when VerifySoftwareToken names none (decision, docs/mfa.md#totp). */
export const DEFAULT_TOTP_NAME = "TOTP device";

export function assertPoolTotp(pool: PoolRecord): void {
  if (!poolMfa(pool).totp) throw errors.totpNotEnabledInPool();
}

/** Stores a new pending secret for the user and returns its SecretCode. */
export async function associateSecret(
  deps: TokenDeps,
  pool: PoolRecord,
  user: UserRecord,
  now: number,
  token?: AccessTokenInfo,
): Promise<string> {
  assertPoolTotp(pool);
  const secret = newTotpSecret(deps.box, pool.id, user.sub);
  await updateUser({ store: deps.store }, pool, user, (u) => {
    if (token) assertStillAuthorized(token, u);
    return withMfa(u, { ...userMfa(u), totpPending: secret.sealed }, now);
  });
  return secret.code;
}

/**
 * Checks `code` against the pending secret (wrong: `Code mismatch and fail enable Software Token MFA`;
 * already used: `Your software token has already been used once.`) and swaps it in. `enable` also
 * turns TOTP on as an MFA method (the MFA_SETUP path, where setting it up is the point).
 */
export async function verifySecret(
  deps: TokenDeps,
  pool: PoolRecord,
  user: UserRecord,
  args: { code: string; name: string | undefined; now: number; token?: AccessTokenInfo; enable?: boolean },
): Promise<UserRecord> {
  assertPoolTotp(pool);
  const pending = userMfa(user).totpPending;
  if (!pending) throw errors.totpNotAssociated();
  await acceptTotp(
    deps,
    { poolId: pool.id, sub: user.sub, sealed: pending, code: args.code, now: args.now },
    errors.totpEnableMismatch,
  );
  return updateUser({ store: deps.store }, pool, user, (u) => {
    if (args.token) assertStillAuthorized(args.token, u);
    const m = { ...userMfa(u) };
    // A newer Associate since this one was read keeps its own pending secret: that one was not verified.
    if (m.totpPending !== pending) throw errors.totpNotAssociated();
    m.totpSecret = pending;
    delete m.totpPending;
    m.totpName = args.name ?? DEFAULT_TOTP_NAME;
    if (args.enable) {
      m.totp = true;
      m.preferred ??= "SOFTWARE_TOKEN_MFA";
    }
    return withMfa(u, m, args.now);
  });
}
