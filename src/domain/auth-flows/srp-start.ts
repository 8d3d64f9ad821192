import { startServerSession, validateA } from "../../srp/index.ts";
import type { UserRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { lookupForSignIn } from "../existence/decoy.ts";
import { type CredentialChoice, credentialPair, srpWork } from "../existence/equal-work.ts";
import { assertSecretHash, required } from "./params.ts";
import { type Screened, screen } from "./screen.ts";
import { sealSecretBlock } from "./secret-block.ts";
import { putSession, type SessionState } from "./session.ts";
import type { AuthContext, AuthOutcome } from "./types.ts";

/**
 * USER_SRP_AUTH step 1 (docs/srp.md#the-wire-exchange, docs/srp.md#what-the-server-stores-and-computes): B = k·v + g^b for the user's verifier, or — for an unknown
 * name under ENABLED, or a state the table hides — for the deterministic fake verifier of the typed
 * name, with its stable SALT and USER_ID_FOR_SRP (a UUID in the cognito profile, the typed name in a
 * strict pool: ../existence/equal-work.ts; docs/existence.md#simulated-srp, docs/srp.md#unknown-users, RFC 5054 §2.5.1.3). Either way:
 * the same reads, one modexp, one session write, the same answer shape. A real user's USERNAME and
 * USER_ID_FOR_SRP are the internal username (docs/srp.md#the-wire-exchange). No Session is returned, as in the real capture (docs/srp.md#the-wire-exchange); the
 * SECRET_BLOCK carries the session handle.
 */
export async function srpStart(ctx: AuthContext, params: Record<string, string>): Promise<AuthOutcome> {
  const typed = required(params, "USERNAME");
  const A = required(params, "SRP_A");
  assertSecretHash(ctx.services, ctx.client, typed, params);
  return srpStartFor(ctx, typed, A);
}

/** SRP step 1 for a name whose request was already checked (also USER_AUTH's PASSWORD_SRP factor, ./user-auth/). */
export async function srpStartFor(ctx: AuthContext, typed: string, A: string): Promise<AuthOutcome> {
  // Checked before the lookup: it depends only on the request (inferred wording; docs/authentication.md).
  if (!validateA(A)) throw errors.invalidSrpA();
  const found = await lookupForSignIn(ctx.services, ctx.pool, typed);
  const s = await screen(ctx, typed, found.user);
  const choice = srpCredential(ctx, typed, found, s);
  const srp = { A, choice, user: found.user };
  return passwordVerifierChallenge(ctx, srp, { typed, lockKey: s.lockKey, state: s.state });
}

/**
 * The credential SRP step 1 runs on, for a screened name: the user's sealed credential is opened (or
 * the decoy's, or a dummy) AND the typed name's fake is derived, every time, then one is picked
 * (../existence/equal-work.ts). CUSTOM_AUTH derives it too, whether or not its flow ever reaches
 * PASSWORD_VERIFIER, so that both of its paths do this work (./custom-auth/entry-points.ts).
 */
export function srpCredential(
  ctx: AuthContext,
  typed: string,
  found: { user: UserRecord | null; decoy: UserRecord | null },
  s: Screened,
): CredentialChoice {
  return credentialPair(ctx.services, {
    pool: ctx.pool,
    typed,
    canonical: s.typedKey,
    user: found.user,
    decoy: found.decoy,
    mask: s.mask,
    profile: ctx.profile,
    srp: true,
  });
}

/** What SRP step 1 has settled before its modexp: the client's A, the chosen credential, the user looked up. */
export interface SrpStart {
  A: string;
  choice: CredentialChoice;
  user: UserRecord | null;
}

/**
 * The server half of SRP step 1 on a chosen credential, for USER_SRP_AUTH and CUSTOM_AUTH's
 * PASSWORD_VERIFIER alike: one counted modexp for B, one session write (PASSWORD_VERIFIER, holding b
 * and the verifier for step 2, ./srp-verify.ts), and the challenge with SALT, SECRET_BLOCK, SRP_B,
 * USERNAME and USER_ID_FOR_SRP. A simulated choice stores no sub, so step 2 fails whatever is proven.
 * `extra` is what a flow keeps beside the SRP state (CUSTOM_AUTH's history).
 */
export async function passwordVerifierChallenge(
  ctx: AuthContext,
  srp: SrpStart,
  who: Pick<SessionState, "typed" | "lockKey" | "state">,
  extra: Pick<SessionState, "custom"> = {},
): Promise<AuthOutcome> {
  const { services, pool, client } = ctx;
  const { choice, user } = srp;
  const { b, B } = srpWork(services.probe, () => startServerSession(choice.verifier));
  const sessionId = await putSession(ctx, {
    challenge: "PASSWORD_VERIFIER",
    poolId: pool.id,
    clientId: client.clientId,
    sub: choice.simulated || !user ? null : user.sub,
    username: choice.userIdForSrp,
    typed: who.typed,
    lockKey: who.lockKey,
    state: who.state,
    issuedAt: ctx.now,
    srp: { A: srp.A, B, b, verifier: choice.verifier, userIdForSrp: choice.userIdForSrp },
    ...extra,
  });
  return {
    kind: "challenge",
    name: "PASSWORD_VERIFIER",
    parameters: {
      SALT: choice.salt,
      SECRET_BLOCK: sealSecretBlock(services.box, sessionId, pool.id, client.clientId),
      SRP_B: B,
      USERNAME: choice.userIdForSrp,
      USER_ID_FOR_SRP: choice.userIdForSrp,
    },
  };
}
