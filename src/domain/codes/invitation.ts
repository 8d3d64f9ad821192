import { splitAtCode } from "../../messaging/content.ts";
import type { Messenger } from "../../messaging/messenger.ts";
import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import { poolConfig } from "../pools/pool.ts";
import type { CustomText } from "../trigger-calls/custom-message.ts";

export type DeliveryMedium = "EMAIL" | "SMS";

/**
 * Cognito's default invitation texts when AdminCreateUserConfig.InviteMessageTemplate leaves them
 * out (the console shows these defaults; placeholders {username} and {####} per docs/triggers.md#custommessage).
 */
const DEFAULT_MESSAGE = "Your username is {username} and temporary password is {####}.";
const DEFAULT_SUBJECT = "Your temporary password";

/**
 * The text around the temporary password: split at `{####}` first, then `{username}` filled, so the
 * password is sealed apart from the text (docs/security.md#secrets-at-rest) and a username containing
 * `{####}` stays a username.
 */
const around = (template: string, username: string): string[] =>
  splitAtCode(template, { "{username}": username });

/**
 * Writes the AdminCreateUser invitation to the outbox, once per requested medium the user has a
 * destination for (DesiredDeliveryMediums defaults to SMS, docs/admin-users.md). A medium without a destination
 * is skipped, not an error (inferred; docs/admin-users.md). `signInName` fills {username}: what the
 * user types to sign in (the email/phone in username-attribute pools, else the username).
 * Returns the media actually used.
 */
export async function sendInvitation(
  messenger: Messenger,
  pool: PoolRecord,
  user: UserRecord,
  args: {
    temporaryPassword: string;
    mediums: readonly DeliveryMedium[];
    signInName: string;
    text?: CustomText | undefined;
  },
): Promise<DeliveryMedium[]> {
  const invite = poolConfig(pool).AdminCreateUserConfig?.InviteMessageTemplate ?? {};
  // A CustomMessage_AdminCreateUser function's text comes first (docs/triggers.md#custommessage).
  const template = {
    EmailMessage: args.text?.emailMessage ?? invite.EmailMessage,
    EmailSubject: args.text?.emailSubject ?? invite.EmailSubject,
    SMSMessage: args.text?.smsMessage ?? invite.SMSMessage,
  };
  const used: DeliveryMedium[] = [];
  for (const medium of new Set(args.mediums)) {
    const destination = medium === "EMAIL" ? user.attributes.email : user.attributes.phone_number;
    if (!destination) continue;
    const body =
      medium === "EMAIL"
        ? around(template.EmailMessage ?? DEFAULT_MESSAGE, args.signInName)
        : around(template.SMSMessage ?? DEFAULT_MESSAGE, args.signInName);
    await messenger.enqueue({
      poolId: pool.id,
      username: user.username,
      sub: user.sub,
      medium,
      destination,
      subject: medium === "EMAIL" ? (template.EmailSubject ?? DEFAULT_SUBJECT) : null,
      body,
      code: args.temporaryPassword,
      purpose: "INVITATION",
    });
    used.push(medium);
  }
  return used;
}

/** The name a user signs in with: in username-attribute pools the email/phone, else the username. */
export function signInName(pool: PoolRecord, user: UserRecord): string {
  const ua = poolConfig(pool).UsernameAttributes ?? [];
  if (ua.includes("email") && user.attributes.email) return user.attributes.email;
  if (ua.includes("phone_number") && user.attributes.phone_number) return user.attributes.phone_number;
  return user.username;
}
