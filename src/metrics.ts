/**
 * What the server counts for its operator (docs/operating.md#metrics). `Services.metrics` is this
 * interface: the Prometheus implementation (src/server/metrics.ts) when the server runs with
 * `--metrics`, NO_METRICS otherwise, so a call costs one empty function call when metrics are off.
 *
 * Every label value must come from a small, fixed set: an operation or trigger name, an error
 * `__type`, a challenge name, a quota category. Never a user name, pool id, client id, address,
 * code, token or secret: labels are stored for every distinct value, and are read by whoever reads
 * the metrics.
 */
export interface Metrics {
  /** One API request or route answered: `status` 0 when the client went away before the answer. */
  request(operation: string, status: number, errorType: string, seconds: number): void;
  /**
   * One step of a sign-in ended: `outcome` is `tokens`, the challenge name answered (e.g.
   * `NEW_PASSWORD_REQUIRED`, `SMS_MFA`), or the error `__type` refused with. The HTTP edge records
   * it for the operations in SIGN_IN_OPERATIONS; a new sign-in operation is added there.
   */
  signIn(operation: string, outcome: string): void;
  /**
   * One trigger call (all its attempts): `outcome` is how it ended (`returned`, `functionError`,
   * `invocationFailed`, `nonJson`; src/triggers/invokers/invoker.ts).
   */
  triggerCall(trigger: string, outcome: string, seconds: number): void;
  /** A request refused by the request-rate quotas (docs/security.md#quotas). */
  quotaRefused(category: string): void;
  /**
   * A countable event of the user-pool semantics, for capabilities to record where they happen.
   * Add the event's name to CountedEvent (and its meaning to docs/operating.md#metrics).
   */
  count(event: CountedEvent): void;
}

/**
 * Events a capability counts through `Metrics.count` (`hushpool_events_total{event}`). A fixed set,
 * so that no caller can put an unbounded or private value into a label.
 */
export type CountedEvent =
  /** `POST /_hushpool/reset` put the seeded state back (docs/seeding.md#reset-between-tests). */
  "reset";

/** The operations whose answers are sign-in steps: InitiateAuth and the challenge responses. */
export const SIGN_IN_OPERATIONS: ReadonlySet<string> = new Set([
  "InitiateAuth",
  "AdminInitiateAuth",
  "RespondToAuthChallenge",
  "AdminRespondToAuthChallenge",
]);

/** Metrics off: records nothing. */
export const NO_METRICS: Metrics = Object.freeze({
  request() {},
  signIn() {},
  triggerCall() {},
  quotaRefused() {},
  count() {},
});
