/**
 * The requests answered no sooner than a fixed time after they arrive (docs/existence.md#the-time-floor).
 *
 * The code flows do the same storage calls for a real and an unknown name (equal-work.ts, and the
 * tests that count them), yet a real row and a decoy row are not read in exactly the same
 * microseconds: SQLite's page cache, row sizes and index depth differ by a few µs, which a
 * Kolmogorov–Smirnov test sees after about 10,000 requests per class (docs/performance.md). Rather
 * than chase each microsecond, the server holds these answers until a floor (`--code-flow-floor-ms`)
 * measured from arrival, so the time a caller sees is the floor plus timer jitter, whatever happened
 * before it. These are rare, human-paced operations (Cognito's own answer them in tens of ms), so the
 * wait costs no throughput, only a few ms of latency, and no CPU.
 *
 * Choice-based sign-in (USER_AUTH) is floored for the same reason: its first step and its code and
 * passkey answers do no password work, so the same µs differences are what is left to measure (the
 * first step's unknown name answered 1–2 µs sooner at 10,000 per class; docs/performance.md).
 *
 * The password sign-ins are not: their cost is dominated by the same password or SRP work on both
 * paths and passes the timing benchmarks without a floor, and a floor there would cap single-client
 * sign-in rates.
 */
const CODE_FLOWS: ReadonlySet<string> = new Set([
  "ConfirmSignUp",
  "ResendConfirmationCode",
  "ForgotPassword",
  "ConfirmForgotPassword",
]);

const SIGN_IN_STARTS: ReadonlySet<string> = new Set(["InitiateAuth", "AdminInitiateAuth"]);
const SIGN_IN_ANSWERS: ReadonlySet<string> = new Set([
  "RespondToAuthChallenge",
  "AdminRespondToAuthChallenge",
]);

/**
 * The challenges of choice-based sign-in that carry no password: the choice itself, the one-time
 * codes (EMAIL_OTP also answers email MFA, which a floor does no harm) and the passkey.
 */
const USER_AUTH_CHALLENGES: ReadonlySet<string> = new Set([
  "SELECT_CHALLENGE",
  "EMAIL_OTP",
  "SMS_OTP",
  "WEB_AUTHN",
]);

/** Whether a validated request is held to the time floor. */
export function isTimeFloored(operation: string, input: unknown): boolean {
  if (CODE_FLOWS.has(operation)) return true;
  const field = (name: string): unknown =>
    typeof input === "object" && input !== null ? (input as Record<string, unknown>)[name] : undefined;
  if (SIGN_IN_STARTS.has(operation)) return field("AuthFlow") === "USER_AUTH";
  if (SIGN_IN_ANSWERS.has(operation)) {
    const challenge = field("ChallengeName");
    return typeof challenge === "string" && USER_AUTH_CHALLENGES.has(challenge);
  }
  return false;
}
