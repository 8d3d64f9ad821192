import type { Store, UserRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";

/** Records Valid/Invalid feedback on a user's event (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_EventFeedbackType.html). */
export async function giveFeedback(
  store: Store,
  user: UserRecord,
  eventId: string,
  value: "Valid" | "Invalid",
  provider: string,
  now: number,
): Promise<void> {
  const feedback = { FeedbackValue: value, Provider: provider, FeedbackDate: now / 1000 };
  if (!(await store.authEvents.setFeedback(user.poolId, user.sub, eventId, feedback))) {
    throw errors.authEventNotFound();
  }
}
