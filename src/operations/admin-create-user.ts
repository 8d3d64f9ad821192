import { z } from "zod";
import { type DeliveryMedium, sendInvitation, signInName } from "../domain/codes/invitation.ts";
import { errors } from "../domain/errors/index.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { passwordPolicyOf, poolConfig } from "../domain/pools/pool.ts";
import { inTransaction } from "../domain/transaction.ts";
import { customMessage } from "../domain/trigger-calls/custom-message.ts";
import { attributeMap } from "../domain/trigger-calls/envelope.ts";
import { preSignUp } from "../domain/trigger-calls/sign-up.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { checkAttributes, checkRequired } from "../domain/users/attributes.ts";
import { sealCredential } from "../domain/users/credentials.ts";
import { insertUser } from "../domain/users/insert-user.ts";
import { newUserRecord } from "../domain/users/new-user.ts";
import { newUserIdentity } from "../domain/users/new-user-identity.ts";
import { enforcePolicy, generateTemporaryPassword } from "../domain/users/password-policy.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { renderUserType } from "../domain/users/user-view.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import type { PoolRecord, UserRecord } from "../storage/ports.ts";
import { defineOperation } from "./operation.ts";

const input = z.object({
  UserPoolId: shapes.userPoolId,
  Username: shapes.username,
  UserAttributes: shapes.attributes.optional(),
  ValidationData: shapes.attributes.optional(),
  TemporaryPassword: shapes.password.optional(),
  ForceAliasCreation: z.boolean().optional(),
  MessageAction: z.enum(["RESEND", "SUPPRESS"]).optional(),
  DesiredDeliveryMediums: z.array(z.enum(["SMS", "EMAIL"])).optional(),
  ClientMetadata: shapes.stringMap.optional(),
});
type Input = z.infer<typeof input>;
type Deps = Pick<Services, "box" | "clock" | "config" | "log" | "messenger" | "store" | "triggers">;

/**
 * The temporary password: the given one checked against the policy with the "does not conform to"
 * wording, or a generated one that meets it (docs/admin-users.md, docs/operations.md#password-policy).
 */
function temporaryPassword(pool: PoolRecord, given: string | undefined): string {
  const policy = passwordPolicyOf(poolConfig(pool));
  if (given === undefined) return generateTemporaryPassword(policy);
  enforcePolicy(policy, given, "other");
  return given;
}

/**
 * AdminCreateUser (docs/admin-users.md): a FORCE_CHANGE_PASSWORD user with a temporary password whose set time
 * is recorded, so sign-in can expire it after TemporaryPasswordValidityDays; the invitation goes to
 * the outbox unless MessageAction is SUPPRESS. Every check and CustomMessage_AdminCreateUser run
 * before the writes; the user and its invitation are one transaction (docs/storage.md#transactions),
 * so a refused request writes nothing and a killed one leaves no user without its invitation.
 */
export const adminCreateUser = defineOperation("AdminCreateUser", input, async (req, deps: Deps) => {
  if (req.MessageAction === "RESEND") return resend(req, deps);
  const pool = await requirePool(deps.store, req.UserPoolId);
  const c = poolConfig(pool);
  const given = checkAttributes(c, req.UserAttributes ?? []);
  const identity = newUserIdentity(c, req.Username, given);
  checkRequired(c, identity.attributes);
  const password = temporaryPassword(pool, req.TemporaryPassword);
  const now = deps.clock.now();
  const draft = newUserRecord({
    pool,
    ...(identity.username !== undefined ? { username: identity.username } : {}),
    attributes: identity.attributes,
    status: "FORCE_CHANGE_PASSWORD",
    now,
  });
  draft.credential = sealCredential(deps.box, draft, password);
  draft.credentialSetAt = now;
  // PreSignUp_AdminCreateUser: may reject by throwing; its flags are ignored here (docs/triggers.md#presignup).
  await preSignUp(deps, {
    pool,
    clientId: undefined,
    source: "PreSignUp_AdminCreateUser",
    userName: draft.username,
    attributes: draft.attributes,
    validationData: attributeMap(req.ValidationData),
    clientMetadata: req.ClientMetadata,
  });
  const text = req.MessageAction === "SUPPRESS" ? null : await inviteText(deps, pool, draft, req);
  const user = await inTransaction(deps, async (tx) => {
    const inserted = await insertUser(tx.store, pool, draft, req.ForceAliasCreation === true);
    if (text) await invite(tx, pool, inserted, password, req, text.text);
    return inserted;
  });
  return { User: renderUserType(user) };
});

/**
 * RESEND: a new temporary password for an existing FORCE_CHANGE_PASSWORD user, a fresh validity
 * period, and the invitation again. UserAttributes are not applied (inferred; docs/admin-users.md).
 */
async function resend(req: Input, deps: Deps): Promise<object> {
  const { pool, user } = await requirePoolAndUser(deps.store, req.UserPoolId, req.Username);
  if (user.status !== "FORCE_CHANGE_PASSWORD") {
    throw errors.resendNotPossible(user.username);
  }
  const password = temporaryPassword(pool, req.TemporaryPassword);
  const now = deps.clock.now();
  const credential = sealCredential(deps.box, user, password);
  const { text } = await inviteText(deps, pool, user, req);
  // The new password and its invitation are one transaction, on the freshest row.
  const next = await updateUser(
    deps,
    pool,
    user,
    (u) => {
      if (u.status !== "FORCE_CHANGE_PASSWORD") throw errors.resendNotPossible(u.username);
      return { ...u, credential, credentialSetAt: now, modifiedAt: now };
    },
    { also: async (tx, saved) => void (await invite(tx, pool, saved, password, req, text)) },
  );
  return { User: renderUserType(next) };
}

/** CustomMessage_AdminCreateUser's text for the invitation, when the pool has that trigger (docs/triggers.md#custommessage). */
async function inviteText(deps: Deps, pool: PoolRecord, user: UserRecord, req: Input) {
  const text = await customMessage(deps, {
    pool,
    clientId: undefined,
    source: "CustomMessage_AdminCreateUser",
    subject: { user },
    clientMetadata: req.ClientMetadata,
  });
  return { text };
}

/** Queues the invitation (inside the caller's transaction). */
async function invite(
  deps: Deps,
  pool: PoolRecord,
  user: UserRecord,
  password: string,
  req: Input,
  text: Awaited<ReturnType<typeof customMessage>>,
) {
  const mediums: DeliveryMedium[] = req.DesiredDeliveryMediums?.length ? req.DesiredDeliveryMediums : ["SMS"];
  return sendInvitation(deps.messenger, pool, user, {
    temporaryPassword: password,
    mediums,
    signInName: signInName(pool, user),
    text,
  });
}
