import type { UserRecord } from "../../../storage/ports.ts";
import { type ContactProof, markProven } from "../contact-proof.ts";
import { issueTokens } from "../tokens.ts";
import type { AuthContext, AuthOutcome } from "../types.ts";
import { RESPOND, refuseAs } from "./context.ts";

/**
 * After a passwordless first factor (a one-time code or a passkey) was proven. States are told only
 * now, as after a password: a disabled user, and (strict profile) an unconfirmed one. No MFA follows:
 * Cognito offers MFA "to sign in your users who have passwords as their primary authentication
 * factor" (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html);
 * one-time codes and passkeys are not passwords (docs/authentication.md#mfa-after-the-first-factor).
 * The password factors end in `afterPasswordVerified` instead, which is where MFA branches.
 * A FORCE_CHANGE_PASSWORD user who proves a code or a passkey gets tokens: nothing asks for a
 * password they did not use (decision). `proof`: the address a one-time code went to, marked
 * verified here (../contact-proof.ts).
 */
export async function afterPasswordlessFactor(
  ctx: AuthContext,
  user: UserRecord,
  proof?: ContactProof,
): Promise<AuthOutcome> {
  if (user.status === "UNCONFIRMED") refuseAs(ctx, RESPOND, "unconfirmed-after-password");
  if (!user.enabled) refuseAs(ctx, RESPOND, "disabled-user");
  // A one-time code's address is marked verified only once the sign-in is sure to succeed.
  return issueTokens(ctx, await markProven(ctx, user, proof), "TokenGeneration_Authentication");
}
