/**
 * The USER_AUTH class of the timing oracle (docs/measuring.md#the-timing-oracle-test,
 * docs/authentication.md#existence): choice-based sign-in's first step, InitiateAuth `AuthFlow:
 * USER_AUTH` with USERNAME only, for a real user against a name nobody holds, under
 * PreventUserExistenceErrors = ENABLED. Both answer SELECT_CHALLENGE.
 *
 * The pool allows PASSWORD and EMAIL_OTP and auto-verifies email; every real user has a password and
 * an email, so a real user's AvailableChallenges are the ones a name without a user is shown in the
 * cognito profile too (the pool collects email; no WEB_AUTHN) and every name's in the strict one:
 * the answers have equal sizes. The first step counts no failures, so no name meets the lockout.
 * Users are seeded through the store ports before the server starts (../auth/seed-users.ts).
 */
import { type Seeded, seedUsers, uuidName } from "../auth/seed-users.ts";
import type { CallResult, Client } from "../lib/http-client.ts";
import type { OracleClass } from "../lib/oracle.ts";
import { type ExistenceProfile, profileTags } from "./profile.ts";

export type UserAuthFlow = "USER_AUTH";
export const USER_AUTH_FLOWS: readonly UserAuthFlow[] = ["USER_AUTH"];

export const USER_AUTH_LABEL = "USER_AUTH step 1";

const realName = (i: number): string => uuidName(i, "8");
const unknownName = (i: number): string => uuidName(i, "9");

/** What every class must be answered (the check that the bench measures the step it means to). */
const OFFERED = ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"];

/** A USER_AUTH pool tagged with the profile, its ENABLED client, and `users` real users. */
export const seedUserAuth = (dataDir: string, users: number, profile: ExistenceProfile): Promise<Seeded> =>
  seedUsers(dataDir, users, () => undefined, realName, {
    tags: profileTags(profile),
    settings: {
      AutoVerifiedAttributes: ["email"],
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ["PASSWORD", "EMAIL_OTP"] } },
    },
    authFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    attributes: (name) => ({ email: `${name}@example.com`, email_verified: "true" }),
  });

/** Throws unless the answer is SELECT_CHALLENGE offering `OFFERED`. */
export function checkSelectChallenge(r: CallResult): void {
  const body = r.body as { ChallengeName?: string; AvailableChallenges?: string[] };
  const ok =
    r.status === 200 &&
    body.ChallengeName === "SELECT_CHALLENGE" &&
    JSON.stringify(body.AvailableChallenges) === JSON.stringify(OFFERED);
  if (!ok) throw new Error(`USER_AUTH: unexpected answer HTTP ${r.status} ${JSON.stringify(r.body)}`);
}

/** The two classes; each send uses the next unused name of its class. */
export function userAuthClasses(
  client: Client,
  baseUrl: string,
  seeded: Seeded,
): readonly [OracleClass, OracleClass] {
  const sender = (name: (i: number) => string): (() => Promise<void>) => {
    let i = 0;
    return async () => {
      const r = await client.call(baseUrl, "InitiateAuth", {
        ClientId: seeded.clientId,
        AuthFlow: "USER_AUTH",
        AuthParameters: { USERNAME: name(i++) },
      });
      checkSelectChallenge(r);
    };
  };
  return [
    { label: "real user", send: sender(realName) },
    { label: "unknown name", send: sender(unknownName) },
  ];
}
