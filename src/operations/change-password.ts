import { z } from "zod";
import { LOCKOUT_RULE, lockoutKey, lockoutProfile, userBudgetKey } from "../domain/auth-flows/lockout.ts";
import { errors } from "../domain/errors/index.ts";
import { passwordPolicyOf, poolConfig } from "../domain/pools/pool.ts";
import {
  ACCESS_TOKEN_PATTERN,
  assertStillAuthorized,
  authorizeAccessToken,
} from "../domain/users/access-token.ts";
import { passwordMatches, sealCredential } from "../domain/users/credentials.ts";
import { enforcePolicy } from "../domain/users/password-policy.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * ChangePassword (docs/operations.md#token-authorised-operations). The previous password is checked first (a wrong one is `Incorrect
 * username or password.` and counts on the user's sign-in lockout counter, so this operation cannot
 * be used to guess around the lockout; while locked it answers `LimitExceededException: Attempt limit
 * exceeded, please try after some time.`), then the policy (`Password does not conform to policy: …`).
 * PreviousPassword may be omitted only by a user who has no password. Other sessions stay signed in.
 * The attempt is counted before the check in one statement (docs/authentication.md#password-lockout):
 * on the username key's counter in the `cognito` profile, on the user's own budget in `strict`. The new
 * credential is written only over the row whose password was checked (docs/storage.md#no-lost-updates).
 */
export const changePassword = defineOperation(
  "ChangePassword",
  z.object({
    AccessToken: z.string().min(1).regex(ACCESS_TOKEN_PATTERN),
    PreviousPassword: shapes.password.optional(),
    ProposedPassword: shapes.password,
  }),
  async (
    { AccessToken, PreviousPassword, ProposedPassword },
    services: Pick<Services, "box" | "clock" | "config" | "probe" | "secrets" | "store" | "tokenKeys">,
  ) => {
    const { info, pool, user, now } = await authorizeAccessToken(services, AccessToken, "ChangePassword");
    const { counters } = services.store;
    const strict = lockoutProfile(services, pool) === "strict";
    const key = strict
      ? userBudgetKey(services.secrets, pool.id, `sub:${user.sub}`)
      : lockoutKey(services.secrets, pool.id, user.usernameKey);
    const claim = await counters.claim(key, now, LOCKOUT_RULE);
    if (!claim) throw errors.attemptLimit();
    const proven = (u: typeof user) =>
      u.credential === null ||
      (PreviousPassword !== undefined && passwordMatches(services.box, u, PreviousPassword));
    if (!proven(user)) throw errors.incorrectCredentials(); // the claim stands: a failure
    let wrong = false;
    try {
      enforcePolicy(passwordPolicyOf(poolConfig(pool)), ProposedPassword, "other");
      const credential = sealCredential(services.box, user, ProposedPassword);
      await updateUser(services, pool, user, (u) => {
        assertStillAuthorized(info, u);
        // Someone else set the password since it was checked: check the previous one against theirs.
        wrong = u.credential !== user.credential && !proven(u);
        if (wrong) throw errors.incorrectCredentials();
        return { ...u, credential, credentialSetAt: now, modifiedAt: now };
      });
    } catch (e) {
      // A right previous password refused for another reason (policy, …) counts as nothing.
      if (!wrong) await counters.refund(key, claim);
      throw e;
    }
    if (strict) await counters.refund(key, claim);
    else await counters.clear(key);
    return {};
  },
);
