import { Secret, TOTP } from "otpauth";
import type { SecretBox } from "../../crypto/secret-box.ts";
import type { Store } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";

/**
 * TOTP as Cognito does it (RFC 6238; https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html):
 * HMAC-SHA1, 6 digits, 30-second steps, one step of clock drift either way ("accepts TOTP tokens
 * that are within 30 seconds before or after the attempt"). The secret is 32 random bytes, handed to
 * the client once as base32 (52 characters) and stored only sealed with the master key, bound to its
 * pool and user. Each code is accepted at most once: the step it matched is recorded, and a code of
 * that step or an earlier one is refused afterwards (`MfaStore.claimTotpStep`, one statement).
 */
export const TOTP_PERIOD_SECONDS = 30;
const WINDOW = 1;

const sealContext = (poolId: string, sub: string): string => `totp:${poolId}:${sub}`;

/** A new secret: the base32 SecretCode for the client and its sealed form for the user row. */
export function newTotpSecret(box: SecretBox, poolId: string, sub: string): { code: string; sealed: string } {
  const code = new Secret({ size: 32 }).base32;
  return { code, sealed: box.seal(code, sealContext(poolId, sub)) };
}

function totpFor(box: SecretBox, poolId: string, sub: string, sealed: string): TOTP | null {
  const base32 = box.openString(sealed, sealContext(poolId, sub));
  if (base32 === null) return null;
  return new TOTP({
    secret: Secret.fromBase32(base32),
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
  });
}

/**
 * The time step `code` matches for this sealed secret at `now` (t−1, t or t+1), or null. Codes that
 * are not six digits never match.
 */
export function matchingStep(
  box: SecretBox,
  args: { poolId: string; sub: string; sealed: string; code: string; now: number },
): number | null {
  if (!/^[0-9]{6}$/.test(args.code)) return null;
  const totp = totpFor(box, args.poolId, args.sub, args.sealed);
  if (!totp) return null;
  const delta = totp.validate({ token: args.code, timestamp: args.now, window: WINDOW });
  if (delta === null) return null;
  return Math.floor(args.now / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/**
 * Checks a TOTP code and uses it up. Wrong → `mismatch()` (which differs between enrolment and
 * sign-in); right but already used (this step or a later one was accepted) → `Your software token
 * has already been used once.`
 */
export async function acceptTotp(
  deps: { box: SecretBox; store: Pick<Store, "mfa"> },
  args: { poolId: string; sub: string; sealed: string; code: string; now: number },
  mismatch: () => Error,
): Promise<void> {
  const step = matchingStep(deps.box, args);
  if (step === null) throw mismatch();
  if (!(await deps.store.mfa.claimTotpStep(args.poolId, args.sub, step))) throw errors.totpReused();
}

/** The current code of a secret (tests and the bench compute what an authenticator app shows). */
export function currentTotp(base32: string, now: number): string {
  return new TOTP({
    secret: Secret.fromBase32(base32),
    algorithm: "SHA1",
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
  }).generate({
    timestamp: now,
  });
}
