import { startServerSession, validateA } from "../../srp/index.ts";
import { errors } from "../errors/index.ts";
import { lookupForSignIn } from "../existence/decoy.ts";
import { credentialPair, srpWork } from "../existence/equal-work.ts";
import { assertSecretHash, required } from "./params.ts";
import { screen } from "./screen.ts";
import { sealSecretBlock } from "./secret-block.ts";
import { putSession } from "./session.ts";
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
  const { services, pool, client } = ctx;

  const { user, decoy } = await lookupForSignIn(services, pool, typed);
  const s = await screen(ctx, typed, user);
  const choice = credentialPair(services, {
    pool,
    typed,
    canonical: s.typedKey,
    user,
    decoy,
    mask: s.mask,
    profile: ctx.profile,
    srp: true,
  });
  const { b, B } = srpWork(ctx.services.probe, () => startServerSession(choice.verifier));
  const sessionId = await putSession(ctx, {
    challenge: "PASSWORD_VERIFIER",
    poolId: pool.id,
    clientId: client.clientId,
    sub: choice.simulated || !user ? null : user.sub,
    username: choice.userIdForSrp,
    typed,
    lockKey: s.lockKey,
    state: s.state,
    issuedAt: ctx.now,
    srp: { A, B, b, verifier: choice.verifier, userIdForSrp: choice.userIdForSrp },
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
