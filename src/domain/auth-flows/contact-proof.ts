import type { UserRecord } from "../../storage/ports.ts";
import { CognitoError } from "../errors/index.ts";
import { updateUser } from "../users/update-user.ts";
import type { AuthContext } from "./types.ts";

/**
 * A sign-in code proves the address it was sent to. For SMS and email MFA AWS documents that
 * "Amazon Cognito can send messages to unverified email addresses and phone numbers. When a user
 * completes their first MFA, Amazon Cognito marks their email address or phone number as verified"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-text-message.html).
 * USER_AUTH's EMAIL_OTP / SMS_OTP codes do the same (decision, docs/authentication.md#one-time-codes):
 * the same challenge, the same message templates, the same proof.
 */
export interface ContactProof {
  attribute: "email" | "phone_number";
  /** The address the code went to, as it was when the code was sent. */
  address: string;
}

/**
 * Marks the proven address verified, after the code was accepted and before tokens are minted (so
 * they carry `email_verified` / `phone_number_verified: true`). Nothing changes when the user's
 * attribute no longer holds that address (changed since the code was sent) or is verified already.
 * In an alias pool the address then becomes an alias; when another user holds it as one, the address
 * stays unverified and the sign-in goes on (decision: a sign-in never moves an alias, unlike
 * ConfirmSignUp's ForceAliasCreation).
 */
export async function markProven(
  ctx: AuthContext,
  user: UserRecord,
  proof: ContactProof | undefined,
): Promise<UserRecord> {
  if (!proof) return user;
  const flag = `${proof.attribute}_verified`;
  const unproven = (u: UserRecord) =>
    u.attributes[proof.attribute] === proof.address && u.attributes[flag] !== "true";
  if (!unproven(user)) return user;
  try {
    return await updateUser({ store: ctx.services.store }, ctx.pool, user, (u) =>
      unproven(u) ? { ...u, attributes: { ...u.attributes, [flag]: "true" }, modifiedAt: ctx.now } : u,
    );
  } catch (e) {
    if (e instanceof CognitoError && e.type === "AliasExistsException") return user;
    throw e;
  }
}
