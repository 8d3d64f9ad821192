import { z } from "zod";
import { chargeAttempt } from "../domain/codes/attempts.ts";
import {
  codeDeliveryDetails,
  maskTarget,
  planDelivery,
  recoveryIsAdminOnly,
} from "../domain/codes/delivery.ts";
import { issueCode, issueDecoy } from "../domain/codes/issue.ts";
import { errors } from "../domain/errors/index.ts";
import { findUserEvenly } from "../domain/existence/even-lookup.ts";
import { existence, forgotPasswordState } from "../domain/existence/index.ts";
import { requireClientAndPool } from "../domain/pools/lookup.ts";
import { checkSecretHash } from "../domain/pools/secret-hash.ts";
import { customMessage } from "../domain/trigger-calls/custom-message.ts";
import { migrateUser } from "../domain/trigger-calls/migration.ts";
import { canonicalName } from "../domain/users/username.ts";
import { defineOperation } from "./operation.ts";
import { publicClientMembers } from "./public-inputs.ts";

const input = z.object(publicClientMembers);

/**
 * ForgotPassword (spec A.4): a pool whose AccountRecoverySetting is admin_only refuses every name
 * (before the lookup). Then the attempt is counted, the delivery planned (AccountRecoverySetting
 * priority or the legacy order, verified contacts only) and the existence table decides: a 1-hour
 * code to the user's verified contact, or the masked path (decoy code row and decoy outbox row) with
 * the simulated answer. Triggers (docs/triggers.md): UserMigration_ForgotPassword for an unknown name,
 * CustomMessage_ForgotPassword on both paths.
 */
export const forgotPassword = defineOperation("ForgotPassword", input, async (req, services) => {
  const { store, box, secrets } = services;
  const { client, pool } = await requireClientAndPool(store, req.ClientId);
  checkSecretHash(box, client, req.Username, req.SecretHash);
  if (recoveryIsAdminOnly(pool)) throw errors.recoveryAdminOnly();
  const name = canonicalName(pool, req.Username);
  await chargeAttempt(services, { poolId: pool.id, purpose: "ForgotPassword", kind: "code-request", name });
  const found = await findUserEvenly(services, pool, req.Username);
  // UserMigration is asked about unknown names before the existence answer (spec E.1); a function
  // that declines (empty response) leaves the name unknown. A known name awaits a settled promise in
  // its place, so both paths take the same turn through the event loop.
  const migration = found
    ? Promise.resolve(null)
    : migrateUser(services, {
        pool,
        client,
        typed: req.Username,
        source: "UserMigration_ForgotPassword",
        clientMetadata: req.ClientMetadata,
      });
  const migrated = await migration; // awaited on both paths (`??` would skip it for a known name)
  const user = found ?? migrated;
  const plan = planDelivery(secrets, pool, "recovery", req.Username, user);
  const next = existence.decideOrThrow(
    client,
    "ForgotPassword",
    forgotPasswordState(user, plan.real !== null),
  );
  const message = { pool, clientId: client.clientId, clientMetadata: req.ClientMetadata };
  const source = "CustomMessage_ForgotPassword";
  if (next === "proceed" && user && plan.real) {
    const text = await customMessage(services, { ...message, source, subject: { user } });
    await issueCode(services, { pool, user, purpose: "FORGOT_PASSWORD", target: plan.real, text });
    return codeDeliveryDetails(maskTarget(plan.real));
  }
  // The masked path calls CustomMessage too (./domain/trigger-calls/custom-message.ts).
  const text = await customMessage(services, { ...message, source, subject: { simulatedFor: req.Username } });
  await issueDecoy(services, {
    pool,
    purpose: "FORGOT_PASSWORD",
    decoy: plan.decoy,
    delivery: plan.masked,
    text,
  });
  return codeDeliveryDetails(plan.masked);
});
