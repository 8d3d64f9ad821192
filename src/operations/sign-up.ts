import { z } from "zod";
import { checkAttributes, checkRequired } from "../domain/attributes.ts";
import { issueCode } from "../domain/codes.ts";
import { sealCredential } from "../domain/credentials.ts";
import { channelMedia, codeDeliveryDetails, contactOf, maskTarget } from "../domain/delivery.ts";
import { existence, signUpState } from "../domain/existence/index.ts";
import { requireClientAndPool } from "../domain/lookup.ts";
import { newUserRecord } from "../domain/new-user.ts";
import { enforcePolicy } from "../domain/password-policy.ts";
import { passwordPolicyOf, poolConfig } from "../domain/pool.ts";
import { checkSecretHash } from "../domain/secret-hash.ts";
import { signUpIdentity } from "../domain/sign-up-identity.ts";
import { errors } from "../protocol/errors.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { type ClientRecord, UniqueViolation, type UserRecord } from "../storage/ports.ts";
import { defineOperation } from "./operation.ts";
import { publicClientMembers } from "./public-inputs.ts";

const input = z.object({
  ...publicClientMembers,
  Password: shapes.password,
  UserAttributes: shapes.attributes.optional(),
  ValidationData: shapes.attributes.optional(),
});

/**
 * SignUp (spec A.1): the pool's username model, the schema, the password policy with SignUp's own
 * wording, then the insert, whose uniqueness rules are the existence check (race-free); a clash is
 * answered by the existence table (taken names are reported in both modes, as Cognito does). A code
 * goes to the first AutoVerifiedAttributes attribute the user has. PreSignUp / CustomMessage /
 * PostConfirmation triggers are wired by the triggers work (issue 5).
 */
export const signUp = defineOperation("SignUp", input, async (req, services) => {
  const { store, box, clock } = services;
  const { client, pool } = await requireClientAndPool(store, req.ClientId);
  checkSecretHash(box, client, req.Username, req.SecretHash);
  const c = poolConfig(pool);
  if (c.AdminCreateUserConfig?.AllowAdminCreateUserOnly) {
    throw errors.notAuthorized("SignUp is not permitted for this user pool");
  }
  const { username, attributes } = signUpIdentity(
    c,
    req.Username,
    checkAttributes(c, req.UserAttributes ?? []),
  );
  checkRequired(c, attributes);
  enforcePolicy(passwordPolicyOf(c), req.Password, "sign-up");

  const now = clock.now();
  const draft = newUserRecord({ pool, username, attributes, status: "UNCONFIRMED", now });
  const user: UserRecord = {
    ...draft,
    credential: sealCredential(box, draft, req.Password),
    credentialSetAt: now,
  };
  await createOrAnswer(services, client, user);

  const target = contactOf(user, channelMedia(pool, "sign-up"), false);
  if (target) await issueCode(services, { pool, user, purpose: "SIGN_UP", target });
  return {
    UserConfirmed: false,
    ...(target ? codeDeliveryDetails(maskTarget(target)) : {}),
    UserSub: user.sub,
  };
});

/** Inserts the user; a uniqueness clash becomes the existence table's answer for that state. */
async function createOrAnswer(
  services: Pick<Services, "store">,
  client: ClientRecord,
  user: UserRecord,
): Promise<void> {
  try {
    await services.store.users.create(user);
  } catch (e) {
    if (!(e instanceof UniqueViolation) || e.what === "sub" || e.what === "other") throw e;
    const d = existence.decide(client, "SignUp", signUpState(e.what));
    if (d.kind === "fail") throw d.error;
    throw e;
  }
}
