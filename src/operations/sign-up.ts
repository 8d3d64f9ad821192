import { z } from "zod";
import { assertWritable } from "../domain/auth-flows/attribute-access.ts";
import { channelMedia, codeDeliveryDetails, contactOf, maskTarget } from "../domain/codes/delivery.ts";
import { issueCode } from "../domain/codes/issue.ts";
import { answerTakenName, sendDecoyMessage, type TakenName } from "../domain/codes/sign-up-notice.ts";
import { CognitoError, errors } from "../domain/errors/index.ts";
import { findUserEvenly } from "../domain/existence/even-lookup.ts";
import { type Asker, existence, signUpState } from "../domain/existence/index.ts";
import { clientConfig } from "../domain/pools/client.ts";
import { requireClientAndPool } from "../domain/pools/lookup.ts";
import { passwordPolicyOf, poolConfig } from "../domain/pools/pool.ts";
import { checkSecretHash } from "../domain/pools/secret-hash.ts";
import { allowsPasswordless } from "../domain/pools/sign-in-policy.ts";
import { inTransaction } from "../domain/transaction.ts";
import { customMessage } from "../domain/trigger-calls/custom-message.ts";
import { attributeMap } from "../domain/trigger-calls/envelope.ts";
import {
  autoVerified,
  autoVerifiedAlias,
  postConfirmation,
  preSignUp,
  type SignUpFlags,
} from "../domain/trigger-calls/sign-up.ts";
import { checkAttributes, checkRequired } from "../domain/users/attributes.ts";
import { sealCredential } from "../domain/users/credentials.ts";
import { insertUser } from "../domain/users/insert-user.ts";
import { newUserRecord, refreshKeys } from "../domain/users/new-user.ts";
import { enforcePolicy } from "../domain/users/password-policy.ts";
import { signUpIdentity } from "../domain/users/sign-up-identity.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { type PoolRecord, UniqueViolation, type UserRecord } from "../storage/ports.ts";
import { defineOperation } from "./operation.ts";
import { publicClientMembers } from "./public-inputs.ts";

const input = z.object({
  ...publicClientMembers,
  // Optional where the pool allows passwordless sign-in (docs/authentication.md#auto-sign-in).
  Password: shapes.password.optional().or(z.literal("")),
  UserAttributes: shapes.attributes.optional(),
  ValidationData: shapes.attributes.optional(),
});

/**
 * SignUp (docs/operations.md#signup): the pool's username model, the schema, the password policy with SignUp's own
 * wording, then the insert, whose uniqueness rules are the existence check (race-free); a clash is
 * answered by the existence table (taken names are reported in both modes, as Cognito does). A code
 * goes to the first AutoVerifiedAttributes attribute the user has. Triggers (docs/triggers.md): PreSignUp
 * before the insert (its auto-confirm / auto-verify flags shape the record), CustomMessage_SignUp for
 * the code, PostConfirmation_ConfirmSignUp after an auto-confirm, which sends no code. The user, its
 * code and the message are one transaction (docs/storage.md#transactions), so CustomMessage runs
 * before it, for the user about to be inserted: a process killed half way leaves no user without a
 * code. In a strict pool a taken name gets a new name's answer and its holder a notice
 * (../domain/codes/sign-up-notice.ts); every strict SignUp reads the name's holder evenly and writes
 * one message (docs/existence.md#the-strict-profile).
 */
