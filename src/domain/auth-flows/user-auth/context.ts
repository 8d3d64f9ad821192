import type { UserRecord } from "../../../storage/ports.ts";
import { type ExistenceOperation, existence, type UserState } from "../../existence/index.ts";
import type { StepSubject } from "../session.ts";
import type { AuthContext } from "../types.ts";

/**
 * USER_AUTH answers every name as PreventUserExistenceErrors ENABLED does, whatever the client's
 * setting: AWS's guide says "choice-based authentication isn't affected by your
 * PreventUserExistenceErrors configuration" and, for ENABLED, that it answers unknown names with a
 * challenge (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html;
 * decision, docs/authentication.md#existence). The flows it shares with the password sign-ins (the
 * PASSWORD and PASSWORD_SRP factors) therefore run with the client seen as ENABLED; the setting is
 * still read in one place only (../../existence/decide.ts), from this view of the client.
 */
export function maskedContext(ctx: AuthContext): AuthContext {
  return {
    ...ctx,
    client: { ...ctx.client, config: { ...ctx.client.config, PreventUserExistenceErrors: "ENABLED" } },
  };
}

export const START: ExistenceOperation = "InitiateAuth USER_AUTH";
export const RESPOND: ExistenceOperation = "RespondToAuthChallenge USER_AUTH";

/** Throws the table's answer for a USER_AUTH outcome (always a refusal). */
export function refuseAs(ctx: AuthContext, operation: ExistenceOperation, state: UserState): never {
  existence.decideOrThrow(ctx, operation, state, ctx.services.probe);
  throw new Error(`existence table: ${operation} / ${state} should refuse`);
}

/** The subject of one USER_AUTH step: who signs in, as the first step classified them. */
export interface Subject {
  /** The user; null on a masked session (an unknown name, or a state the table hides). */
  user: UserRecord | null;
  typed: string;
  typedKey: string;
  lockKey: string;
  state: UserState;
  /** The USERNAME the challenges show (./start.ts). */
  shown: string;
  /** The factors the user really has; empty when masked. */
  own: Set<string>;
  offered: string[];
  /** The name's MAC for simulated values (./factors.ts userAuthMac). */
  mac: Buffer;
}

/** Whom a USER_AUTH challenge session is for (../session.ts openStep). */
export const stepOf = (s: Subject): StepSubject => ({
  sub: s.user ? s.user.sub : null,
  username: s.shown,
  typed: s.typed,
  lockKey: s.lockKey,
  state: s.state,
});
