/**
 * The answer step of each factor of choice-based sign-in (USER_AUTH) in the timing oracle
 * (docs/measuring.md#the-timing-oracle-test, docs/authentication.md#choice-based-sign-in-user_auth):
 * a real user against a name nobody holds, each answering a fresh challenge wrongly:
 * - USER_AUTH_EMAIL_OTP / USER_AUTH_SMS_OTP: a wrong code → `CodeMismatchException`;
 * - USER_AUTH_PASSWORD: SELECT_CHALLENGE answered `PASSWORD` with a wrong password → `Incorrect
 *   username or password.`;
 * - USER_AUTH_PASSWORD_SRP: PASSWORD_VERIFIER with a wrong proof → the same;
 * - USER_AUTH_WEB_AUTHN: an assertion that does not verify → the same.
 * Only the answer is timed; the first step runs untimed before it (./two-step.ts), and each step is
 * built in ./factor-steps.ts. Selectable with `--flows`, not in bench/oracle-all.ts's default set.
 * The first step and every answer but PASSWORD_VERIFIER are held to the time floor
 * (docs/existence.md#the-time-floor), so a sample costs about two floors of wall time.
 *
 * Limits: every name is used once per flow. The four code and password flows share one pool, so a
 * name there meets, per server, at most two sign-in code requests and two entries (10 per hour
 * each, docs/existence.md#attempt-limits; the budget per user likewise) and two failed password
 * checks (five are free, docs/authentication.md#password-lockout). A failed passkey counts nothing.
 *
 * Pools (users seeded through the store ports before the server starts, ../auth/seed-users.ts),
 * tagged with the profile, ENABLED clients allowing only USER_AUTH and refresh:
 * - codes: PASSWORD, EMAIL_OTP, SMS_OTP; email and phone auto-verified, so in the cognito profile an
 *   unknown name is offered both codes as a real user (who has both) is
 *   (docs/existence.md#user_auth-simulated-challenges);
 * - passkeys: PASSWORD, WEB_AUTHN with the RP ID `localhost`; every real user has one passkey
 *   (./factor-passkeys.ts).
 * Names are UUID-shaped and of equal length, real `…-8000-…`, unknown `…-9000-…`.
 */
import { type Seeded, type SeedPool, seedUsers, uuidName } from "../auth/seed-users.ts";
import type { Client } from "../lib/http-client.ts";
import type { OracleClass } from "../lib/oracle.ts";
import { addPasskey, RP_ID } from "./factor-passkeys.ts";
import { type Factor, factorStep } from "./factor-steps.ts";
import { type ExistenceProfile, profileTags } from "./profile.ts";
import { twoStepClass } from "./two-step.ts";

export type FactorFlow = `USER_AUTH_${Factor}`;
export const FACTOR_FLOWS: readonly FactorFlow[] = [
  "USER_AUTH_EMAIL_OTP",
  "USER_AUTH_SMS_OTP",
  "USER_AUTH_PASSWORD",
  "USER_AUTH_PASSWORD_SRP",
  "USER_AUTH_WEB_AUTHN",
];

const factorOf = (flow: FactorFlow): Factor => flow.slice("USER_AUTH_".length) as Factor;
export const factorLabel = (flow: FactorFlow): string => `USER_AUTH ${factorOf(flow)} answer`;

const realName = (i: number): string => uuidName(i, "8");
const unknownName = (i: number): string => uuidName(i, "9");
const indexOf = (name: string): number => Number.parseInt(name.slice(-12), 16);

export interface FactorPools {
  codes?: Seeded;
  passkeys?: Seeded;
  /** Real users per pool. */
  users: number;
  /** Real users whose outstanding code happened to be the wrong code sent. */
  chanceMatches: number;
}

const phone = (name: string): string => `+1206555${String(indexOf(name) % 10000).padStart(4, "0")}`;

/** The pools the selected flows need, with `users` real users each. */
export async function seedFactors(
  dataDir: string,
  users: number,
  profile: ExistenceProfile,
  flows: readonly FactorFlow[],
): Promise<FactorPools> {
  const out: FactorPools = { users, chanceMatches: 0 };
  const authFlows: SeedPool["authFlows"] = ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
  const base = { tags: profileTags(profile), authFlows };
  if (flows.some((f) => f !== "USER_AUTH_WEB_AUTHN")) {
    out.codes = await seedUsers(dataDir, users, () => undefined, realName, {
      ...base,
      settings: {
        AutoVerifiedAttributes: ["email", "phone_number"],
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP", "SMS_OTP"] } },
      },
      attributes: (name) => ({
        email: `${name}@example.com`,
        email_verified: "true",
        phone_number: phone(name),
        phone_number_verified: "true",
      }),
    });
  }
  if (flows.includes("USER_AUTH_WEB_AUTHN")) {
    out.passkeys = await seedUsers(dataDir, users, () => undefined, realName, {
      ...base,
      settings: {
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "WEB_AUTHN"] } },
        WebAuthnRelyingPartyID: RP_ID,
      },
      withUser: addPasskey(indexOf),
    });
  }
  return out;
}

/** The two classes of a factor flow; each sample takes the next unused name of its class. */
export function factorClasses(
  client: Client,
  baseUrl: string,
  pools: FactorPools,
  flow: FactorFlow,
): readonly [OracleClass, OracleClass] {
  const factor = factorOf(flow);
  const seeded = factor === "WEB_AUTHN" ? pools.passkeys : pools.codes;
  if (!seeded) throw new Error(`${flow}: not seeded`);
  // Only a real user's answer may succeed by chance; an unknown name's success would be a bug.
  const real = factorStep(factor, seeded.clientId, () => {
    pools.chanceMatches++;
  });
  const unknown = factorStep(factor, seeded.clientId);
  return [
    twoStepClass(client, baseUrl, "real user", real, realName, { limit: pools.users, skips: false }),
    twoStepClass(client, baseUrl, "unknown name", unknown, unknownName, { limit: Infinity, skips: true }),
  ];
}
