import { z } from "zod";
import { chargeAttempt, clearAttempts } from "../domain/codes/attempts.ts";
import { channelMedia, contactOf, decoySubjectFor } from "../domain/codes/delivery.ts";
import { checkCode, checkDecoyCode, consumeCode } from "../domain/codes/issue.ts";
import { errors } from "../domain/errors/index.ts";
import { findUserEvenly } from "../domain/existence/even-lookup.ts";
import { codeEntryState, existence } from "../domain/existence/index.ts";
import { requireClientAndPool } from "../domain/pools/lookup.ts";
import { checkSecretHash } from "../domain/pools/secret-hash.ts";
import { postConfirmation } from "../domain/trigger-calls/sign-up.ts";
import { findAliasConflict } from "../domain/users/alias-conflict.ts";
import { refreshKeys } from "../domain/users/new-user.ts";
import { canonicalName } from "../domain/users/username.ts";
import { shapes } from "../protocol/validation.ts";
import { UniqueViolation, type UserRecord } from "../storage/ports.ts";
import { defineOperation } from "./operation.ts";
import { publicClientMembers } from "./public-inputs.ts";

const input = z.object({
  ...publicClientMembers,
  ConfirmationCode: shapes.confirmationCode,
  ForceAliasCreation: z.boolean().optional(),
  Session: shapes.session.optional(),
});

/**
 * ConfirmSignUp (spec A.2): the attempt is counted for any name, then the existence table decides.
 * The masked path checks the code against a decoy row (same read and MAC) and answers
 * CodeMismatchException. A right code confirms the user and verifies the attribute the code went to;
 * an alias that another user holds is AliasExistsException unless ForceAliasCreation moves it. Then
 * PostConfirmation_ConfirmSignUp runs (docs/triggers.md).
 */
export const confirmSignUp = defineOperation("ConfirmSignUp", input, async (req, services) => {
  const { store, box, clock, secrets } = services;
  const { client, pool } = await requireClientAndPool(store, req.ClientId);
  checkSecretHash(box, client, req.Username, req.SecretHash);
  const name = canonicalName(pool, req.Username);
  const key = await chargeAttempt(services, {
    poolId: pool.id,
    purpose: "ConfirmSignUp",
    kind: "code-entry",
    name,
  });
  const user = await findUserEvenly(services, pool, req.Username);
  // Computed on both paths, so both make the same MACs (no-oracle.md rule 6).
  const decoy = decoySubjectFor(secrets, pool, "sign-up", req.Username);
  const next = existence.decideOrThrow(client, "ConfirmSignUp", codeEntryState(user));
  if (next === "simulate" || !user) {
    await checkDecoyCode(services, {
      poolId: pool.id,
      purpose: "SIGN_UP",
      decoy,
      code: req.ConfirmationCode,
    });
    throw errors.codeMismatch();
  }
  const check = await checkCode(services, {
    poolId: pool.id,
    subject: user.sub,
    purpose: "SIGN_UP",
    code: req.ConfirmationCode,
  });
  if (check.outcome === "expired") throw errors.expiredCode();
  if (check.outcome === "mismatch" || !check.record) throw errors.codeMismatch();

  const target = contactOf(user, channelMedia(pool, "sign-up"), false);
  const attributes = target
    ? { ...user.attributes, [`${target.attribute}_verified`]: "true" }
    : user.attributes;
  const confirmed: UserRecord = refreshKeys(pool, {
    ...user,
    status: "CONFIRMED",
    attributes,
    modifiedAt: clock.now(),
  });
  const conflict = await findAliasConflict(store, user, confirmed);
  if (conflict && !req.ForceAliasCreation) throw errors.aliasExists(conflict.kind);
  if (!(await consumeCode(services, check.record))) throw errors.codeMismatch();
  try {
    if (conflict) await store.users.saveTakingAlias(confirmed, conflict.kind, conflict.key);
    else await store.users.save(confirmed);
  } catch (e) {
    // Another user verified the same alias between our read and this write.
    if (e instanceof UniqueViolation && e.what !== "sub" && e.what !== "other" && e.what !== "username") {
      throw errors.aliasExists(e.what);
    }
    throw e;
  }
  await clearAttempts(services, key);
  await postConfirmation(services, {
    pool,
    clientId: client.clientId,
    source: "PostConfirmation_ConfirmSignUp",
    user: confirmed,
    clientMetadata: req.ClientMetadata,
  });
  return {};
});
