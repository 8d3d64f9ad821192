import { z } from "zod";
import { safeEqual } from "../crypto/server-secrets.ts";
import { giveFeedback } from "../domain/auth-events/feedback.ts";
import { threatProtectionOn } from "../domain/auth-events/recorder.ts";
import { feedbackToken } from "../domain/auth-events/view.ts";
import { errors } from "../domain/errors/index.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { findUser } from "../domain/users/username.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * UpdateAuthEventFeedback (docs/admin-users.md#auth-events): unsigned (`smithy.api#noAuth` in
 * Cognito's API model), authorised by the event's FeedbackToken. The token is checked before the user is looked up and is a MAC of the pool, the
 * name as given and the event, so without one the answer (`Invalid feedback token.`) is the same for
 * every name: it says nothing about who exists. `Provider` is `User`.
 */
export const updateAuthEventFeedback = defineOperation(
  "UpdateAuthEventFeedback",
  z.object({
    UserPoolId: shapes.userPoolId,
    Username: shapes.username,
    EventId: shapes.eventId,
    FeedbackToken: z.string().min(1).max(2048),
    FeedbackValue: shapes.feedbackValue,
  }),
  async (
    { UserPoolId, Username, EventId, FeedbackToken, FeedbackValue },
    { store, clock, secrets, authEvents }: Pick<Services, "authEvents" | "clock" | "secrets" | "store">,
  ) => {
    const pool = await requirePool(store, UserPoolId);
    if (!threatProtectionOn(pool)) throw errors.threatProtectionOff();
    if (!safeEqual(feedbackToken(secrets, pool.id, Username, EventId), FeedbackToken)) {
      throw errors.invalidFeedbackToken();
    }
    const user = await findUser(store, pool, Username);
    if (!user) throw errors.authEventNotFound();
    await authEvents.flush();
    await giveFeedback(store, user, EventId, FeedbackValue, "User", clock.now());
    return {};
  },
);
