import { z } from "zod";
import { chargeAttempt, clearAttempts } from "../domain/codes/attempts.ts";
import { decoySubjectFor } from "../domain/codes/delivery.ts";
import { checkCode, checkDecoyCode, consumeCode } from "../domain/codes/issue.ts";
import { errors } from "../domain/errors/index.ts";
import { findUserEvenly } from "../domain/existence/even-lookup.ts";
import { codeEntryState, existence } from "../domain/existence/index.ts";
import { requireClientAndPool } from "../domain/pools/lookup.ts";
import { passwordPolicyOf, poolConfig } from "../domain/pools/pool.ts";
import { checkSecretHash } from "../domain/pools/secret-hash.ts";
import { postConfirmation } from "../domain/trigger-calls/sign-up.ts";
import { sealCredential } from "../domain/users/credentials.ts";
import { enforcePolicy } from "../domain/users/password-policy.ts";
import { canonicalName } from "../domain/users/username.ts";
import { shapes } from "../protocol/validation.ts";
import { defineOperation } from "./operation.ts";
import { publicClientMembers } from "./public-inputs.ts";

const input = z.object({
  ...publicClientMembers,
  ConfirmationCode: shapes.confirmationCode,
  Password: shapes.password,
});

/**
 * ConfirmForgotPassword (spec A.5): the new password is checked against the policy first ("Password
 * does not conform to policy: …"), for any name. Then the attempt is counted and the existence table
 * decides; the masked path reads a decoy code row and answers CodeMismatchException. No outstanding
 * code is ExpiredCodeException (documented by Cognito, both modes). A right code sets the password
 * and the status CONFIRMED (also from RESET_REQUIRED and UNCONFIRMED), then PostConfirmation_ConfirmForgotPassword
 * runs (docs/triggers.md).
 */
export const confirmForgotPassword = defineOperation(
  "ConfirmForgotPassword",
  input,
  async (req, services) => {
    const { store, box, clock, secrets } = services;
    const { client, pool } = await requireClientAndPool(store, req.ClientId);
    checkSecretHash(box, client, req.Username, req.SecretHash);
    enforcePolicy(passwordPolicyOf(poolConfig(pool)), req.Password, "other");
    const name = canonicalName(pool, req.Username);
    const key = await chargeAttempt(services, {
      poolId: pool.id,
      purpose: "ConfirmForgotPassword",
      kind: "code-entry",
      name,
    });
    const user = await findUserEvenly(services, pool, req.Username);
    // Computed on both paths, so both make the same MACs (no-oracle.md rule 6).
    const decoy = decoySubjectFor(secrets, pool, "recovery", req.Username);
    const next = existence.decideOrThrow(client, "ConfirmForgotPassword", codeEntryState(user));
    if (next === "simulate" || !user) {
      const code = req.ConfirmationCode;
      await checkDecoyCode(services, { poolId: pool.id, purpose: "FORGOT_PASSWORD", decoy, code });
      throw errors.codeMismatch();
    }
    const check = await checkCode(services, {
      poolId: pool.id,
      subject: user.sub,
      purpose: "FORGOT_PASSWORD",
      code: req.ConfirmationCode,
    });
    if (check.outcome === "expired") throw errors.expiredCode();
    if (check.outcome === "mismatch" || !check.record) throw errors.codeMismatch();
    if (!(await consumeCode(services, check.record))) throw errors.codeMismatch();
    const now = clock.now();
    const saved = {
      ...user,
      credential: sealCredential(box, user, req.Password),
      credentialSetAt: now,
      status: "CONFIRMED" as const,
      modifiedAt: now,
    };
    await store.users.save(saved);
    await clearAttempts(services, key);
    await postConfirmation(services, {
      pool,
      clientId: client.clientId,
      source: "PostConfirmation_ConfirmForgotPassword",
      user: saved,
      clientMetadata: req.ClientMetadata,
    });
    return {};
  },
);
