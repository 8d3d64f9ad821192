import type { Services } from "../../services.ts";
import type { ClientRecord, PoolRecord, UserRecord } from "../../storage/ports.ts";
import type { MigratedUser, StringMap, UserMigrationSource } from "../../triggers/index.ts";
import { userMigrationEvent } from "../../triggers/index.ts";
import { signInName } from "../codes/invitation.ts";
import { poolConfig } from "../pools/pool.ts";
import { inTransaction } from "../transaction.ts";
import { checkAttributes } from "../users/attributes.ts";
import { sealCredential } from "../users/credentials.ts";
import { insertUser } from "../users/insert-user.ts";
import { newUserRecord } from "../users/new-user.ts";
import { isEmailShaped, isPhoneShaped } from "../users/username.ts";
import { envelopeFor, runnerFor, type TriggerDeps } from "./envelope.ts";

export type MigrationDeps = TriggerDeps & Pick<Services, "store" | "box" | "clock" | "messenger">;

/**
 * Whether the pool sets a UserMigration function. Asked for every name, known or not, so a caller
 * that then calls the function only for unknown names does the same work up to that call on both
 * paths (docs/existence.md#equal-work).
 */
export const hasMigrationTrigger = (deps: TriggerDeps, pool: PoolRecord): boolean =>
  runnerFor(deps, pool).has("UserMigration");

/**
 * UserMigration (docs/triggers.md#usermigration): asked about a name that is not in the pool, at password
 * sign-in (`_Authentication`, with the password) and at ForgotPassword (`_ForgotPassword`). Returns
 * the created user; null when the pool has no such trigger or the function declined with an empty
 * response (the caller then answers as for any unknown name: LEGACY `UserNotFoundException`, ENABLED
 * the simulated answer). A return value that is not an event throws `UserNotFoundException: Exception
 * migrating user in app client <id>` in both modes, and a function error throws
 * UserLambdaValidationException; the runner logs a line for both saying what to return instead.
 */
export async function migrateUser(
  deps: MigrationDeps,
  args: {
    pool: PoolRecord;
    client: ClientRecord;
    typed: string;
    source: UserMigrationSource;
    password?: string;
    clientMetadata: StringMap | undefined;
  },
): Promise<UserRecord | null> {
  const runner = runnerFor(deps, args.pool);
  if (!runner.has("UserMigration")) return null;
  const metadata = args.clientMetadata ?? null;
  // AWS: InitiateAuth's ClientMetadata reaches the function as validationData, ForgotPassword's as
  // clientMetadata ("Migrate user Lambda trigger", request parameters).
  const request =
    args.source === "UserMigration_Authentication"
      ? { password: args.password ?? "", validationData: metadata, clientMetadata: null }
      : { validationData: null, clientMetadata: metadata };
  const event = userMigrationEvent(
    envelopeFor(deps, args.pool, args.typed, args.client.clientId),
    args.source,
    request,
  );
  const result = await runner.runMigration(event);
  if (result.kind === "notAnEvent") throw result.error;
  if (result.kind === "empty") return null;
  return createMigratedUser(deps, args.pool, args.typed, result.user, args.password);
}

/**
 * Creates the user the function described (docs/triggers.md#usermigration). The password (sign-in only) is stored as given:
 * Cognito does not apply the pool's password policy to migrated passwords. `sub` and `cognito:*`
 * keys in userAttributes are dropped (the pool makes its own); the rest must fit the schema.
 * The name as typed becomes the username — or, in pools that sign in by email / phone (and in alias
 * pools when an email / phone was typed), the sign-in attribute, with a generated username.
 */
async function createMigratedUser(
  deps: MigrationDeps,
  pool: PoolRecord,
  typed: string,
  m: MigratedUser,
  password: string | undefined,
): Promise<UserRecord> {
  const c = poolConfig(pool);
  const given = Object.entries(m.userAttributes)
    .filter(([name]) => name !== "sub" && !name.startsWith("cognito:"))
    .map(([Name, Value]) => ({ Name, Value }));
  const attributes = checkAttributes(c, given);
  const identity = migratedIdentity(c.UsernameAttributes, c.AliasAttributes, typed, attributes);
  const now = deps.clock.now();
  const draft = newUserRecord({
    pool,
    ...(identity.username !== undefined ? { username: identity.username } : {}),
    attributes: identity.attributes,
    status: m.finalUserStatus,
    now,
  });
  if (password !== undefined) {
    draft.credential = sealCredential(deps.box, draft, password);
    draft.credentialSetAt = now;
  }
  // The user and its welcome message are one transaction (docs/storage.md#transactions).
  return inTransaction(deps, async (tx) => {
    const user = await insertUser(tx.store, pool, draft, m.forceAliasCreation);
    if (m.messageAction !== "SUPPRESS") await sendWelcome(tx, pool, user, m.desiredDeliveryMediums);
    return user;
  });
}

function migratedIdentity(
  usernameAttributes: readonly string[] | undefined,
  aliasAttributes: readonly string[] | undefined,
  typed: string,
  attributes: Record<string, string>,
): { username: string | undefined; attributes: Record<string, string> } {
  const kinds = [...(usernameAttributes ?? []), ...(aliasAttributes ?? [])];
  if (kinds.includes("email") && isEmailShaped(typed)) {
    return { username: undefined, attributes: { ...attributes, email: attributes.email ?? typed } };
  }
  if (kinds.includes("phone_number") && isPhoneShaped(typed)) {
    return {
      username: undefined,
      attributes: { ...attributes, phone_number: attributes.phone_number ?? typed },
    };
  }
  return { username: typed, attributes };
}

const WELCOME_SUBJECT = "Welcome";
const WELCOME_TEXT = "Your account has been moved. Your username is {username}.";

/**
 * The welcome message Cognito sends a migrated user unless messageAction is SUPPRESS, by the
 * desiredDeliveryMediums (default SMS; docs/triggers.md#usermigration). Its text is not documented; hushpool queues a short
 * one naming the sign-in name (decision, docs/triggers.md). A medium without a destination is skipped.
 */
async function sendWelcome(
  deps: Pick<Services, "messenger">,
  pool: PoolRecord,
  user: UserRecord,
  mediums: ReadonlyArray<"SMS" | "EMAIL">,
): Promise<void> {
  const body = WELCOME_TEXT.replace("{username}", signInName(pool, user));
  for (const medium of new Set(mediums)) {
    const destination = medium === "EMAIL" ? user.attributes.email : user.attributes.phone_number;
    if (!destination) continue;
    await deps.messenger.enqueue({
      poolId: pool.id,
      username: user.username,
      sub: user.sub,
      medium,
      destination,
      subject: medium === "EMAIL" ? WELCOME_SUBJECT : null,
      body,
      code: null,
      purpose: "WELCOME",
    });
  }
}
