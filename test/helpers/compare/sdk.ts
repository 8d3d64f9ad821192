import { ForgotPasswordCommand, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { TestServer } from "../server.ts";
import { srpStart } from "../srp-client.ts";
import type { NameSlot, PoolKindId, Target } from "./pools.ts";
import type { RawAnswer } from "./raw-http.ts";
import { WRONG_PASSWORD } from "./states.ts";

/**
 * The AWS SDK v3 side of the comparison: a few cases no profile may tell apart, sent through the SDK
 * so that what an application built on it sees agrees with the wire. `sdkAnswer` turns an SDK
 * outcome into the comparator's form: the HTTP status, the parsed output without `$metadata` (or the
 * exception's name and message), no headers.
 */
export async function sdkAnswer(call: Promise<object>): Promise<RawAnswer> {
  try {
    const { $metadata, ...output } = (await call) as { $metadata?: { httpStatusCode?: number } };
    return { status: $metadata?.httpStatusCode ?? 0, headers: [], body: JSON.stringify(output) };
  } catch (e) {
    const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    return {
      status: err.$metadata?.httpStatusCode ?? 0,
      headers: [],
      body: JSON.stringify({ __type: err.name, message: err.message }),
    };
  }
}

export interface SdkCase {
  name: string;
  /** A pool kind where no profile may show a difference for a CONFIRMED user. */
  pool: PoolKindId;
  call(s: TestServer, t: Target, slot: NameSlot): Promise<object>;
}

export const SDK_CASES: readonly SdkCase[] = [
  {
    name: "ForgotPassword",
    pool: "email-as-username",
    call: (s, t, slot) =>
      s.client.send(new ForgotPasswordCommand({ ClientId: t.clientId, Username: slot.typed })),
  },
  {
    name: "InitiateAuth USER_PASSWORD_AUTH, wrong password",
    pool: "plain",
    call: (s, t, slot) =>
      s.client.send(
        new InitiateAuthCommand({
          ClientId: t.clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: slot.typed, PASSWORD: WRONG_PASSWORD },
        }),
      ),
  },
  {
    name: "InitiateAuth USER_SRP_AUTH step 1",
    pool: "email-as-username",
    call: (s, t, slot) =>
      s.client.send(
        new InitiateAuthCommand({
          ClientId: t.clientId,
          AuthFlow: "USER_SRP_AUTH",
          AuthParameters: { USERNAME: slot.typed, SRP_A: srpStart().srpA },
        }),
      ),
  },
];
