/**
 * The two steps of each factor class (./factor-flows.ts): the untimed first step, InitiateAuth
 * `AuthFlow: USER_AUTH`, and the timed answer built from its challenge, as Amplify v6 sends them
 * (docs/authentication.md#choice-based-sign-in-user_auth;
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html).
 * Every answer is wrong, and both classes must get the same refusal (docs/existence.md, rows
 * `RespondToAuthChallenge USER_AUTH` / `wrong-code` and `wrong-password`).
 */
import { randomBytes } from "node:crypto";
import { formatTimestamp } from "../../src/srp/timestamp.ts";
import type { CallResult } from "../lib/http-client.ts";
import { passkeyId, wrongAssertion } from "./factor-passkeys.ts";
import { srpAs } from "./signin-flows.ts";
import type { Refusal, TwoStep } from "./two-step.ts";

export type Factor = "EMAIL_OTP" | "SMS_OTP" | "PASSWORD" | "PASSWORD_SRP" | "WEB_AUTHN";

const MISMATCH: Refusal = {
  __type: "CodeMismatchException",
  message: "Invalid code or auth state for the user.",
};
const INCORRECT: Refusal = { __type: "NotAuthorizedException", message: "Incorrect username or password." };
/** A 6-digit code; a real user's outstanding code equals it once in a million (counted, not fatal). */
const WRONG_CODE = "000000";
/** As long as the users' password (../auth/seed-users.ts BENCH_PASSWORD). */
const WRONG_PASSWORD = "Wrong-Passw0rd!";
/**
 * The proof of a wrong password is an HMAC the server cannot tell from any other 32 bytes: it
 * recomputes the expected signature (two modexps) and compares (docs/authentication.md#user_srp_auth,
 * step 2). So the bench sends random bytes and skips the client's own two modexps.
 */
const FORGED_SIGNATURE = randomBytes(32).toString("base64");

interface Challenge {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AvailableChallenges?: string[];
}

function challengeOf(r: CallResult, name: string, expected: string[]): Challenge {
  const b = r.body as Challenge;
  if (r.status !== 200 || !expected.includes(b.ChallengeName ?? ""))
    throw new Error(
      `${name}: expected ${expected.join(" or ")}, got HTTP ${r.status} ${JSON.stringify(r.body)}`,
    );
  return b;
}

const initiate = (clientId: string, AuthParameters: Record<string, string>) => ({
  ClientId: clientId,
  AuthFlow: "USER_AUTH",
  AuthParameters,
});

const respond = (clientId: string, c: Challenge, ChallengeResponses: Record<string, string>) => ({
  ClientId: clientId,
  ChallengeName: c.ChallengeName,
  ...(c.Session ? { Session: c.Session } : {}),
  ChallengeResponses,
});

/** EMAIL_OTP / SMS_OTP: PREFERRED_CHALLENGE opens the code challenge; the answer is a wrong code. */
function otp(clientId: string, c: "EMAIL_OTP" | "SMS_OTP", chance?: () => void): TwoStep {
  return {
    first: (USERNAME) => initiate(clientId, { USERNAME, PREFERRED_CHALLENGE: c }),
    answer: (r, name) => {
      const ch = challengeOf(r, name, [c]);
      const key = c === "EMAIL_OTP" ? "EMAIL_OTP_CODE" : "SMS_OTP_CODE";
      return respond(clientId, ch, { USERNAME: ch.ChallengeParameters?.USERNAME ?? name, [key]: WRONG_CODE });
    },
    refusal: MISMATCH,
    ...(chance ? { onSuccess: chance } : {}),
  };
}

/** PASSWORD: SELECT_CHALLENGE, answered `ANSWER=PASSWORD` with a wrong password. */
const password = (clientId: string): TwoStep => ({
  first: (USERNAME) => initiate(clientId, { USERNAME }),
  answer: (r, name) => {
    const ch = challengeOf(r, name, ["SELECT_CHALLENGE"]);
    if (!ch.AvailableChallenges?.includes("PASSWORD")) throw new Error(`${name}: PASSWORD not offered`);
    return respond(clientId, ch, { USERNAME: name, ANSWER: "PASSWORD", PASSWORD: WRONG_PASSWORD });
  },
  refusal: INCORRECT,
});

/** PASSWORD_SRP: PREFERRED_CHALLENGE with SRP_A gives PASSWORD_VERIFIER; the answer proves a wrong password. */
const passwordSrp = (clientId: string): TwoStep => ({
  first: (USERNAME, i) =>
    initiate(clientId, {
      USERNAME,
      PREFERRED_CHALLENGE: "PASSWORD_SRP",
      SRP_A: srpAs[i % srpAs.length] ?? "",
    }),
  answer: (r, name) => {
    const ch = challengeOf(r, name, ["PASSWORD_VERIFIER"]);
    const p = ch.ChallengeParameters ?? {};
    return respond(clientId, ch, {
      USERNAME: p.USER_ID_FOR_SRP ?? "",
      PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK ?? "",
      TIMESTAMP: formatTimestamp(new Date()),
      PASSWORD_CLAIM_SIGNATURE: FORGED_SIGNATURE,
    });
  },
  refusal: INCORRECT,
});

/**
 * WEB_AUTHN: PREFERRED_CHALLENGE opens the passkey challenge; the answer is an assertion that does
 * not verify (./factor-passkeys.ts), naming the credential a browser would: the first of
 * `allowCredentials` (cognito profile: the real user's own passkey, a simulated id for the unknown
 * name), or, when the list is empty (strict: passkeys are discoverable), real user i's passkey for
 * both classes — so in strict both look up a registered credential and differ only in whose it is.
 * In the cognito profile one unknown name in two is not offered WEB_AUTHN at all
 * (docs/existence.md#user_auth-simulated-challenges): it gets SELECT_CHALLENGE and is skipped; and a
 * simulated id is sometimes 32 bytes where the seeded ones are 16, so that request is 42 characters
 * longer, as a browser's would be for that name.
 */
const webAuthn = (clientId: string): TwoStep => ({
  first: (USERNAME) => initiate(clientId, { USERNAME, PREFERRED_CHALLENGE: "WEB_AUTHN" }),
  answer: (r, name, i) => {
    const ch = challengeOf(r, name, ["WEB_AUTHN", "SELECT_CHALLENGE"]);
    if (ch.ChallengeName === "SELECT_CHALLENGE") {
      if (ch.AvailableChallenges?.includes("WEB_AUTHN"))
        throw new Error(`${name}: WEB_AUTHN offered, not opened`);
      return null;
    }
    const p = ch.ChallengeParameters ?? {};
    const options = JSON.parse(p.CREDENTIAL_REQUEST_OPTIONS ?? "{}") as {
      challenge: string;
      rpId: string;
      allowCredentials?: { id: string }[];
    };
    const credential = wrongAssertion(options, options.allowCredentials?.[0]?.id ?? passkeyId(i));
    return respond(clientId, ch, { USERNAME: p.USERNAME ?? name, CREDENTIAL: credential });
  },
  refusal: INCORRECT,
});

/** The steps of `factor`; `chance` counts a real user's wrong code that happened to be right. */
export function factorStep(factor: Factor, clientId: string, chance?: () => void): TwoStep {
  switch (factor) {
    case "EMAIL_OTP":
    case "SMS_OTP":
      return otp(clientId, factor, chance);
    case "PASSWORD":
      return password(clientId);
    case "PASSWORD_SRP":
      return passwordSrp(clientId);
    case "WEB_AUTHN":
      return webAuthn(clientId);
  }
}
