import { randomBytes } from "node:crypto";
import type { Services } from "../../services.ts";
import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import { newSub } from "../ids.ts";
import {
  type CodeDeliveryDetails,
  channelMedia,
  codeDeliveryDetails,
  contactOf,
  decoySubject,
  type Medium,
  maskTarget,
} from "./delivery.ts";
import { putDecoyCode } from "./issue.ts";

/**
 * SignUp for a taken name in a strict pool (docs/existence.md#the-strict-profile): instead of
 * UsernameExistsException / AliasExistsException, the caller gets what a new name gets, and the
 * holder of the name is told that someone tried.
 *
 * - The answer: UserConfirmed as PreSignUp decided, the CodeDeliveryDetails a new user with the
 *   caller's attributes would get (masked from the caller's own input, so it says nothing about the
 *   holder), and a fresh random UserSub — random, not derived from the name, because a real sign-up is
 *   never repeated: a stable sub for a repeated taken name would itself be the oracle.
 * - The work: the real path's CustomMessage_SignUp (marked userNotFound, as every masked path's) and
 *   code-row write on one of the pool's shared sign-up decoy rows, then exactly one outbox write: the
 *   notice to the holder, or a decoy message when the holder has no contact. A strict SignUp for a new
 *   name makes one outbox write too (a decoy when it sends no code), and both read the name's holder
 *   with the even lookup (src/operations/sign-up.ts).
 * - What follows: ConfirmSignUp for that name finds the holder, and a strict pool answers it
 *   CodeMismatchException whatever their status, as it does a new user's wrong code.
 */
export type TakenName = "username" | "email" | "phone_number" | "preferred_username";

export type SignUpNoticeDeps = Pick<Services, "store" | "secrets" | "clock" | "messenger">;

export interface SignUpAnswer {
  UserConfirmed: boolean;
  CodeDeliveryDetails?: CodeDeliveryDetails;
  UserSub: string;
}

export const NOTICE_PURPOSE = "SIGN_UP_NOTICE";

/** The notice's contact: the taken attribute itself when it is one, else the holder's first contact. */
function noticeMedia(pool: PoolRecord, taken: TakenName): Medium[] {
  if (taken === "email") return ["EMAIL", "SMS"];
  if (taken === "phone_number") return ["SMS", "EMAIL"];
  const signUp = channelMedia(pool, "sign-up");
  return [...signUp, ...(["SMS", "EMAIL"] as const).filter((m) => !signUp.includes(m))];
}

const WHAT: Record<TakenName, string> = {
  username: "your username",
  email: "your email address",
  phone_number: "your phone number",
  preferred_username: "your preferred username",
};

/** The text: no code, no link; it tells the holder what happened and that nothing changed. */
function noticeText(
  pool: PoolRecord,
  taken: TakenName,
  medium: Medium,
): { subject: string | null; body: string } {
  const body =
    `Someone tried to sign up for ${pool.name} with ${WHAT[taken]}. Your account has not changed. ` +
    "If this was you, sign in, or reset your password if you have forgotten it; otherwise you can ignore this message.";
  return medium === "EMAIL"
    ? { subject: "Someone tried to sign up with your account", body }
    : { subject: null, body };
}

/** Answers a strict SignUp whose name is taken (see above). `draft` is the user the caller asked for. */
export async function answerTakenName(
  deps: SignUpNoticeDeps,
  args: {
    pool: PoolRecord;
    draft: UserRecord;
    holder: UserRecord | null;
    taken: TakenName;
    autoConfirm: boolean;
  },
): Promise<SignUpAnswer> {
  const { pool, draft, holder } = args;
  const target = args.autoConfirm ? null : contactOf(draft, channelMedia(pool, "sign-up"), false);
  if (target) {
    // CustomMessage_SignUp already ran, before the insert, as it does for every name (sign-up.ts).
    // One of the pool's 256 shared sign-up decoy rows (./delivery.ts decoySubject), picked at random.
    await putDecoyCode(deps, {
      poolId: pool.id,
      decoy: decoySubject(randomBytes(16), "sign-up"),
      purpose: "SIGN_UP",
    });
  }
  const contact = holder ? contactOf(holder, noticeMedia(pool, args.taken), false) : null;
  if (holder && contact) {
    await deps.messenger.enqueue({
      poolId: pool.id,
      username: holder.username,
      sub: holder.sub,
      medium: contact.medium,
      destination: contact.address,
      ...noticeText(pool, args.taken, contact.medium),
      code: null,
      purpose: NOTICE_PURPOSE,
    });
  } else {
    await sendDecoyMessage(deps, pool, draft);
  }
  return {
    UserConfirmed: args.autoConfirm,
    ...(target ? codeDeliveryDetails(maskTarget(target)) : {}),
    UserSub: newSub(),
  };
}

/**
 * One decoy outbox write: what a strict SignUp for a new name makes when it sends no code, and a taken
 * name's answer when its holder has no contact, so every strict SignUp writes exactly one message.
 */
export async function sendDecoyMessage(
  deps: Pick<Services, "messenger">,
  pool: PoolRecord,
  draft: Pick<UserRecord, "username" | "sub">,
): Promise<void> {
  const notice = noticeText(pool, "username", "EMAIL");
  await deps.messenger.enqueueDecoy({
    poolId: pool.id,
    username: draft.username,
    sub: draft.sub,
    medium: "EMAIL",
    destination: "decoy@example.invalid",
    // A notice's text, sealed like one (docs/existence.md#equal-work); the decoy carries no code.
    subject: notice.subject,
    body: [notice.body],
    code: "",
  });
}
