import { srpRespond, srpStart } from "../srp-client.ts";
import type { NameSlot, Target } from "./pools.ts";
import { jsonOf, type RawAnswer, type RawClient } from "./raw-http.ts";
import { NEW_PASSWORD, PASSWORD, WRONG_PASSWORD } from "./states.ts";

/**
 * The requests the comparison sends: every public operation that takes a user name, and
 * InitiateAuth / AdminInitiateAuth in every flow. A caller here knows neither the password nor a
 * valid code. `send` returns the answer that is compared; an operation that needs an earlier step
 * (SRP's PASSWORD_VERIFIER, a CUSTOM_CHALLENGE answer) makes it first and, when that step already
 * refuses, returns that refusal instead.
 */
export interface OperationSpec {
  id: string;
  send(raw: RawClient, t: Target, slot: NameSlot): Promise<RawAnswer>;
  /** Safe to send twice: the second answer checks that deterministic values are stable. */
  repeatable?: boolean;
}

const WRONG_CODE = "000000";
const BOGUS_REFRESH_TOKEN =
  "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.bogus.refresh.token";
const BOGUS_SESSION = "AYABeBogusSessionThatThisServerNeverIssued0000000000000000000000000000000000000000";

type Api = "InitiateAuth" | "AdminInitiateAuth";
const respondOf = (api: Api) =>
  api === "InitiateAuth" ? "RespondToAuthChallenge" : "AdminRespondToAuthChallenge";
const poolOf = (api: Api, t: Target) => (api === "AdminInitiateAuth" ? { UserPoolId: t.poolId } : {});

const initiate = (
  raw: RawClient,
  api: Api,
  t: Target,
  AuthFlow: string,
  AuthParameters: Record<string, string>,
) => raw.post(api, { ...poolOf(api, t), ClientId: t.clientId, AuthFlow, AuthParameters });

function passwordFlow(api: Api, flow: string): OperationSpec {
  return {
    id: `${api} ${flow}`,
    send: (raw, t, slot) => initiate(raw, api, t, flow, { USERNAME: slot.typed, PASSWORD: WRONG_PASSWORD }),
  };
}

/** USER_SRP_AUTH step 1; returns the answer and the client's secret for step 2. */
async function srpStep1(raw: RawClient, api: Api, t: Target, slot: NameSlot) {
  const start = srpStart();
  const answer = await initiate(raw, api, t, "USER_SRP_AUTH", { USERNAME: slot.typed, SRP_A: start.srpA });
  return { start, answer };
}

function srpStep2(api: Api): OperationSpec {
  return {
    id: `${api} USER_SRP_AUTH step 2 (wrong password proof)`,
    async send(raw, t, slot) {
      const { start, answer } = await srpStep1(raw, api, t, slot);
      const params = jsonOf(answer).ChallengeParameters as Record<string, string> | undefined;
      if (answer.status !== 200 || !params) return answer;
      return raw.post(respondOf(api), {
        ...poolOf(api, t),
        ClientId: t.clientId,
        ChallengeName: "PASSWORD_VERIFIER",
        ChallengeResponses: srpRespond(t.poolId, start, params, WRONG_PASSWORD),
      });
    },
  };
}

function customAuth(api: Api): OperationSpec {
  return {
    id: `${api} CUSTOM_AUTH`,
    send: (raw, t, slot) => initiate(raw, api, t, "CUSTOM_AUTH", { USERNAME: slot.typed }),
  };
}

function customChallengeWrong(api: Api): OperationSpec {
  return {
    id: `${respondOf(api)} CUSTOM_CHALLENGE (wrong answer)`,
    async send(raw, t, slot) {
      const first = await initiate(raw, api, t, "CUSTOM_AUTH", { USERNAME: slot.typed });
      const body = jsonOf(first);
      const params = body.ChallengeParameters as Record<string, string> | undefined;
      if (first.status !== 200 || typeof body.Session !== "string") return first;
      return raw.post(respondOf(api), {
        ...poolOf(api, t),
        ClientId: t.clientId,
        ChallengeName: "CUSTOM_CHALLENGE",
        Session: body.Session,
        ChallengeResponses: { USERNAME: params?.USERNAME ?? slot.typed, ANSWER: "41" },
      });
    },
  };
}

function refresh(api: Api): OperationSpec {
  return {
    id: `${api} REFRESH_TOKEN_AUTH (bogus token)`,
    send: (raw, t, slot) =>
      initiate(raw, api, t, "REFRESH_TOKEN_AUTH", {
        REFRESH_TOKEN: BOGUS_REFRESH_TOKEN,
        USERNAME: slot.typed,
      }),
  };
}

export const OPERATIONS: readonly OperationSpec[] = [
  {
    id: "SignUp",
    send: (raw, t, slot) =>
      raw.post("SignUp", {
        ClientId: t.clientId,
        Username: slot.signUpUsername,
        Password: PASSWORD,
        UserAttributes: Object.entries(slot.attributes).map(([Name, Value]) => ({ Name, Value })),
      }),
  },
  {
    id: "ConfirmSignUp (wrong code)",
    send: (raw, t, slot) =>
      raw.post("ConfirmSignUp", { ClientId: t.clientId, Username: slot.typed, ConfirmationCode: WRONG_CODE }),
  },
  {
    id: "ResendConfirmationCode",
    repeatable: true,
    send: (raw, t, slot) =>
      raw.post("ResendConfirmationCode", { ClientId: t.clientId, Username: slot.typed }),
  },
  {
    id: "ForgotPassword",
    repeatable: true,
    send: (raw, t, slot) => raw.post("ForgotPassword", { ClientId: t.clientId, Username: slot.typed }),
  },
  {
    id: "ConfirmForgotPassword (wrong code)",
    send: (raw, t, slot) =>
      raw.post("ConfirmForgotPassword", {
        ClientId: t.clientId,
        Username: slot.typed,
        ConfirmationCode: WRONG_CODE,
        Password: NEW_PASSWORD,
      }),
  },
  passwordFlow("InitiateAuth", "USER_PASSWORD_AUTH"),
  passwordFlow("AdminInitiateAuth", "ADMIN_USER_PASSWORD_AUTH"),
  ...(["InitiateAuth", "AdminInitiateAuth"] as const).flatMap((api): OperationSpec[] => [
    {
      id: `${api} USER_SRP_AUTH step 1`,
      repeatable: true,
      send: async (raw, t, slot) => (await srpStep1(raw, api, t, slot)).answer,
    },
    srpStep2(api),
    refresh(api),
    customAuth(api),
    customChallengeWrong(api),
  ]),
  {
    id: "RespondToAuthChallenge NEW_PASSWORD_REQUIRED (forged session)",
    send: (raw, t, slot) =>
      raw.post("RespondToAuthChallenge", {
        ClientId: t.clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: BOGUS_SESSION,
        ChallengeResponses: { USERNAME: slot.typed, NEW_PASSWORD },
      }),
  },
];
