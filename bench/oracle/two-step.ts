/**
 * An oracle class whose timed request is the answer to a challenge (docs/measuring.md#how-requests-are-sent):
 * before each timed send, untimed, the class runs the flow's first step (InitiateAuth) for its next
 * unused name and builds the answer from that step's challenge; `send` then times only
 * RespondToAuthChallenge and checks it was refused exactly as expected. Each sample has its own
 * fresh session and its own name, so no name comes near an attempt limit.
 */
import type { CallResult, Client } from "../lib/http-client.ts";
import type { OracleClass } from "../lib/oracle.ts";

export interface Refusal {
  __type: string;
  message: string;
}

export interface TwoStep {
  /** The first step's InitiateAuth body for `name`. */
  first: (name: string, i: number) => Record<string, unknown>;
  /**
   * RespondToAuthChallenge's body from the first step's answer; null when this name was not given the
   * challenge under test (the class then takes its next name: see `skips`). Throws on anything else.
   */
  answer: (r: CallResult, name: string, i: number) => Record<string, unknown> | null;
  /** What every answer must be refused with, for both classes. */
  refusal: Refusal;
  /**
   * Called when an answer succeeds instead: a real user whose code happened to be the wrong code sent
   * (one in a million). Without it, a success throws like any other unexpected answer.
   */
  onSuccess?: () => void;
}

const MAX_SKIPS = 64;

/** Throws unless `r` is exactly `refusal` (a success is tolerated only when `onSuccess` is given). */
export function expectRefusal(r: CallResult, step: TwoStep, what: string): void {
  if (r.status === 200 && step.onSuccess) {
    step.onSuccess();
    return;
  }
  const b = r.body as Partial<Refusal> | undefined;
  if (r.status !== 400 || b?.__type !== step.refusal.__type || b.message !== step.refusal.message)
    throw new Error(
      `${what}: expected ${step.refusal.__type}, got HTTP ${r.status} ${JSON.stringify(r.body)}`,
    );
}

/**
 * A class over `name(0)`, `name(1)`, …: at most `limit` names (the seeded users of a real class), and
 * skips allowed only when `skips` (an unknown name not given the challenge, drawn per name).
 */
export function twoStepClass(
  client: Client,
  baseUrl: string,
  label: string,
  step: TwoStep,
  name: (i: number) => string,
  opts: { limit: number; skips: boolean },
): OracleClass {
  let i = 0;
  let next: Record<string, unknown> | null = null;
  return {
    label,
    prepare: async () => {
      for (let tries = 0; tries <= MAX_SKIPS; tries++) {
        if (i >= opts.limit) throw new Error(`${label}: out of names (${opts.limit})`);
        const n = i++;
        const r = await client.call(baseUrl, "InitiateAuth", step.first(name(n), n));
        next = step.answer(r, name(n), n);
        if (next) return;
        if (!opts.skips) throw new Error(`${label}: ${name(n)} was not given the challenge`);
      }
      throw new Error(`${label}: ${MAX_SKIPS} names in a row were not given the challenge`);
    },
    send: async () => {
      if (!next) throw new Error(`${label}: nothing prepared`);
      const body = next;
      next = null;
      expectRefusal(await client.call(baseUrl, "RespondToAuthChallenge", body), step, label);
    },
  };
}
