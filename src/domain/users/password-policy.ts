import { randomInt } from "node:crypto";
import { errors } from "../errors/index.ts";
import type { PasswordPolicy } from "../pools/pool.ts";

/**
 * Cognito's special characters (docs/operations.md#password-policy); the space counts as one too.
 * ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + -
 */
const SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

/** The first policy rule a password breaks, in the order users see them (docs/operations.md#password-policy). */
export function policyViolation(policy: PasswordPolicy, password: string): string | null {
  if ([...password].length < policy.MinimumLength) return "Password not long enough";
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) return "Password must have uppercase characters";
  if (policy.RequireLowercase && !/[a-z]/.test(password)) return "Password must have lowercase characters";
  if (policy.RequireNumbers && !/[0-9]/.test(password)) return "Password must have numeric characters";
  if (policy.RequireSymbols && ![...password].some((ch) => SYMBOLS.includes(ch))) {
    return "Password must have symbol characters";
  }
  return null;
}

/**
 * Throws InvalidPasswordException. SignUp words it "Password did not conform with policy: …";
 * every other operation "Password does not conform to policy: …" (docs/errors.md).
 */
export function enforcePolicy(policy: PasswordPolicy, password: string, wording: "sign-up" | "other"): void {
  const why = policyViolation(policy, password);
  if (why === null) return;
  throw wording === "sign-up" ? errors.signUpPasswordPolicy(why) : errors.passwordPolicy(why);
}

/** A temporary password that satisfies the policy (AdminCreateUser without TemporaryPassword). */
export function generateTemporaryPassword(policy: PasswordPolicy): string {
  const sets = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "^$*.!@#%&-_=+"];
  const all = sets.join("");
  const chars = sets.map((s) => s[randomInt(s.length)] ?? "a");
  while (chars.length < Math.max(policy.MinimumLength, 12)) chars.push(all[randomInt(all.length)] ?? "a");
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? "", chars[i] ?? ""];
  }
  return chars.join("");
}
