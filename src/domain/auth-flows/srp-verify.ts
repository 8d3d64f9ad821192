import { srpPoolName, verifyPasswordClaim } from "../../srp/index.ts";
import { reloadForProof } from "../existence/decoy.ts";
import { srpWork } from "../existence/equal-work.ts";
import { existence } from "../existence/index.ts";
import { canonicalName } from "../users/username.ts";
import { continueAfterPassword } from "./custom-auth/entry-points.ts";
import { claimPasswordAttempt, refundClaims } from "./lockout.ts";
import { afterPasswordVerified } from "./next-step.ts";
import { required } from "./params.ts";
import { noteSignIn } from "./password.ts";
import { refuse } from "./screen.ts";
import { openSecretBlock } from "./secret-block.ts";
import { invalidSession, takeSession } from "./session.ts";
import type { AuthContext, AuthOutcome } from "./types.ts";

/**
 * PASSWORD_VERIFIER (docs/srp.md#what-the-client-computes, docs/srp.md#what-the-server-stores-and-computes): the session named by the SECRET_BLOCK is used up first (single
 * use), then the proof is computed — two modexps — whether the session was real or simulated, and
 * compared in constant time. TIMESTAMP must be in the clients' canonical form (srp/timestamp.ts);
 * freshness is the session's server-side lifetime (AuthSessionValidity), not the client's clock
 * (decision, docs/authentication.md). The attempt is counted toward lockout before the proof is
 * checked (./lockout.ts); a failure leaves it counted.
 */
export async function srpVerify(ctx: AuthContext, responses: Record<string, string>): Promise<AuthOutcome> {
  const username = required(responses, "USERNAME");
  const block = required(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
  const signature = required(responses, "PASSWORD_CLAIM_SIGNATURE");
  const timestamp = required(responses, "TIMESTAMP");
  const { services, pool, client } = ctx;

  const sessionId = openSecretBlock(services.box, block, pool.id, client.clientId);
  if (sessionId === null) throw invalidSession();
  const state = await takeSession(ctx, sessionId, "PASSWORD_VERIFIER");
  const srp = state.srp;
  if (!srp) throw invalidSession();
  const subject = state.sub !== null ? `sub:${state.sub}` : `name:${canonicalName(pool, state.typed)}`;
  const claim = await claimPasswordAttempt(services, { pool, lockKey: state.lockKey, subject, now: ctx.now });
  // Asked for every session, real or simulated, at the same point (rule 3); never a refusal here.
  const masked = existence.decideOrThrow(ctx, ctx.api, state.state, ctx.services.probe) === "simulate";
  const user = await reloadForProof(services, pool, state.sub);
  const proven = srpWork(ctx.services.probe, () =>
    verifyPasswordClaim(
      {
        poolName: srpPoolName(pool.id),
        userIdForSrp: srp.userIdForSrp,
        secretBlock: Buffer.from(block, "base64"),
        timestamp,
        A: srp.A,
        B: srp.B,
        b: srp.b,
        verifier: srp.verifier,
      },
      signature,
    ),
  );
  const nameOk = username === state.username || username === state.typed;
  const passed = proven && nameOk && !masked && state.sub !== null && user !== null && !claim.silent;
  noteSignIn(ctx, masked ? null : state.sub, passed);
  if (!passed || !user) refuse(ctx, "wrong-password");
  // Inside CUSTOM_AUTH, DefineAuthChallenge decides what follows the proof (docs/triggers.md#custom-authentication);
  // the proof itself then counts as nothing, and the flow's end settles the count as a sign-in does.
  if (state.custom) {
    await refundClaims(services.store.counters, claim);
    return continueAfterPassword(ctx, state, user);
  }
  return afterPasswordVerified(ctx, user, state.typed, state.lockKey, claim, {
    deviceKey: responses.DEVICE_KEY,
  });
}
