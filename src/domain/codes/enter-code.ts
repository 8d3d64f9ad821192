import type { Services } from "../../services.ts";
import type { ClientRecord, PoolRecord, UserRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { findUserEvenly } from "../existence/even-lookup.ts";
import { codeEntryState, existence } from "../existence/index.ts";
import { inTransaction } from "../transaction.ts";
import { chargeUserAttempt, clearAttempts, keepsAttempts } from "./attempts.ts";
import { type Channel, decoySubjectFor } from "./delivery.ts";
import { type CodePurpose, checkCode, checkDecoyCode } from "./issue.ts";
import { openCodeSequence } from "./open-sequence.ts";
import type { PublicRequest } from "./request-code.ts";
import { acceptedCode, redeemCode } from "./verdict.ts";

/**
 * The sequence behind the public operations that CHECK a code, ConfirmSignUp and
 * ConfirmForgotPassword:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmForgotPassword.html
 *
 * Under PreventUserExistenceErrors ENABLED a name without a user (or a user the table hides) gets
 * CodeMismatchException, the answer a wrong code gets
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html).
 * So that the answer is also reached by the same work, the masked path checks the code against the
 * name's decoy row: the same read and MAC as the real check (docs/existence.md, "The masked path: same
 * answer, same work"). The sequence ends at a right code; what the code is for (confirm the user, set
 * the password, PostConfirmation) is the operation's own effect.
 */
export interface CodeEntryKind {
  /** The operation: its rows in the existence table and its attempt counter. */
  operation: "ConfirmSignUp" | "ConfirmForgotPassword";
  /** The channel the code was sent on; names the masked path's decoy row (./delivery.ts). */
  channel: Channel;
  /** The code row's purpose. */
  purpose: CodePurpose;
}

export interface CodeEntryRequest extends PublicRequest {
  ConfirmationCode: string;
}

/** A right code for a user the table lets through. */
export interface EnteredCode {
  client: ClientRecord;
  pool: PoolRecord;
  user: UserRecord;
  /**
   * In one transaction (docs/storage.md#transactions): uses the code up (CodeMismatchException when a
   * concurrent request took it first), runs the operation's effect with the transaction's services,
   * then forgets the attempts (only a right code clears them; ./attempts.ts).
   */
  redeem<T>(effect: (tx: EnterCodeDeps) => Promise<T>): Promise<T>;
}

export type EnterCodeDeps = Pick<Services, "store" | "box" | "secrets" | "clock" | "probe" | "config">;

/**
 * Runs a code entry: client and pool, SecretHash, `checkPool` (a refusal that does not depend on the
 * user: docs/existence.md#checks-made-before-the-table-the-same-answer-for-every-name), the attempt counted for any name (past
 * the limit LimitExceededException, ./attempts.ts), the even lookup, the decoy subject, then the
 * existence table (codeEntryState, for the client's mode and the pool's profile). `simulate`, or no
 * user, ends in CodeMismatchException after the decoy check; `proceed` checks the user's code and
 * hands the user back. A wrong code is CodeMismatchException; no live code asks the table again
 * (`expired-code`: Cognito's ExpiredCodeException, which tells a user with no outstanding code from an
 * unknown name, or CodeMismatchException in a strict pool, docs/existence.md#the-strict-profile).
 * A `fail` answer is thrown by `decideOrThrow`.
 */
export async function enterCode(
  deps: EnterCodeDeps,
  args: { kind: CodeEntryKind; request: CodeEntryRequest; checkPool?: (pool: PoolRecord) => void },
): Promise<EnteredCode> {
  const { kind, request: req } = args;
  const {
    client,
    pool,
    charge: key,
  } = await openCodeSequence(deps, {
    request: req,
    operation: kind.operation,
    channel: kind.channel,
    attempt: "code-entry",
    checkPool: args.checkPool,
  });
  const user = await findUserEvenly(deps, pool, req.Username);
  // The user's own budget, shared by its aliases; spent, it answers as a wrong code would (./attempts.ts).
  const withinBudget = await chargeUserAttempt(deps, key, user);
  // Computed on both paths, so both make the same MACs (docs/existence.md#equal-work).
  const decoy = decoySubjectFor(deps.secrets, pool, kind.channel, req.Username);
  const asker = existence.askerFor(client, pool, deps.config.existenceProfile);
  const next = existence.decideOrThrow(asker, kind.operation, codeEntryState(user), deps.probe);
  const code = req.ConfirmationCode;
  if (next === "simulate" || !user || !withinBudget) {
    await checkDecoyCode(deps, { poolId: pool.id, purpose: kind.purpose, decoy, code });
    throw errors.codeMismatch();
  }
  const check = await checkCode(deps, { poolId: pool.id, subject: user.sub, purpose: kind.purpose, code });
  if (check.outcome === "expired") {
    existence.decideOrThrow(asker, kind.operation, "expired-code", deps.probe);
    throw new Error(`existence table: ${kind.operation} / expired-code should refuse`);
  }
  const record = acceptedCode(check);
  return {
    client,
    pool,
    user,
    redeem<T>(effect: (tx: EnterCodeDeps) => Promise<T>): Promise<T> {
      return inTransaction(deps, async (tx) => {
        await redeemCode(tx, record);
        const result = await effect(tx);
        await clearAttempts(tx, key, keepsAttempts(tx, pool));
        return result;
      });
    },
  };
}