export const signUp = defineOperation(
  "SignUp",
  input,
  async (
    req,
    services: Pick<
      Services,
      "box" | "clock" | "config" | "log" | "messenger" | "probe" | "secrets" | "store" | "triggers"
    >,
  ) => {
    const { store, box, clock } = services;
    const { client, pool } = await requireClientAndPool(store, req.ClientId);
    checkSecretHash(box, client, req.Username, req.SecretHash);
    const c = poolConfig(pool);
    if (c.AdminCreateUserConfig?.AllowAdminCreateUserOnly) {
      throw errors.signUpNotPermitted();
    }
    assertWritable(
      clientConfig(client),
      (req.UserAttributes ?? []).map((a) => a.Name),
    );
    const { username, attributes } = signUpIdentity(
      c,
      req.Username,
      checkAttributes(c, req.UserAttributes ?? []),
    );
    checkRequired(c, attributes);
    const password = req.Password || undefined;
    // "You can only create a passwordless user when passwordless sign-in is available" (the API
    // reference of SignUp): a pool whose first factors include EMAIL_OTP or SMS_OTP.
    if (password === undefined && !allowsPasswordless(pool)) throw errors.passwordRequired();
    if (password !== undefined) enforcePolicy(passwordPolicyOf(c), password, "sign-up");

    const now = clock.now();
    const draft = newUserRecord({ pool, username, attributes, status: "UNCONFIRMED", now });
    const clientId = client.clientId;
    const flags = await preSignUp(services, {
      pool,
      clientId,
      source: "PreSignUp_SignUp",
      userName: draft.username,
      attributes,
      validationData: attributeMap(req.ValidationData),
      clientMetadata: req.ClientMetadata,
    });
    const user: UserRecord = refreshKeys(pool, {
      ...draft,
      attributes: autoVerified(draft.attributes, flags),
      status: flags.autoConfirmUser ? "CONFIRMED" : "UNCONFIRMED",
      credential: password === undefined ? null : sealCredential(box, draft, password),
      credentialSetAt: password === undefined ? null : now,
    });
    const asker = existence.askerFor(client, pool, services.config.existenceProfile);
    const strict = asker.profile === "strict";
    const target = flags.autoConfirmUser ? null : contactOf(user, channelMedia(pool, "sign-up"), false);
    // Called for every name, taken or not, before the writes (so also in a strict pool's taken-name path).
    const text = target
      ? await customMessage(services, {
          pool,
          clientId,
          source: "CustomMessage_SignUp",
          subject: { user },
          clientMetadata: req.ClientMetadata,
        })
      : undefined;
    // In a strict pool the name's holder is read evenly on both paths, before any code is written, so a
    // taken name and a new one make the same store calls in the same order.
    const { taken, holder } = await inTransaction(services, async (tx) => {
      const clash = await createOrAnswer(tx, asker, pool, user, flags);
      const found = strict ? await findUserEvenly(tx, pool, holderName(clash, req.Username, user)) : null;
      if (!clash && target) await issueCode(tx, { pool, user, purpose: "SIGN_UP", target, text });
      return { taken: clash, holder: found };
    });
    if (taken) {
      return answerTakenName(services, {
        pool,
        draft: user,
        holder,
        taken,
        autoConfirm: flags.autoConfirmUser,
      });
    }
    if (flags.autoConfirmUser) {
      const clientMetadata = req.ClientMetadata;
      const source = "PostConfirmation_ConfirmSignUp";
      await postConfirmation(services, { pool, clientId, source, user, clientMetadata });
      if (strict) await sendDecoyMessage(services, pool, user);
      return { UserConfirmed: true, UserSub: user.sub };
    }

    if (!target && strict) await sendDecoyMessage(services, pool, user);
    return {
      UserConfirmed: false,
      ...(target ? codeDeliveryDetails(maskTarget(target)) : {}),
      UserSub: user.sub,
    };
  },
);

/**
 * Inserts the user; a uniqueness clash becomes the existence table's answer for that state: thrown
 * when it fails, or the taken name when the table simulates (strict), for `answerTakenName`.
 */
async function createOrAnswer(
  services: Pick<Services, "store" | "probe">,
  asker: Asker,
  pool: PoolRecord,
  user: UserRecord,
  flags: SignUpFlags,
): Promise<TakenName | null> {
  try {
    await services.store.users.create(user);
    return null;
  } catch (e) {
    if (!(e instanceof UniqueViolation) || e.what === "sub" || e.what === "other") throw e;
    if (autoVerifiedAlias(poolConfig(pool).AliasAttributes, flags, e.what)) {
      return takeAliasOver(services, asker, pool, user);
    }
    const d = existence.decide(asker, "SignUp", signUpState(e.what), services.probe);
    if (d.kind === "fail") throw d.error;
    if (d.kind === "simulate") return e.what;
    throw e;
  }
}

/** PreSignUp auto-verified an alias another user holds: the new user takes it over (docs/triggers.md#presignup). */
async function takeAliasOver(
  services: Pick<Services, "store" | "probe">,
  asker: Asker,
  pool: PoolRecord,
  user: UserRecord,
): Promise<TakenName | null> {
  try {
    await insertUser(services.store, pool, user, true);
    return null;
  } catch (e) {
    if (!(e instanceof CognitoError) || e.type !== "UsernameExistsException") throw e;
    const d = existence.decide(asker, "SignUp", "username-taken", services.probe);
    if (d.kind === "fail") throw d.error;
    if (d.kind === "simulate") return "username";
    throw e;
  }
}

/** The name whose holder a strict SignUp reads: the preferred_username that clashed, else the name typed. */
const holderName = (taken: TakenName | null, typed: string, user: UserRecord): string =>
  taken === "preferred_username" ? (user.attributes.preferred_username ?? typed) : typed;
