import type { ServerSecrets } from "../../crypto/server-secrets.ts";
import type { AuthEventRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";

/** AuthEventType as AdminListUserAuthEvents returns it (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AuthEventType.html). */
export function renderAuthEvent(e: AuthEventRecord): Record<string, unknown> {
  return {
    EventId: e.eventId,
    EventType: e.data.EventType,
    CreationDate: e.createdAt / 1000,
    EventResponse: e.data.EventResponse,
    EventRisk: e.data.EventRisk,
    ChallengeResponses: e.data.ChallengeResponses,
    ...(e.data.EventContextData ? { EventContextData: e.data.EventContextData } : {}),
    ...(e.feedback ? { EventFeedback: e.feedback } : {}),
  };
}

/**
 * The NextToken of a page: `<event id>#<ISO time>` of its last event, the form of AWS's own example
 * (`a1b2c3d4-…#2024-09-18T21:16:43.495Z`). Anything else is refused.
 */
export const pageToken = (e: AuthEventRecord): string =>
  `${e.eventId}#${new Date(e.createdAt).toISOString()}`;

export function parsePageToken(token: string): { eventId: string; createdAt: number } {
  const m = /^([0-9a-f-]{36})#(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)$/.exec(token);
  const createdAt = m ? Date.parse(m[2] ?? "") : Number.NaN;
  if (!m || Number.isNaN(createdAt)) throw errors.invalidPaginationToken();
  return { eventId: m[1] ?? "", createdAt };
}

/**
 * The FeedbackToken UpdateAuthEventFeedback requires: a MAC of the pool, the user name as given and
 * the event, under the server's secret seed. Cognito puts it in its risk notification messages;
 * hushpool sends none, so only an operator holding the seed can make one (docs/admin-users.md#auth-events).
 */
export const feedbackToken = (
  secrets: ServerSecrets,
  poolId: string,
  username: string,
  eventId: string,
): string => secrets.mac("auth-event-feedback", poolId, username, eventId).toString("base64url");
