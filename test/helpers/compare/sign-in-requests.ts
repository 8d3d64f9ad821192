import { srpRespond, srpStart } from "../srp-client.ts";
import type { OperationSpec } from "./operations.ts";
import type { NameSlot, Target } from "./pools.ts";
import { jsonOf, type RawClient } from "./raw-http.ts";
import { WRONG_PASSWORD } from "./states.ts";

/**
 * The sign-in requests of the comparison (./operations.ts), for InitiateAuth and AdminInitiateAuth
 * alike: a wrong password, SRP step 1 and step 2 with a proof computed from a wrong password,
 * REFRESH_TOKEN_AUTH with a token this server never issued, CUSTOM_AUTH and a wrong answer to its
 * challenge.
 */
const BOGUS_REFRESH_TOKEN =
  "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.bogus.refresh.token";

export type Api = "InitiateAuth" | "AdminInitiateAuth";
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

export function passwordFlow(api: Api, flow: string): OperationSpec {
  return {
    id: `${api} ${flow}`,
    send: (raw, t, slot) => initiate(raw, api, t, flow, { USERNAME: slot.typed, PASSWORD: WRONG_PASSWORD }),
  };
}

/** USER_SRP_AUTH step 1; returns the answer and the client's secret for step 2. */
export async function srpStep1(raw: RawClient, api: Api, t: Target, slot: NameSlot) {
  const start = srpStart();
  const answer = await initiate(raw, api, t, "USER_SRP_AUTH", { USERNAME: slot.typed, SRP_A: start.srpA });
  return { start, answer };
}

export function srpStep2(api: Api): OperationSpec {
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

export function customAuth(api: Api): OperationSpec {
  return {
    id: `${api} CUSTOM_AUTH`,
    send: (raw, t, slot) => initiate(raw, api, t, "CUSTOM_AUTH", { USERNAME: slot.typed }),
  };
}

export function customChallengeWrong(api: Api): OperationSpec {
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

export function refresh(api: Api): OperationSpec {
  return {
    id: `${api} REFRESH_TOKEN_AUTH (bogus token)`,
    send: (raw, t, slot) =>
      initiate(raw, api, t, "REFRESH_TOKEN_AUTH", {
        REFRESH_TOKEN: BOGUS_REFRESH_TOKEN,
        USERNAME: slot.typed,
      }),
  };
}
