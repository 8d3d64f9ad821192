/**
 * The users of the sign-up and recovery oracles (./recovery-flows.ts): one pool per profile (email
 * codes, Cognito's legacy recovery order, tagged `hushpool:existence-profile`) with an ENABLED client,
 * `users` confirmed users with a verified email and `users` unconfirmed ones, made through the public
 * API (SignUp, then ConfirmSignUp with the code read from GET /_hushpool/messages), and as many
 * unknown names. Names have 7 characters: `c000123`, `u000123`, unknown `k000123`.
 */
import type { CallResult, Client } from "../lib/http-client.ts";
import { type ExistenceProfile, profileTags } from "./profile.ts";

export interface RecoveryTarget {
  baseUrl: string;
  poolId: string;
  clientId: string;
  confirmed: string[];
  unconfirmed: string[];
  unknown: string[];
  /** Names that have asked ForgotPassword for a code (ConfirmForgotPassword's precondition). */
  requested: Set<string>;
  /** Real users whose outstanding code happened to be WRONG_CODE. */
  chanceMatches: number;
}

export function body(r: CallResult, what: string, status = 200): Record<string, unknown> {
  if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Record<string, unknown>;
}

const names = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(6, "0")}`);

/** Runs `task` over `items`, `concurrency` at a time (setup only; never during a measurement). */
export async function each<T>(
  items: readonly T[],
  concurrency: number,
  task: (x: T) => Promise<void>,
): Promise<void> {
  let i = 0;
  const worker = async (): Promise<void> => {
    while (i < items.length) await task(items[i++] as T);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function latestCode(baseUrl: string, poolId: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/_hushpool/messages?poolId=${poolId}&username=${username}`);
  const { Messages } = (await res.json()) as { Messages: { code: string | null }[] };
  const code = Messages.at(-1)?.code;
  if (!code) throw new Error(`no code for ${username}`);
  return code;
}

/** A pool (email codes, Cognito's legacy recovery order) tagged with the profile, and `users` users per class. */
export async function prepareRecovery(
  client: Client,
  baseUrl: string,
  users: number,
  profile: ExistenceProfile,
): Promise<RecoveryTarget> {
  const pool = body(
    await client.call(baseUrl, "CreateUserPool", {
      PoolName: `oracle-${profile}`,
      AutoVerifiedAttributes: ["email"],
      UserPoolTags: profileTags(profile),
    }),
    "CreateUserPool",
  );
  const poolId = String((pool.UserPool as { Id: string }).Id);
  const created = body(
    await client.call(baseUrl, "CreateUserPoolClient", {
      UserPoolId: poolId,
      ClientName: "oracle",
      PreventUserExistenceErrors: "ENABLED",
    }),
    "CreateUserPoolClient",
  );
  const clientId = String((created.UserPoolClient as { ClientId: string }).ClientId);
  const signUp = async (Username: string): Promise<void> => {
    body(
      await client.call(baseUrl, "SignUp", {
        ClientId: clientId,
        Username,
        Password: "Passw0rd!",
        UserAttributes: [{ Name: "email", Value: `${Username}@example.com` }],
      }),
      "SignUp",
    );
  };
  const confirmed = names("c", users);
  await each(confirmed, 4, async (u) => {
    await signUp(u);
    const ConfirmationCode = await latestCode(baseUrl, poolId, u);
    body(
      await client.call(baseUrl, "ConfirmSignUp", { ClientId: clientId, Username: u, ConfirmationCode }),
      "confirm",
    );
  });
  const unconfirmed = names("u", users);
  await each(unconfirmed, 4, signUp);
  return {
    baseUrl,
    poolId,
    clientId,
    confirmed,
    unconfirmed,
    unknown: names("k", users),
    requested: new Set(),
    chanceMatches: 0,
  };
}
