import { z } from "zod";
import { lockedUntil, lockoutKey } from "../domain/auth-flows/index.ts";
import { IDLE_RESET_MS } from "../domain/auth-flows/lockout.ts";
import { errors } from "../domain/errors/index.ts";
import { passwordPolicyOf, poolConfig } from "../domain/pools/pool.ts";
import { ACCESS_TOKEN_PATTERN, authorizeAccessToken } from "../domain/users/access-token.ts";
import { saveUser } from "../domain/users/admin-user.ts";
import { passwordMatches, sealCredential } from "../domain/users/credentials.ts";
import { enforcePolicy } from "../domain/users/password-policy.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * ChangePassword (docs/operations.md#token-authorised-operations). The previous password is checked first (a wrong one is `Incorrect
 * username or password.` and counts on the user's sign-in lockout counter, so this operation cannot
 * be used to guess around the lockout; while locked it answers `LimitExceededException: Attempt limit
 * exceeded, please try after some time.`), then the policy (`Password does not conform to policy: …`).
 * PreviousPassword may be omitted only by a user who has no password. Other sessions stay signed in.
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
    services: Pick<Services, "box" | "clock" | "probe" | "secrets" | "store" | "tokenKeys">,
  ) => {
    const { pool, user, now } = await authorizeAccessToken(services, AccessToken, "ChangePassword");
    const { counters } = services.store;
    const key = lockoutKey(services.secrets, pool.id, user.usernameKey);
    if (lockedUntil(await counters.get(key), now) > 0) throw errors.attemptLimit();
    if (user.credential !== null) {
      if (PreviousPassword === undefined || !passwordMatches(services.box, user, PreviousPassword)) {
        await counters.increment(key, now, { idleMs: IDLE_RESET_MS });
        throw errors.incorrectCredentials();
      }
    }
    enforcePolicy(passwordPolicyOf(poolConfig(pool)), ProposedPassword, "other");
    await saveUser(services.store, pool, {
      ...user,
      credential: sealCredential(services.box, user, ProposedPassword),
      credentialSetAt: now,
      modifiedAt: now,
    });
    await counters.clear(key);
    return {};
  },
);
