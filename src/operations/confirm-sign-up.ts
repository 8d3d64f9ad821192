import { z } from "zod";
import { issueAutoSignInSession } from "../domain/auth-flows/index.ts";
import { channelMedia, contactOf } from "../domain/codes/delivery.ts";
import { type CodeEntryKind, enterCode } from "../domain/codes/enter-code.ts";
import { errors } from "../domain/errors/index.ts";
import { postConfirmation } from "../domain/trigger-calls/sign-up.ts";
import { findAliasConflict } from "../domain/users/alias-conflict.ts";
import { refreshKeys } from "../domain/users/new-user.ts";
import { updateUser } from "../domain/users/update-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import type { PoolRecord, UserRecord } from "../storage/ports.ts";
import { defineOperation } from "./operation.ts";
import { publicClientMembers } from "./public-inputs.ts";

const input = z.object({
  ...publicClientMembers,
  ConfirmationCode: shapes.confirmationCode,
  ForceAliasCreation: z.boolean().optional(),
  Session: shapes.session.optional(),
});

/** ConfirmSignUp's part in the code-entry sequence (../domain/codes/enter-code.ts). */
const CONFIRM_SIGN_UP: CodeEntryKind = { operation: "ConfirmSignUp", channel: "sign-up", purpose: "SIGN_UP" };

/**
 * ConfirmSignUp takes the code SignUp sent, confirms the user and verifies the address it went to
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html).
 * The sequence checks the code (or, for a name the existence table masks, answers CodeMismatchException
 * after the same work). Then an alias another user holds is AliasExistsException unless
 * ForceAliasCreation moves it, and PostConfirmation_ConfirmSignUp runs (docs/triggers.md). The code
 * is used up and the user confirmed (alias move included) in one transaction, on the freshest row.
 * For a client that allows USER_AUTH the answer carries a Session for auto sign-in
 * (docs/authentication.md#auto-sign-in); the request's Session (SignUp's) is accepted and not needed.
 */
export const confirmSignUp = defineOperation(
  "ConfirmSignUp",
  input,
  async (
    req,
    services: Pick<Services, "box" | "clock" | "config" | "log" | "probe" | "secrets" | "store" | "triggers">,
  ) => {
    const { store, clock } = services;
    const now = clock.now();
    const entry = await enterCode(services, { kind: CONFIRM_SIGN_UP, request: req });
    const { client, pool, user } = entry;
    const confirm = (u: UserRecord): UserRecord => ({
      ...u,
      status: "CONFIRMED",
      attributes: verifiedByCode(pool, u),
      modifiedAt: now,
    });
    const conflict = await findAliasConflict(store, user, refreshKeys(pool, confirm(user)));
    if (conflict && !req.ForceAliasCreation) throw errors.aliasExists(conflict.kind);
    // Another user verifying the same alias between the read above and the write is AliasExistsException.
    const confirmed = await entry.redeem((tx) =>
      updateUser(tx, pool, user, confirm, {
        aliasClash: errors.aliasExists,
        ...(conflict
          ? { write: (s, next) => s.users.saveTakingAlias(next, conflict.kind, conflict.key) }
          : {}),
      }),
    );
    await postConfirmation(services, {
      pool,
      clientId: client.clientId,
      source: "PostConfirmation_ConfirmSignUp",
      user: confirmed,
      clientMetadata: req.ClientMetadata,
    });
    const session = await issueAutoSignInSession(services, pool, client, confirmed);
    return session ? { Session: session } : {};
  },
);

/** The attributes with the contact the sign-up code went to (as SignUp picks it) marked verified. */
function verifiedByCode(pool: PoolRecord, user: UserRecord): Record<string, string> {
  const target = contactOf(user, channelMedia(pool, "sign-up"), false);
  return target ? { ...user.attributes, [`${target.attribute}_verified`]: "true" } : user.attributes;
}
