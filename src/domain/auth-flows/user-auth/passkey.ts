import { randomBytes } from "node:crypto";
import { reloadForProof } from "../../existence/decoy.ts";
import { existence } from "../../existence/index.ts";
import { parseAssertion, verifyAssertion } from "../../webauthn/assertion.ts";
import { relyingParty } from "../../webauthn/config.ts";
import { type CredentialDescriptor, simulatedDescriptors } from "../../webauthn/simulated.ts";
import { required } from "../params.ts";
import { invalidSession, openStep, resumeStep } from "../session.ts";
import type { AuthContext, AuthOutcome } from "../types.ts";
import { maskedContext, RESPOND, refuseAs, type Subject, stepOf } from "./context.ts";
import { afterPasswordlessFactor } from "./finish.ts";

/**
 * WEB_AUTHN, a passkey as first factor (docs/passkeys.md#sign-in). The challenge carries
 * CREDENTIAL_REQUEST_OPTIONS, a JSON string of PublicKeyCredentialRequestOptions that Amplify passes
 * to navigator.credentials.get; the answer is CREDENTIAL, the JSON string of the assertion.
 *
 * allowCredentials (docs/existence.md#user_auth-simulated-challenges):
 * - cognito profile: the user's passkeys; for a masked name, simulated descriptors stable per name
 *   and shaped like real ones (../../webauthn/simulated.ts);
 * - strict profile: empty for every name. Cognito registers only discoverable credentials
 *   (residentKey "required"), so the authenticator finds the user's passkey without the list, and no
 *   list can tell a real user from a name without one.
 */
const TIMEOUT_MS = 180_000;

export async function startWebAuthn(ctx: AuthContext, s: Subject): Promise<AuthOutcome> {
  const { services, pool } = ctx;
  const rp = relyingParty(pool);
  const real = s.user !== null && s.own.has("WEB_AUTHN");
  // Read on both paths (the masked one reads a sub no user has), so both make the same query.
  const passkeys = await services.store.passkeys.listFor(pool.id, s.user?.sub ?? "-");
  let allow: CredentialDescriptor[] = [];
  if (ctx.profile === "cognito") {
    allow = real
      ? passkeys.map((p) => ({ type: "public-key", id: p.credentialId, transports: p.transports }))
      : simulatedDescriptors(s.mac);
  }
  const challenge = randomBytes(32).toString("base64url");
  const options = {
    challenge,
    timeout: TIMEOUT_MS,
    rpId: rp.id,
    allowCredentials: allow,
    userVerification: rp.userVerification,
  };
  const session = await openStep(ctx, "WEB_AUTHN", stepOf(s), {
    userAuth: { offered: s.offered, own: [...s.own], real, webAuthnChallenge: challenge },
  });
  return {
    kind: "challenge",
    name: "WEB_AUTHN",
    session,
    parameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options), USERNAME: s.shown },
  };
}

/**
 * The CREDENTIAL answer. The session is used up first (an assertion is one attempt on one
 * challenge); then the credential is looked up and verified, on the masked path against a
 * throw-away key (../../webauthn/assertion.ts). Any failure is the wrong-password answer,
 * `NotAuthorizedException: Incorrect username or password.`.
 */
export async function answerWebAuthn(
  ctx: AuthContext,
  responses: Record<string, string>,
  sessionId: string | undefined,
): Promise<AuthOutcome> {
  const text = required(responses, "CREDENTIAL");
  const ua = maskedContext(ctx);
  const { services, pool } = ua;
  const { state } = await resumeStep(ua, "WEB_AUTHN", responses, sessionId, "take");
  const open = state.userAuth;
  if (!open?.webAuthnChallenge) throw invalidSession();
  const masked = existence.decideOrThrow(ua, RESPOND, state.state, services.probe) === "simulate";
  const user = await reloadForProof(services, pool, state.sub);
  const assertion = parseAssertion(text);
  const found = assertion ? await services.store.passkeys.find(pool.id, assertion.id) : null;
  const mine = found !== null && state.sub !== null && found.sub === state.sub && open.real && !masked;
  const ok =
    assertion !== null &&
    (await verifyAssertion(services.store.passkeys, {
      assertion,
      challenge: open.webAuthnChallenge,
      rp: relyingParty(pool),
      passkey: mine ? found : null,
    }));
  if (!ok || !mine || !user) refuseAs(ua, RESPOND, "wrong-password");
  return afterPasswordlessFactor(ua, user);
}
