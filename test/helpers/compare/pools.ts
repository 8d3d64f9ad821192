import type { ExistenceProfile } from "../../../src/domain/existence/profile.ts";
import { EXISTENCE_PROFILE_TAG } from "../../../src/domain/existence/profile.ts";
import { ALL_AUTH_FLOWS, arn, createClient, createPool, type PoolSettings } from "../fixtures.ts";
import type { TestServer } from "../server.ts";

/**
 * The pool kinds the comparison runs in, and the names it compares there. Every case takes one
 * number `n` and makes two names of exactly the same shape from it, `k…` for the known user and
 * `u…` for the name nobody holds (the same length, the same character classes, the same domain).
 */
export type PoolKindId =
  | "plain"
  | "case-insensitive"
  | "email-alias"
  | "phone-alias"
  | "preferred-username-alias"
  | "email-as-username";

export type Side = "known" | "unknown";

export interface NameSlot {
  /** What the caller types as USERNAME / Username. */
  typed: string;
  /** The internal username the known user is created with; absent with UsernameAttributes. */
  username?: string;
  /** The Username a SignUp for this name sends (a fresh one in alias pools, where the alias collides). */
  signUpUsername: string;
  /** Contact and alias attributes, unverified (states add the *_verified flags). */
  attributes: Record<string, string>;
}

export interface PoolKind {
  id: PoolKindId;
  settings: PoolSettings;
  /** The attribute codes go to: email, or phone_number in the phone pool. */
  contact: "email" | "phone_number";
  slot(side: Side, n: number): NameSlot;
}

const pad = (n: number): string => String(n).padStart(6, "0");
const letter = (side: Side): string => (side === "known" ? "k" : "u");
/** Contact emails keep an upper-case letter, as users type them: a mask must not tell real from fake by case. */
const mixedCaseEmail = (side: Side, n: number): string =>
  `${letter(side).toUpperCase()}${pad(n)}@Example.com`;

export const POOL_KINDS: readonly PoolKind[] = [
  {
    id: "plain",
    settings: { AutoVerifiedAttributes: ["email"] },
    contact: "email",
    slot: (side, n) => {
      const typed = `${letter(side)}${pad(n)}`;
      return {
        typed,
        username: typed,
        signUpUsername: typed,
        attributes: { email: mixedCaseEmail(side, n) },
      };
    },
  },
  {
    id: "case-insensitive",
    settings: { AutoVerifiedAttributes: ["email"], UsernameConfiguration: { CaseSensitive: false } },
    contact: "email",
    // Stored with a capital, typed in lower case.
    slot: (side, n) => ({
      typed: `${letter(side)}${pad(n)}`,
      username: `${letter(side).toUpperCase()}${pad(n)}`,
      signUpUsername: `${letter(side)}${pad(n)}`,
      attributes: { email: mixedCaseEmail(side, n) },
    }),
  },
  {
    id: "email-alias",
    settings: { AliasAttributes: ["email"], AutoVerifiedAttributes: ["email"] },
    contact: "email",
    slot: (side, n) => {
      const typed = `${letter(side)}${pad(n)}@example.com`;
      return {
        typed,
        username: `${letter(side)}n${pad(n)}`,
        signUpUsername: `${letter(side)}s${pad(n)}`,
        attributes: { email: typed },
      };
    },
  },
  {
    id: "phone-alias",
    settings: { AliasAttributes: ["phone_number"], AutoVerifiedAttributes: ["phone_number"] },
    contact: "phone_number",
    slot: (side, n) => {
      const typed = `+1206${side === "known" ? 5 : 6}${pad(n)}`;
      return {
        typed,
        username: `${letter(side)}n${pad(n)}`,
        signUpUsername: `${letter(side)}s${pad(n)}`,
        attributes: { phone_number: typed },
      };
    },
  },
  {
    id: "preferred-username-alias",
    settings: { AliasAttributes: ["preferred_username"], AutoVerifiedAttributes: ["email"] },
    contact: "email",
    slot: (side, n) => {
      const typed = `${letter(side)}p${pad(n)}`;
      return {
        typed,
        username: `${letter(side)}n${pad(n)}`,
        signUpUsername: `${letter(side)}s${pad(n)}`,
        attributes: { preferred_username: typed, email: mixedCaseEmail(side, n) },
      };
    },
  },
  {
    id: "email-as-username",
    settings: { UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] },
    contact: "email",
    slot: (side, n) => {
      const typed = `${letter(side)}${pad(n)}@example.com`;
      return { typed, signUpUsername: typed, attributes: { email: typed } };
    },
  },
];

export const poolKind = (id: PoolKindId): PoolKind => {
  const k = POOL_KINDS.find((p) => p.id === id);
  if (!k) throw new Error(`no pool kind ${id}`);
  return k;
};

/** One pool of a kind in a profile, with its ENABLED client (every flow). */
export interface Target {
  kind: PoolKind;
  profile: ExistenceProfile;
  poolId: string;
  clientId: string;
}

/** CUSTOM_AUTH's three functions, run in-process (`--functions`): one question, answer "42". */
export const CUSTOM_AUTH_FUNCTIONS: Record<string, string> = {
  define: `export const handler = async (event) => {
  const s = event.request.session;
  const last = s[s.length - 1];
  event.response.issueTokens = s.length > 0 && last.challengeResult === true;
  event.response.failAuthentication = !event.response.issueTokens && s.length >= 3;
  if (!event.response.issueTokens && !event.response.failAuthentication) event.response.challengeName = "CUSTOM_CHALLENGE";
  return event;
};`,
  create: `export const handler = async (event) => {
  event.response.publicChallengeParameters = { question: "6 x 7?" };
  event.response.privateChallengeParameters = { answer: "42" };
  event.response.challengeMetadata = "QUESTION";
  return event;
};`,
  verify: `export const handler = async (event) => {
  event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
  return event;
};`,
};

export async function createTarget(
  s: TestServer,
  kind: PoolKind,
  profile: ExistenceProfile,
): Promise<Target> {
  const poolId = await createPool(s, {
    PoolName: `compare-${kind.id}-${profile}`,
    ...kind.settings,
    LambdaConfig: {
      DefineAuthChallenge: arn("define"),
      CreateAuthChallenge: arn("create"),
      VerifyAuthChallengeResponse: arn("verify"),
    },
    UserPoolTags: { [EXISTENCE_PROFILE_TAG]: profile },
  });
  const clientId = await createClient(s, poolId, "ENABLED", { ExplicitAuthFlows: [...ALL_AUTH_FLOWS] });
  return { kind, profile, poolId, clientId };
}
