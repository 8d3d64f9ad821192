/**
 * The sign-in classes of the timing oracle (docs/measuring.md#the-timing-oracle-test): a real user
 * with a wrong password against a name nobody holds, for USER_PASSWORD_AUTH,
 * ADMIN_USER_PASSWORD_AUTH and USER_SRP_AUTH step 1, under PreventUserExistenceErrors = ENABLED.
 *
 * Lockout: each name of a class is used once per flow, so a name sees at most two failures (the two
 * password flows; SRP step 1 counts none) and neither class meets the lock. Names are UUID-shaped
 * and of equal length, real `…-8000-…` and unknown `…-9000-…`, so SRP answers have equal sizes
 * (../auth/seed-users.ts uuidName). Users are seeded through the store ports before the server starts.
 */
import { srpStart } from "../../test/helpers/srp-client.ts";
import { type Seeded, seedUsers, uuidName } from "../auth/seed-users.ts";
import type { CallResult, Client } from "../lib/http-client.ts";
import type { OracleClass } from "../lib/oracle.ts";
import { type ExistenceProfile, profileTags } from "./profile.ts";

export type SignInFlow = "USER_PASSWORD_AUTH" | "ADMIN_USER_PASSWORD_AUTH" | "USER_SRP_AUTH";
export const SIGN_IN_FLOWS: readonly SignInFlow[] = [
  "USER_PASSWORD_AUTH",
  "ADMIN_USER_PASSWORD_AUTH",
  "USER_SRP_AUTH",
];

export const flowLabel = (flow: SignInFlow): string =>
  flow === "USER_SRP_AUTH" ? "USER_SRP_AUTH step 1" : flow;

const realName = (i: number): string => uuidName(i, "8");
const unknownName = (i: number): string => uuidName(i, "9");
// A few client values for SRP step 1, made up front so the timed request does no client maths.
export const srpAs = Array.from({ length: 16 }, () => srpStart().srpA);

/** A pool tagged with the profile, its ENABLED client and `users` real users, written before the server starts. */
export const seedSignIn = (dataDir: string, users: number, profile: ExistenceProfile): Promise<Seeded> =>
  seedUsers(dataDir, users, () => undefined, realName, { tags: profileTags(profile) });

function check(r: CallResult, flow: SignInFlow): void {
  const body = r.body as { __type?: string; ChallengeName?: string };
  const ok =
    flow === "USER_SRP_AUTH"
      ? r.status === 200 && body.ChallengeName === "PASSWORD_VERIFIER"
      : r.status === 400 && body.__type === "NotAuthorizedException";
  if (!ok) throw new Error(`${flow}: unexpected answer HTTP ${r.status} ${JSON.stringify(r.body)}`);
}

function request(
  client: Client,
  baseUrl: string,
  seeded: Seeded,
  flow: SignInFlow,
  username: string,
  i: number,
) {
  const { poolId, clientId } = seeded;
  if (flow === "USER_SRP_AUTH") {
    return client.call(baseUrl, "InitiateAuth", {
      ClientId: clientId,
      AuthFlow: flow,
      AuthParameters: { USERNAME: username, SRP_A: srpAs[i % srpAs.length] ?? "" },
    });
  }
  const admin = flow === "ADMIN_USER_PASSWORD_AUTH";
  return client.call(baseUrl, admin ? "AdminInitiateAuth" : "InitiateAuth", {
    ...(admin ? { UserPoolId: poolId } : {}),
    ClientId: clientId,
    AuthFlow: flow,
    AuthParameters: { USERNAME: username, PASSWORD: "Wrong-Passw0rd!" },
  });
}

/** The two classes; each send uses the next unused name of its class. */
export function signInClasses(
  client: Client,
  baseUrl: string,
  seeded: Seeded,
  flow: SignInFlow,
): readonly [OracleClass, OracleClass] {
  const sender = (name: (i: number) => string): (() => Promise<void>) => {
    let i = 0;
    return async () => {
      const n = i++;
      check(await request(client, baseUrl, seeded, flow, name(n), n), flow);
    };
  };
  return [
    { label: "real user", send: sender(realName) },
    { label: "unknown name", send: sender(unknownName) },
  ];
}
