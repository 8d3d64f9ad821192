import type { UserRecord } from "../../storage/ports.ts";
import { afterFirstFactor } from "../mfa/challenge.ts";
import { passwordPolicyOf, poolConfig } from "../pools/pool.ts";
import { type PasswordClaim, recordSuccess, refundClaims } from "./lockout.ts";
import { newPasswordChallenge } from "./new-password.ts";
import { refuse } from "./screen.ts";
import type { AuthContext, AuthOutcome } from "./types.ts";

/** Whether a FORCE_CHANGE_PASSWORD user's temporary password is past TemporaryPasswordValidityDays. */
export function temporaryPasswordHasExpired(ctx: AuthContext, user: UserRecord): boolean {
  if (user.status !== "FORCE_CHANGE_PASSWORD" || user.credentialSetAt === null) return false;
  const days = passwordPolicyOf(poolConfig(ctx.pool)).TemporaryPasswordValidityDays;
  return ctx.now > user.credentialSetAt + days * 86_400_000;
}

/**
 * The state machine's transition after a correct password or SRP proof (docs/operations.md#initiateauth steps 6–7).
 * Decisions (docs/authentication.md): "User is disabled." and the expired-temporary-password message
 * are given only after the password was proven, so neither state shows to someone who does not know
 * it; so is UNCONFIRMED in a strict pool (the cognito profile refuses it before the password, where
 * this line is never reached: docs/existence.md#the-strict-profile); FORCE_CHANGE_PASSWORD continues
 * with NEW_PASSWORD_REQUIRED; everyone else goes on to MFA and the device step (../mfa/challenge.ts,
 * docs/mfa.md#sign-in-with-mfa), which end in tokens or the next challenge. `extra.deviceKey` is the
 * DEVICE_KEY the request presented (a remembered device). `claim` is the lockout count this password attempt
 * took (none at the end of a custom flow): a refusal here takes it back, a success settles it
 * (./lockout.ts recordSuccess).
 */
export async function afterPasswordVerified(
  ctx: AuthContext,
  user: UserRecord,
  typed: string,
  lockKey: string,
  claim: PasswordClaim | null = null,
  extra: { deviceKey?: string | undefined } = {},
): Promise<AuthOutcome> {
  if (user.status === "UNCONFIRMED" || !user.enabled || temporaryPasswordHasExpired(ctx, user)) {
    await refundClaims(ctx.services.store.counters, claim);
    if (user.status === "UNCONFIRMED") refuse(ctx, "unconfirmed-after-password");
    if (!user.enabled) refuse(ctx, "disabled-user");
    refuse(ctx, "temporary-password-expired");
  }
  await recordSuccess(ctx.services, ctx.pool, lockKey, claim);
  if (user.status === "FORCE_CHANGE_PASSWORD") return newPasswordChallenge(ctx, user, typed, lockKey);
  return afterFirstFactor(ctx, user, {
    typed,
    lockKey,
    deviceKey: extra.deviceKey,
    source: "TokenGeneration_Authentication",
  });
}
