import { CognitoError } from "../errors/index.ts";
import { canonicalName } from "../users/username.ts";
import { claimPasswordAttempt, type PasswordClaim } from "./lockout.ts";
import { invalidSession, type SessionState, type SrpState, takeSession } from "./session.ts";
import type { AuthContext } from "./types.ts";

/** A PASSWORD_VERIFIER session used up and its attempt counted. */
export interface SrpClaim {
  state: SessionState;
  srp: SrpState;
  claim: PasswordClaim;
}

/**
 * PASSWORD_VERIFIER's two writes, the session's single use and the lockout claim (./lockout.ts), as
 * one transaction: one commit instead of two (docs/performance.md#fewer-commits-per-sign-in). Both
 * still come before the proof is computed, in the same order, on every path (real or simulated
 * session alike). A refusal of either (a session that is used, expired or not this challenge's, a
 * locked name) is an answer, not a failure: it is returned out of the transaction and thrown after
 * the commit, so the session is used up exactly as when each write committed on its own.
 */
export async function takeAndClaim(ctx: AuthContext, sessionId: string): Promise<SrpClaim> {
  const { services, pool } = ctx;
  const out = await services.store.transaction(async (tx): Promise<SrpClaim | CognitoError> => {
    try {
      const state = await takeSession(ctx, sessionId, "PASSWORD_VERIFIER", tx);
      const srp = state.srp;
      if (!srp) throw invalidSession();
      const subject = state.sub !== null ? `sub:${state.sub}` : `name:${canonicalName(pool, state.typed)}`;
      const claim = await claimPasswordAttempt(
        { ...services, store: tx },
        { pool, lockKey: state.lockKey, subject, now: ctx.now },
      );
      return { state, srp, claim };
    } catch (e) {
      if (e instanceof CognitoError) return e;
      throw e;
    }
  });
  if (out instanceof CognitoError) throw out;
  return out;
}
