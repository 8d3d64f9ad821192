import type { Services } from "../../services.ts";
import type { ClientRecord, PoolRecord, UserRecord } from "../../storage/ports.ts";
import type { CustomMessageSource, StringMap, UserMigrationSource } from "../../triggers/index.ts";
import { findUserEvenly } from "../existence/even-lookup.ts";
import { existence } from "../existence/index.ts";
import type { BaseState } from "../existence/types.ts";
import { customMessage } from "../trigger-calls/custom-message.ts";
import { hasMigrationTrigger, migrateUser } from "../trigger-calls/migration.ts";
import { chargeUserAttempt } from "./attempts.ts";
import {
  type Channel,
  type CodeDeliveryDetails,
  codeDeliveryDetails,
  decoyOutboxName,
  planDelivery,
} from "./delivery.ts";
import { type CodePurpose, issueCode, issueDecoy } from "./issue.ts";
import { openCodeSequence } from "./open-sequence.ts";

/**
 * The sequence behind the public operations that SEND a code, ForgotPassword and
 * ResendConfirmationCode:
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResendConfirmationCode.html
 *
 * Both answer CodeDeliveryDetails, and under PreventUserExistenceErrors ENABLED both answer it for a
 * name without a user too ("a simulated delivery medium",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html).
 * The masked path that builds that answer must do the real path's work, call for call (docs/existence.md,
 * "The masked path: same answer, same work"), so the one sequence here runs both; what differs between
 * the two operations is a `CodeRequestKind`.
 */
export interface CodeRequestKind {
  /** The operation: its rows in the existence table and its attempt counter. */
  operation: "ForgotPassword" | "ResendConfirmationCode";
  /** Which media the code may use and which decoy rows the masked path writes (./delivery.ts). */
  channel: Channel;
  /** The code row's purpose; its lifetime follows from it (CODE_LIFETIME_MS, ./issue.ts). */
  purpose: CodePurpose;
  /** The CustomMessage trigger source, called on both paths (docs/triggers.md). */
  message: CustomMessageSource;
  /** The operation's classifier (../existence/classify.ts): the user found, and whether a real target exists. */
  classify: (user: UserRecord | null, hasTarget: boolean) => BaseState;
  /** UserMigration asked about a name the pool does not have; absent: the operation migrates nobody. */
  migration?: UserMigrationSource;
}

/** The request members the sequence reads (the public operations' shared members). */
export interface PublicRequest {
  ClientId: string;
  Username: string;
  SecretHash?: string | undefined;
  ClientMetadata?: StringMap | undefined;
}

export type RequestCodeDeps = Pick<
  Services,
  "store" | "box" | "secrets" | "clock" | "messenger" | "triggers" | "config" | "log" | "probe"
>;

/**
 * Runs a code request: client and pool, SecretHash, `checkPool` (a refusal that depends on the pool
 * only, so it says nothing about users: docs/existence.md#checks-made-before-the-table-the-same-answer-for-every-name), the
 * attempt counted for any name, the even lookup, UserMigration for an unknown name, the delivery plan
 * (for the pool's profile), then the existence table. `proceed` with a real target sends a code to the
 * user and answers the plan's `shown` delivery; otherwise (the `simulate` answer) the masked path runs
 * CustomMessage, writes a decoy code row and a decoy outbox row, and answers the planned masked
 * delivery. A `fail` answer is thrown by `decideOrThrow`.
 */
export async function requestCode(
  deps: RequestCodeDeps,
  args: { kind: CodeRequestKind; request: PublicRequest; checkPool?: (pool: PoolRecord) => void },
): Promise<{ CodeDeliveryDetails: CodeDeliveryDetails }> {
  const { kind, request: req } = args;
  const { client, pool, charge } = await openCodeSequence(deps, {
    request: req,
    operation: kind.operation,
    channel: kind.channel,
    attempt: "code-request",
    checkPool: args.checkPool,
  });
  const user = await findOrMigrate(deps, kind, client, pool, req);
  // The user's own budget, shared by its aliases; spent, the masked path answers and sends nothing.
  const withinBudget = await chargeUserAttempt(deps, charge, user);
  const asker = existence.askerFor(client, pool, deps.config.existenceProfile);
  const plan = planDelivery(deps.secrets, pool, kind.channel, req.Username, user, asker.profile);
  const state = kind.classify(user, plan.real !== null);
  const next = existence.decideOrThrow(asker, kind.operation, state, deps.probe);
  const message = {
    pool,
    clientId: client.clientId,
    clientMetadata: req.ClientMetadata,
    source: kind.message,
  };
  if (next === "proceed" && user && plan.real && plan.shown && withinBudget) {
    const text = await customMessage(deps, { ...message, subject: { user } });
    await issueCode(deps, { pool, user, purpose: kind.purpose, target: plan.real, text });
    return codeDeliveryDetails(plan.shown);
  }
  // The masked path calls CustomMessage too, marked userNotFound (../trigger-calls/custom-message.ts).
  const text = await customMessage(deps, { ...message, subject: { simulatedFor: req.Username } });
  const delivery = plan.masked;
  const username = decoyOutboxName(pool, plan.decoy, req.Username);
  await issueDecoy(deps, { pool, purpose: kind.purpose, decoy: plan.decoy, username, delivery, text });
  return codeDeliveryDetails(delivery);
}

/**
 * The even lookup (../existence/even-lookup.ts), then UserMigration for an unknown name where the
 * operation has it: Cognito asks the function about names it does not have, before any existence
 * answer ("Migrate user Lambda trigger",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html).
 * A function that declines leaves the name unknown. A known name awaits a settled promise in the
 * function's place, so both paths take the same turn through the event loop (`found ?? await
 * migrateUser(…)` would skip the await for a known name).
 */
async function findOrMigrate(
  deps: RequestCodeDeps,
  kind: CodeRequestKind,
  client: ClientRecord,
  pool: PoolRecord,
  req: PublicRequest,
): Promise<UserRecord | null> {
  const found = await findUserEvenly(deps, pool, req.Username);
  if (!kind.migration) return found;
  // Whether a function is set is asked on both paths; the function itself only for unknown names.
  const configured = hasMigrationTrigger(deps, pool);
  const migration =
    found || !configured
      ? Promise.resolve(null)
      : migrateUser(deps, {
          pool,
          client,
          typed: req.Username,
          source: kind.migration,
          clientMetadata: req.ClientMetadata,
        });
  const migrated = await migration; // awaited on both paths
  return found ?? migrated;
}
