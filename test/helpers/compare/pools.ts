import type { ExistenceProfile } from "../../../src/domain/existence/profile.ts";
import type { PoolSettings } from "../fixtures.ts";

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

/** One pool of a kind in a profile, with its ENABLED client (every flow). */
export interface Target {
  kind: PoolKind;
  profile: ExistenceProfile;
  poolId: string;
  clientId: string;
}
