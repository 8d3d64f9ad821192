import { z } from "zod";
import { chargeAttempt } from "../domain/codes/attempts.ts";
import { channelMedia, codeDeliveryDetails, maskTarget, planDelivery } from "../domain/codes/delivery.ts";
import { issueCode, issueDecoy } from "../domain/codes/issue.ts";
import { errors } from "../domain/errors/index.ts";
import { findUserEvenly } from "../domain/existence/even-lookup.ts";
import { existence, resendState } from "../domain/existence/index.ts";
import { requireClientAndPool } from "../domain/pools/lookup.ts";
import { checkSecretHash } from "../domain/pools/secret-hash.ts";
import { customMessage } from "../domain/trigger-calls/custom-message.ts";
import { canonicalName } from "../domain/users/username.ts";
import { defineOperation } from "./operation.ts";
import { publicClientMembers } from "./public-inputs.ts";

const input = z.object(publicClientMembers);

/**
 * ResendConfirmationCode (spec A.3): a pool that auto-verifies nothing cannot send sign-up codes, for
 * any name (checked before the lookup, so it says nothing about users). Then the attempt is counted,
 * the delivery planned and the existence table decides: a real code to an unconfirmed user, or the
 * masked path (a decoy code row and a decoy outbox row, the same writes) with the planned answer.
 * CustomMessage_ResendCode runs on both paths (docs/triggers.md).
 */
export const resendConfirmationCode = defineOperation(
  "ResendConfirmationCode",
  input,
  async (req, services) => {
    const { store, box, secrets } = services;
    const { client, pool } = await requireClientAndPool(store, req.ClientId);
    checkSecretHash(box, client, req.Username, req.SecretHash);
    if (channelMedia(pool, "sign-up").length === 0) {
      throw errors.cannotResendCodes();
    }
    const name = canonicalName(pool, req.Username);
    await chargeAttempt(services, {
      poolId: pool.id,
      purpose: "ResendConfirmationCode",
      kind: "code-request",
      name,
    });
    const user = await findUserEvenly(services, pool, req.Username);
    const plan = planDelivery(secrets, pool, "sign-up", req.Username, user);
    const next = existence.decideOrThrow(
      client,
      "ResendConfirmationCode",
      resendState(user, plan.real !== null),
    );
    const message = { pool, clientId: client.clientId, clientMetadata: req.ClientMetadata };
    const source = "CustomMessage_ResendCode";
    if (next === "proceed" && user && plan.real) {
      const text = await customMessage(services, { ...message, source, subject: { user } });
      await issueCode(services, { pool, user, purpose: "SIGN_UP", target: plan.real, text });
      return codeDeliveryDetails(maskTarget(plan.real));
    }
    // The masked path calls CustomMessage too (./domain/trigger-calls/custom-message.ts).
    const text = await customMessage(services, {
      ...message,
      source,
      subject: { simulatedFor: req.Username },
    });
    await issueDecoy(services, { pool, purpose: "SIGN_UP", decoy: plan.decoy, delivery: plan.masked, text });
    return codeDeliveryDetails(plan.masked);
  },
);
