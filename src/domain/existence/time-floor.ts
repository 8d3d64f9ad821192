/**
 * The operations answered no sooner than a fixed time after they arrive (docs/existence.md#the-time-floor).
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
 * Sign-in is not on the list: its cost is dominated by the same password or SRP work on both paths
 * and passes the timing benchmarks without a floor, and a floor there would cap single-client
 * sign-in rates.
 */
export const TIME_FLOORED_OPERATIONS: ReadonlySet<string> = new Set([
  "ConfirmSignUp",
  "ResendConfirmationCode",
  "ForgotPassword",
  "ConfirmForgotPassword",
]);
