import { compareAnswers, type Difference, type Sent } from "./compare.ts";
import { OPERATIONS, type OperationSpec } from "./operations.ts";
import type { NameSlot, PoolKindId, Target } from "./pools.ts";
import type { RawClient } from "./raw-http.ts";
import { PASSWORD, type StateId } from "./states.ts";

/**
 * Lockout sequences (docs/existence.md#lockout-parity): eight failed sign-ins in a row, the known
 * and the unknown name interleaved step by step so both see the same clock, compared answer by
 * answer. Cognito locks after five failures, so the sequence crosses into the lock. Run on a subset
 * of pools and states; the e2e suite's server clock stands still, so a lock never lapses mid-run.
 */
export interface LockoutScenario {
  id: string;
  pools: readonly PoolKindId[];
  states: readonly StateId[];
  run(raw: RawClient, t: Target, known: NameSlot, unknown: NameSlot): Promise<Difference[]>;
}

const FAILURES = 8;

const opNamed = (id: string) => {
  const op = OPERATIONS.find((o) => o.id === id);
  if (!op) throw new Error(`no operation ${id}`);
  return op;
};
const wrongPassword = opNamed("InitiateAuth USER_PASSWORD_AUTH");
const wrongProof = opNamed("InitiateAuth USER_SRP_AUTH step 2 (wrong password proof)");

/** Sends `attempt(side, i)` for i = 0…7, alternating the sides, and compares each step. */
async function sequence(
  attempt: (side: "known" | "unknown", i: number) => Promise<Sent>,
  between?: (i: number) => Promise<void>,
): Promise<Difference[]> {
  const out: Difference[] = [];
  for (let i = 0; i < FAILURES; i++) {
    await between?.(i);
    const k = await attempt("known", i);
    const u = await attempt("unknown", i);
    out.push(...compareAnswers(k, u, `failure ${i + 1}`));
  }
  return out;
}

const slotOf = (side: "known" | "unknown", known: NameSlot, unknown: NameSlot) =>
  side === "known" ? known : unknown;

/** One failed attempt of `op` for a name, with the name it typed. */
async function fail(op: OperationSpec, raw: RawClient, t: Target, slot: NameSlot): Promise<Sent> {
  return { answer: await op.send(raw, t, slot), typed: slot.typed };
}

export const LOCKOUT_SCENARIOS: readonly LockoutScenario[] = [
  {
    id: "8 wrong passwords (USER_PASSWORD_AUTH)",
    pools: ["plain", "case-insensitive", "email-alias"],
    states: ["confirmed", "disabled", "reset-required", "force-change-password"],
    run: (raw, t, known, unknown) =>
      sequence((side) => fail(wrongPassword, raw, t, slotOf(side, known, unknown))),
  },
  {
    id: "8 wrong SRP proofs (PASSWORD_VERIFIER)",
    pools: ["plain"],
    states: ["confirmed"],
    run: (raw, t, known, unknown) =>
      sequence((side) => fail(wrongProof, raw, t, slotOf(side, known, unknown))),
  },
  {
    // The owner signs in between the attacker's fourth and fifth failure; an unknown name has no owner.
    id: "8 wrong passwords, the owner signs in after the fourth",
    pools: ["plain", "email-alias"],
    states: ["confirmed"],
    run: (raw, t, known, unknown) =>
      sequence(
        (side) => fail(wrongPassword, raw, t, slotOf(side, known, unknown)),
        async (i) => {
          if (i !== 4) return;
          const ok = await raw.post("InitiateAuth", {
            ClientId: t.clientId,
            AuthFlow: "USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: known.typed, PASSWORD },
          });
          if (ok.status !== 200) throw new Error(`the owner could not sign in: ${ok.body}`);
        },
      ),
  },
  {
    // Username and alias of one user, alternately, against an unknown username and alias.
    id: "8 wrong passwords, alternating username and alias",
    pools: ["email-alias", "phone-alias", "preferred-username-alias"],
    states: ["confirmed"],
    run: (raw, t, known, unknown) =>
      sequence((side, i) => {
        const slot = slotOf(side, known, unknown);
        const typed = i % 2 === 0 ? (slot.username ?? slot.typed) : slot.typed;
        return fail(wrongPassword, raw, t, { ...slot, typed });
      }),
  },
];
