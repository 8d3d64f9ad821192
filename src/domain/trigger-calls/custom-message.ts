import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import type { CustomMessageSource, StringMap } from "../../triggers/index.ts";
import { CODE_PARAMETER, customMessageEvent, USERNAME_PARAMETER } from "../../triggers/index.ts";
import { envelopeFor, eventAttributes, runnerFor, type TriggerDeps } from "./envelope.ts";

/**
 * What a CustomMessage function returned (docs/triggers.md#custommessage): message templates in which `{####}` (and, for
 * AdminCreateUser, `{username}`) are replaced after the function returns. An absent field means "the
 * pool's own template". Rendering is in ../codes/message.ts and ../codes/invitation.ts.
 */
export interface CustomText {
  smsMessage?: string;
  emailMessage?: string;
  emailSubject?: string;
}

/** Who the message is for: a real user, or the masked path's simulated delivery (see below). */
export type MessageSubject = { user: UserRecord } | { simulatedFor: string };

/**
 * Runs CustomMessage before a code or invitation is queued; undefined when the pool has no such
 * trigger. The function's error fails the operation before any code is stored.
 *
 * The masked path (an unknown or hidden user under ENABLED; docs/existence.md) calls the function
 * too, with `userName` the name as typed, empty `userAttributes` and `request.userNotFound: true`, and
 * renders the decoy message with what it returns. Cognito sends no message for a simulated delivery,
 * but a masked path that skipped a configured function would answer one function call sooner than the
 * real path — an existence oracle as wide as the function's latency. `userNotFound` is Cognito's own
 * marker for this situation (PreAuthentication, custom auth, docs/triggers.md#preauthentication, docs/triggers.md#custom-authentication), so a function can tell the
 * call apart and still take the same time (decision, docs/triggers.md).
 */
export async function customMessage(
  deps: TriggerDeps,
  args: {
    pool: PoolRecord;
    clientId: string | undefined;
    source: CustomMessageSource;
    subject: MessageSubject;
    clientMetadata: StringMap | undefined;
  },
): Promise<CustomText | undefined> {
  const runner = runnerFor(deps, args.pool);
  if (!runner.has("CustomMessage")) return undefined;
  const { subject } = args;
  const userName = "user" in subject ? subject.user.username : subject.simulatedFor;
  const event = customMessageEvent(envelopeFor(deps, args.pool, userName, args.clientId), args.source, {
    userAttributes: "user" in subject ? eventAttributes(args.pool, subject.user) : {},
    clientMetadata: args.clientMetadata ?? null,
  });
  const sent = "user" in subject ? event : { ...event, request: { ...event.request, userNotFound: true } };
  const { response } = await runner.run("CustomMessage", sent);
  const text: CustomText = {
    ...(response.smsMessage ? { smsMessage: response.smsMessage } : {}),
    ...(response.emailMessage ? { emailMessage: response.emailMessage } : {}),
    ...(response.emailSubject ? { emailSubject: response.emailSubject } : {}),
  };
  warnMissingPlaceholders(deps, args.source, text);
  return text;
}

/**
 * Cognito requires the code placeholder (and the username placeholder for AdminCreateUser) in the
 * returned messages (docs/triggers.md#custommessage). hushpool sends such a message anyway and says so in the log, so a
 * developer sees why the code is missing (decision).
 */
function warnMissingPlaceholders(deps: TriggerDeps, source: CustomMessageSource, text: CustomText): void {
  const needed =
    source === "CustomMessage_AdminCreateUser" ? [CODE_PARAMETER, USERNAME_PARAMETER] : [CODE_PARAMETER];
  for (const [field, value] of Object.entries(text)) {
    if (field === "emailSubject" || typeof value !== "string") continue;
    const missing = needed.filter((p) => !value.includes(p));
    if (missing.length > 0) {
      deps.log.warn(
        { trigger: "CustomMessage", triggerSource: source, field },
        `CustomMessage function returned response.${field} without ${missing.join(" and ")}; the message is sent without the ${missing.includes(CODE_PARAMETER) ? "code" : "username"} (use event.request.codeParameter / usernameParameter in the text)`,
      );
    }
  }
}
