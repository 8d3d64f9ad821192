import { z } from "zod";
import { chargeAttempt } from "../domain/attempts.ts";
import { issueCode, issueDecoy } from "../domain/codes.ts";
import { codeDeliveryDetails, maskTarget, planDelivery, recoveryIsAdminOnly } from "../domain/delivery.ts";
import { findUserEvenly } from "../domain/even-lookup.ts";
import { existence, forgotPasswordState } from "../domain/existence/index.ts";
import { requireClientAndPool } from "../domain/lookup.ts";
import { checkSecretHash } from "../domain/secret-hash.ts";
import { canonicalName } from "../domain/username.ts";
import { errors } from "../protocol/errors.ts";
import { defineOperation } from "./operation.ts";
import { publicClientMembers } from "./public-inputs.ts";

const input = z.object(publicClientMembers);

/**
 * ForgotPassword (spec A.4): a pool whose AccountRecoverySetting is admin_only refuses every name
 * (before the lookup). Then the attempt is counted, the delivery planned (AccountRecoverySetting
 * priority or the legacy order, verified contacts only) and the existence table decides: a 1-hour
 * code to the user's verified contact, or the masked path (decoy code row and decoy outbox row) with
 * the simulated answer. The UserMigration trigger for unknown names is wired by issue 5.
 */
export const forgotPassword = defineOperation("ForgotPassword", input, async (req, services) => {
  const { store, box, secrets } = services;
  const { client, pool } = await requireClientAndPool(store, req.ClientId);
  checkSecretHash(box, client, req.Username, req.SecretHash);
  if (recoveryIsAdminOnly(pool)) throw errors.notAuthorized("Contact administrator to reset password.");
  const name = canonicalName(pool, req.Username);
  await chargeAttempt(services, { poolId: pool.id, purpose: "ForgotPassword", kind: "code-request", name });
  const user = await findUserEvenly(services, pool, req.Username);
  const plan = planDelivery(secrets, pool, "recovery", req.Username, user);
  const next = existence.decideOrThrow(
    client,
    "ForgotPassword",
    forgotPasswordState(user, plan.real !== null),
  );
  if (next === "proceed" && user && plan.real) {
    await issueCode(services, { pool, user, purpose: "FORGOT_PASSWORD", target: plan.real });
    return codeDeliveryDetails(maskTarget(plan.real));
  }
  await issueDecoy(services, {
    pool,
    purpose: "FORGOT_PASSWORD",
    decoy: plan.decoy,
    delivery: plan.masked,
  });
  return codeDeliveryDetails(plan.masked);
});
