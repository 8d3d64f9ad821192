import type { UserRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { afterFirstFactor } from "../mfa/challenge.ts";
import { passwordPolicyOf, poolConfig } from "../pools/pool.ts";
import { updatedAttributes } from "../users/attribute-changes.ts";
import type { AttributeInput } from "../users/attributes.ts";
import { sealCredential } from "../users/credentials.ts";
import { enforcePolicy } from "../users/password-policy.ts";
import { updateUser } from "../users/update-user.ts";
import { assertWritable } from "./attribute-access.ts";
import { required } from "./params.ts";
import { refuse } from "./screen.ts";
import { invalidSession, peekSession, putSession, takeSession } from "./session.ts";
import type { AuthContext, AuthOutcome } from "./types.ts";

const PREFIX = "userAttributes.";

/** Required schema attributes the user has no value for, as the challenge names them. */
function missingRequired(ctx: AuthContext, user: UserRecord): string[] {
  return poolConfig(ctx.pool)
    .SchemaAttributes.filter((a) => a.Required && a.Name !== "sub" && !user.attributes[a.Name])
    .map((a) => `${PREFIX}${a.Name}`);
}

/**
 * NEW_PASSWORD_REQUIRED for a FORCE_CHANGE_PASSWORD user (docs/operations.md#respondtoauthchallenge, docs/wire-protocol.md#what-the-clients-rely-on): `userAttributes` and
 * `requiredAttributes` are JSON strings (amazon-cognito-identity-js JSON.parses both), required names
 * carry the `userAttributes.` prefix, USER_ID_FOR_SRP is the internal username, and a Session is issued.
 */
export async function newPasswordChallenge(
  ctx: AuthContext,
  user: UserRecord,
  typed: string,
  lockKey: string,
): Promise<AuthOutcome> {
  const session = await putSession(ctx, {
    challenge: "NEW_PASSWORD_REQUIRED",
    poolId: ctx.pool.id,
    clientId: ctx.client.clientId,
    sub: user.sub,
    username: user.username,
    typed,
    lockKey,
    state: "force-change-password",
    issuedAt: ctx.now,
  });
  return {
    kind: "challenge",
    name: "NEW_PASSWORD_REQUIRED",
    session,
    parameters: {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: JSON.stringify(missingRequired(ctx, user)),
      userAttributes: JSON.stringify(user.attributes),
    },
  };
}

/** `userAttributes.<name>` entries of the response, as attribute inputs. */
function attributeResponses(responses: Record<string, string>): AttributeInput[] {
  return Object.entries(responses)
    .filter(([k]) => k.startsWith(PREFIX))
    .map(([k, Value]) => ({ Name: k.slice(PREFIX.length), Value }));
}

/**
 * The answer to NEW_PASSWORD_REQUIRED. Everything that can be refused without changing state (policy,
 * attributes) is checked before the session is used up, so a user who picks a weak password can try
 * again with the same Session (inferred from client UX, docs/operations.md#respondtoauthchallenge). A required attribute that already
 * has a value cannot be sent again: `Cannot modify an already provided <name>` (real CLI capture).
 */
export async function respondNewPassword(
  ctx: AuthContext,
  responses: Record<string, string>,
  sessionId: string | undefined,
): Promise<AuthOutcome> {
  const username = required(responses, "USERNAME");
  const password = required(responses, "NEW_PASSWORD");
  if (sessionId === undefined) throw invalidSession();
  const state = await peekSession(ctx, sessionId, "NEW_PASSWORD_REQUIRED");
  if (username !== state.username && username !== state.typed) throw invalidSession();
  const user = state.sub === null ? null : await ctx.services.store.users.findBySub(ctx.pool.id, state.sub);
  if (!user) refuse(ctx, "token-user-gone");
  if (user.status !== "FORCE_CHANGE_PASSWORD") throw invalidSession();

  const c = poolConfig(ctx.pool);
  enforcePolicy(passwordPolicyOf(c), password, "other");
  const changes = attributeResponses(responses);
  for (const { Name } of changes) {
    const def = c.SchemaAttributes.find((a) => a.Name === Name);
    if (def?.Required && user.attributes[Name]) {
      throw errors.attributeAlreadyProvided(Name);
    }
  }
  assertWritable(
    ctx.clientConfig,
    changes.map((a) => a.Name),
  );
  updatedAttributes(c, user.attributes, changes); // refuses bad attributes before the session is used

  // The session is used up and the user saved in one transaction (docs/storage.md#transactions).
  const credential = sealCredential(ctx.services.box, user, password);
  const saved = await updateUser(
    { store: ctx.services.store },
    ctx.pool,
    user,
    (u) => {
      if (u.status !== "FORCE_CHANGE_PASSWORD") throw invalidSession();
      const attributes = updatedAttributes(c, u.attributes, changes);
      return {
        ...u,
        attributes,
        status: "CONFIRMED",
        credential,
        credentialSetAt: ctx.now,
        modifiedAt: ctx.now,
      };
    },
    {
      also: async (tx) => {
        await takeSession(
          { ...ctx, services: { ...ctx.services, store: tx.store } },
          sessionId,
          "NEW_PASSWORD_REQUIRED",
        );
      },
    },
  );
  // MFA and the device step follow a new password as they follow a password (docs/mfa.md#sign-in-with-mfa).
  return afterFirstFactor(ctx, saved, {
    typed: state.typed,
    lockKey: state.lockKey,
    deviceKey: responses.DEVICE_KEY,
    source: "TokenGeneration_NewPasswordChallenge",
  });
}
