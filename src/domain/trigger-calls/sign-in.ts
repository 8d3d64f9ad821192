import type { ClientRecord, PoolRecord, UserRecord } from "../../storage/ports.ts";
import type { StringMap } from "../../triggers/index.ts";
import { postAuthenticationEvent, preAuthenticationEvent } from "../../triggers/index.ts";
import { existence } from "../existence/index.ts";
import type { GroupClaims } from "../groups/index.ts";
import type { TokenGenerationSource, TokenOverrides } from "../sign-in-types.ts";
import { type CustomText, customMessage } from "./custom-message.ts";
import { envelopeFor, eventAttributes, runnerFor } from "./envelope.ts";
import { type MigrationDeps, migrateUser } from "./migration.ts";
import { preTokenGeneration, type SignInCall } from "./pre-token-generation.ts";

const SIGN_IN_TRIGGERS = [
  "UserMigration",
  "PreAuthentication",
  "PreTokenGeneration",
  "PostAuthentication",
  "CustomMessage",
] as const;

/**
 * The trigger calls of the sign-in flows for one request (CustomMessage for their codes included), backed by the pool's
 * TriggerRunner; null when the pool configures none of them, so the flows keep their no-op hooks.
 * The result has the shape of the flows' AuthHooks (../auth-flows/hooks.ts) without importing it;
 * src/operations/sign-in-context.ts hands it to the flows. `clientMetadata` is the request's
 * ClientMetadata ({} when absent).
 */
export function signInTriggerCalls(
  deps: MigrationDeps,
  pool: PoolRecord,
  client: ClientRecord,
  clientMetadata: StringMap,
) {
  const runner = runnerFor(deps, pool);
  if (!SIGN_IN_TRIGGERS.some((t) => runner.has(t))) return null;
  const call: SignInCall = { deps, runner, pool, client, clientMetadata };
  return {
    userMigration: (e: { username: string; password: string }): Promise<UserRecord | null> =>
      migrateUser(deps, {
        pool,
        client,
        typed: e.username,
        source: "UserMigration_Authentication",
        password: e.password,
        clientMetadata,
      }),
    preAuthentication: (e: PreAuthenticationInput) => preAuthentication(call, e),
    preTokenGeneration: (e: {
      user: UserRecord;
      source: TokenGenerationSource;
      groups: GroupClaims;
    }): Promise<TokenOverrides | undefined> => preTokenGeneration(call, e),
    postAuthentication: (e: { user: UserRecord }) => postAuthentication(call, e),
    // Sign-in and MFA codes: Cognito's source for "MFA code during authentication" (AWS "Custom
    // message Lambda trigger", trigger sources); the masked path is marked userNotFound there.
    customMessage: (e: { user: UserRecord | null; username: string }): Promise<CustomText | undefined> =>
      customMessage(deps, {
        pool,
        clientId: client.clientId,
        source: "CustomMessage_Authentication",
        subject: e.user ? { user: e.user } : { simulatedFor: e.username },
        clientMetadata,
      }),
  };
}

interface PreAuthenticationInput {
  user: UserRecord | null;
  username: string;
  userNotFound: boolean;
}

/**
 * PreAuthentication (AWS "Pre authentication Lambda trigger"): InitiateAuth's ClientMetadata arrives
 * as validationData; for an unknown name (ENABLED only — the flows do not call it otherwise)
 * `userName` is the name as typed and userAttributes are empty. `userNotFound` is sent only when the
 * client is ENABLED (docs/triggers.md).
 */
async function preAuthentication(call: SignInCall, e: PreAuthenticationInput): Promise<void> {
  const { deps, runner, pool, client } = call;
  if (!runner.has("PreAuthentication")) return;
  const enabled = existence.modeOf(client) === "ENABLED";
  const userName = e.user ? e.user.username : e.username;
  const event = preAuthenticationEvent(envelopeFor(deps, pool, userName, client.clientId), {
    userAttributes: e.user ? eventAttributes(pool, e.user) : {},
    validationData: call.clientMetadata,
    ...(enabled ? { userNotFound: e.userNotFound } : {}),
  });
  await runner.run("PreAuthentication", event);
}

/** PostAuthentication (AWS "Post authentication Lambda trigger"): after the tokens are minted. */
async function postAuthentication(call: SignInCall, { user }: { user: UserRecord }): Promise<void> {
  const { deps, runner, pool, client } = call;
  if (!runner.has("PostAuthentication")) return;
  const event = postAuthenticationEvent(envelopeFor(deps, pool, user.username, client.clientId), {
    userAttributes: eventAttributes(pool, user),
    newDeviceUsed: false,
    clientMetadata: call.clientMetadata,
  });
  await runner.run("PostAuthentication", event);
}
