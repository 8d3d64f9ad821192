import type { ClientRecord, PoolRecord, UserRecord } from "../../storage/ports.ts";
import type {
  ChallengeResult,
  CreateAuthChallengeResponse,
  DefineAuthChallengeResponse,
  StringMap,
  TriggerName,
  TriggerRunner,
  VerifyAuthChallengeResponseResponse,
} from "../../triggers/index.ts";
import {
  createAuthChallengeEvent,
  defineAuthChallengeEvent,
  verifyAuthChallengeResponseEvent,
} from "../../triggers/index.ts";
import { existence } from "../existence/index.ts";
import type { AuthApi } from "../sign-in-types.ts";
import { envelopeFor, eventAttributes, runnerFor, type TriggerDeps } from "./envelope.ts";

/** Whom the event is about: the user, or null (unknown or masked name) and the name as typed. */
interface Subject {
  user: UserRecord | null;
  typed: string;
}

/**
 * The CUSTOM_AUTH triggers for one request (AWS "Custom authentication challenge Lambda triggers"):
 * event construction and the runner calls only — the flow, its sessions and its existence answers
 * are in ../auth-flows/custom-auth/, which receives this object (it has the shape of that folder's
 * CustomAuthHooks, ../auth-flows/hooks.ts) from src/operations/sign-in-context.ts. Each call answers
 * the function's checked response; the flow asks `has` before each one.
 */
export function customAuthTriggerCalls(
  deps: TriggerDeps,
  pool: PoolRecord,
  client: ClientRecord,
  clientMetadata: StringMap,
  api: AuthApi,
) {
  let runner: TriggerRunner | undefined;
  // Built on first use: most sign-ins are not CUSTOM_AUTH.
  const runnerOf = (): TriggerRunner => {
    runner ??= runnerFor(deps, pool);
    return runner;
  };
  const envelope = (s: Subject) => envelopeFor(deps, pool, s.user?.username ?? s.typed, client.clientId);
  // ClientMetadata reaches Define and Create from RespondToAuthChallenge only, not from InitiateAuth
  // (AWS "Define auth challenge Lambda trigger"); Verify runs only on a RespondToAuthChallenge.
  const stepMetadata = api === "InitiateAuth" || api === "AdminInitiateAuth" ? null : clientMetadata;

  return {
    has: (trigger: TriggerName): boolean => runnerOf().has(trigger),

    defineAuthChallenge: async (
      e: Subject & { session: ChallengeResult[] },
    ): Promise<DefineAuthChallengeResponse> => {
      const event = defineAuthChallengeEvent(envelope(e), {
        ...subjectOf(pool, client, e.user),
        session: e.session,
        clientMetadata: stepMetadata,
      });
      return (await runnerOf().run("DefineAuthChallenge", event)).response;
    },

    createAuthChallenge: async (
      e: Subject & { challengeName: string; session: ChallengeResult[] },
    ): Promise<CreateAuthChallengeResponse> => {
      const event = createAuthChallengeEvent(envelope(e), {
        ...subjectOf(pool, client, e.user),
        challengeName: e.challengeName,
        session: e.session,
        clientMetadata: stepMetadata,
      });
      return (await runnerOf().run("CreateAuthChallenge", event)).response;
    },

    verifyAuthChallengeResponse: async (
      e: Subject & { privateChallengeParameters: StringMap; challengeAnswer: string },
    ): Promise<VerifyAuthChallengeResponseResponse> => {
      const event = verifyAuthChallengeResponseEvent(envelope(e), {
        ...subjectOf(pool, client, e.user),
        privateChallengeParameters: e.privateChallengeParameters,
        challengeAnswer: e.challengeAnswer,
        clientMetadata,
      });
      return (await runnerOf().run("VerifyAuthChallengeResponse", event)).response;
    },
  };
}

/** `userAttributes` and, under ENABLED only, `userNotFound` (AWS custom-auth trigger request parameters). */
function subjectOf(
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord | null,
): { userAttributes: StringMap; userNotFound?: boolean } {
  const enabled = existence.modeOf(client) === "ENABLED";
  return {
    userAttributes: user ? eventAttributes(pool, user) : {},
    ...(enabled ? { userNotFound: user === null } : {}),
  };
}
