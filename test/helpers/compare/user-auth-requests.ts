import type { OperationSpec } from "./operations.ts";
import type { NameSlot, Target } from "./pools.ts";
import { jsonOf, type RawAnswer, type RawClient } from "./raw-http.ts";
import { WRONG_PASSWORD } from "./states.ts";

/**
 * USER_AUTH in the comparison (docs/existence.md#user_auth-simulated-challenges): the first step with
 * and without a preference (repeatable: the simulated choice, destination and credential ids must be
 * stable), a wrong code for the OTP challenge, a wrong password through SELECT_CHALLENGE, and a bogus
 * assertion for WEB_AUTHN. A step that is not the expected challenge is compared as it is.
 */
const start = (raw: RawClient, t: Target, slot: NameSlot, extra: Record<string, string> = {}) =>
  raw.post("InitiateAuth", {
    ClientId: t.clientId,
    AuthFlow: "USER_AUTH",
    AuthParameters: { USERNAME: slot.typed, ...extra },
  });

const otpOf = (t: Target) => (t.kind.contact === "email" ? "EMAIL_OTP" : "SMS_OTP");

/** Answers the challenge `first` named, when it is `name`; otherwise returns `first` unchanged. */
async function answer(
  raw: RawClient,
  t: Target,
  slot: NameSlot,
  first: RawAnswer,
  name: string,
  responses: Record<string, string>,
): Promise<RawAnswer> {
  const body = jsonOf(first);
  if (first.status !== 200 || body.ChallengeName !== name || typeof body.Session !== "string") return first;
  const params = body.ChallengeParameters as Record<string, string> | undefined;
  return raw.post("RespondToAuthChallenge", {
    ClientId: t.clientId,
    ChallengeName: name,
    Session: body.Session,
    ChallengeResponses: { USERNAME: params?.USERNAME ?? slot.typed, ...responses },
  });
}

const BOGUS_ASSERTION = JSON.stringify({
  id: "AAAAAAAAAAAAAAAAAAAAAA",
  rawId: "AAAAAAAAAAAAAAAAAAAAAA",
  type: "public-key",
  response: {
    clientDataJSON: Buffer.from(
      JSON.stringify({ type: "webauthn.get", challenge: "AAAA", origin: "http://localhost" }),
    ).toString("base64url"),
    authenticatorData: "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ",
    signature:
      "MEUCIQCAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  },
  clientExtensionResults: {},
});

export const USER_AUTH_OPERATIONS: readonly OperationSpec[] = [
  {
    id: "InitiateAuth USER_AUTH (no preference)",
    repeatable: true,
    send: (raw, t, slot) => start(raw, t, slot),
  },
  {
    id: "InitiateAuth USER_AUTH (preferred one-time code)",
    repeatable: true,
    send: (raw, t, slot) => start(raw, t, slot, { PREFERRED_CHALLENGE: otpOf(t) }),
  },
  {
    id: "InitiateAuth USER_AUTH (preferred passkey)",
    repeatable: true,
    send: (raw, t, slot) => start(raw, t, slot, { PREFERRED_CHALLENGE: "WEB_AUTHN" }),
  },
  {
    id: "InitiateAuth USER_AUTH (preferred PASSWORD, wrong password)",
    send: (raw, t, slot) =>
      start(raw, t, slot, { PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: WRONG_PASSWORD }),
  },
  {
    id: "RespondToAuthChallenge USER_AUTH one-time code (wrong code)",
    async send(raw, t, slot) {
      const first = await start(raw, t, slot, { PREFERRED_CHALLENGE: otpOf(t) });
      const key = otpOf(t) === "EMAIL_OTP" ? "EMAIL_OTP_CODE" : "SMS_OTP_CODE";
      return answer(raw, t, slot, first, otpOf(t), { [key]: "000000" });
    },
  },
  {
    id: "RespondToAuthChallenge USER_AUTH SELECT_CHALLENGE PASSWORD (wrong password)",
    async send(raw, t, slot) {
      const first = await start(raw, t, slot);
      return answer(raw, t, slot, first, "SELECT_CHALLENGE", {
        ANSWER: "PASSWORD",
        PASSWORD: WRONG_PASSWORD,
      });
    },
  },
  {
    id: "RespondToAuthChallenge USER_AUTH WEB_AUTHN (bogus assertion)",
    async send(raw, t, slot) {
      const first = await start(raw, t, slot, { PREFERRED_CHALLENGE: "WEB_AUTHN" });
      return answer(raw, t, slot, first, "WEB_AUTHN", { CREDENTIAL: BOGUS_ASSERTION });
    },
  },
];
