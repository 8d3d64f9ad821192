import type { NameSlot, Target } from "./pools.ts";
import type { RawAnswer, RawClient } from "./raw-http.ts";
import {
  customAuth,
  customChallengeWrong,
  passwordFlow,
  refresh,
  srpStep1,
  srpStep2,
} from "./sign-in-requests.ts";
import { NEW_PASSWORD, PASSWORD } from "./states.ts";
import { USER_AUTH_OPERATIONS } from "./user-auth-requests.ts";

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
const BOGUS_SESSION = "AYABeBogusSessionThatThisServerNeverIssued0000000000000000000000000000000000000000";

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
  ...USER_AUTH_OPERATIONS,
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
