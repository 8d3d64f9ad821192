/**
 * The sign-up and recovery classes of the timing oracle (docs/measuring.md#the-timing-oracle-test),
 * under PreventUserExistenceErrors = ENABLED, in a pool tagged with the existence profile:
 * - ForgotPassword: a confirmed user with a verified email vs an unknown name;
 * - ResendConfirmationCode: an unconfirmed user vs an unknown name;
 * - ConfirmForgotPassword: a confirmed user with a wrong code vs an unknown name, after every name of
 *   both classes has asked ForgotPassword for a code (so both take the code-check path: a real code
 *   row against a decoy row, and both answer CodeMismatchException in either profile);
 * - ConfirmSignUp: an unconfirmed user (its sign-up code outstanding) with a wrong code vs an
 *   unknown name.
 * Every name is used once per flow, so both classes take the attempt counter's first-attempt branch
 * and none meets the limit; names of both classes have equal lengths, so the answers do too
 * (./recovery-users.ts makes them).
 */
import type { CallResult, Client } from "../lib/http-client.ts";
import type { OracleClass } from "../lib/oracle.ts";
import { body, each, type RecoveryTarget } from "./recovery-users.ts";

export { prepareRecovery, type RecoveryTarget } from "./recovery-users.ts";

export type RecoveryFlow =
  | "ForgotPassword"
  | "ResendConfirmationCode"
  | "ConfirmForgotPassword"
  | "ConfirmSignUp";
export const RECOVERY_FLOWS: readonly RecoveryFlow[] = [
  "ForgotPassword",
  "ResendConfirmationCode",
  "ConfirmForgotPassword",
  "ConfirmSignUp",
];

/** A 6-digit code; a real user's outstanding code equals it once in a million (counted, not fatal). */
const WRONG_CODE = "000000";
const MISMATCH = "CodeMismatchException";

type Send = (t: RecoveryTarget, username: string, real: boolean) => Promise<void>;

const forgot = async (client: Client, t: RecoveryTarget, Username: string): Promise<void> => {
  body(await client.call(t.baseUrl, "ForgotPassword", { ClientId: t.clientId, Username }), "ForgotPassword");
  t.requested.add(Username);
};

/** A wrong code must be refused as a mismatch; a real user's chance match is counted and let through. */
function mismatch(t: RecoveryTarget, r: CallResult, what: string, real: boolean): void {
  if (real && r.status === 200) {
    t.chanceMatches++;
    return;
  }
  const type = (body(r, what, 400) as { __type?: string }).__type;
  if (type !== MISMATCH) throw new Error(`${what}: expected ${MISMATCH}, got ${type}`);
}

const SENDERS = (client: Client): Record<RecoveryFlow, Send> => ({
  ForgotPassword: (t, u) => forgot(client, t, u),
  ResendConfirmationCode: async (t, Username) =>
    void body(
      await client.call(t.baseUrl, "ResendConfirmationCode", { ClientId: t.clientId, Username }),
      "Resend",
    ),
  ConfirmForgotPassword: async (t, Username, real) => {
    const r = await client.call(t.baseUrl, "ConfirmForgotPassword", {
      ClientId: t.clientId,
      Username,
      ConfirmationCode: WRONG_CODE,
      Password: "N3w-Passw0rd!",
    });
    mismatch(t, r, "ConfirmForgotPassword", real);
  },
  ConfirmSignUp: async (t, Username, real) => {
    const r = await client.call(t.baseUrl, "ConfirmSignUp", {
      ClientId: t.clientId,
      Username,
      ConfirmationCode: WRONG_CODE,
    });
    mismatch(t, r, "ConfirmSignUp", real);
  },
});

/** The two classes for a flow; each send uses the next unused name of its class. */
export async function recoveryClasses(
  client: Client,
  t: RecoveryTarget,
  flow: RecoveryFlow,
): Promise<readonly [OracleClass, OracleClass]> {
  const usesConfirmed = flow === "ForgotPassword" || flow === "ConfirmForgotPassword";
  const real = usesConfirmed ? t.confirmed : t.unconfirmed;
  if (flow === "ConfirmForgotPassword") {
    // Unmeasured: every name of both classes asks for a code first, unless the ForgotPassword run did.
    const missing = [...real, ...t.unknown].filter((u) => !t.requested.has(u));
    await each(missing, 4, (u) => forgot(client, t, u));
  }
  const send = SENDERS(client)[flow];
  const sender = (queue: string[], isReal: boolean) => async (): Promise<void> => {
    const username = queue.shift();
    if (!username) throw new Error(`${flow}: out of names`);
    await send(t, username, isReal);
  };
  return [
    { label: "real user", send: sender([...real], true) },
    { label: "unknown name", send: sender([...t.unknown], false) },
  ];
}
