import { z } from "zod";
import { giveFeedback } from "../domain/auth-events/feedback.ts";
import { threatProtectionOn } from "../domain/auth-events/recorder.ts";
import { errors } from "../domain/errors/index.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/** AdminUpdateAuthEventFeedback (docs/admin-users.md#auth-events): `Provider` is `Admin`. */
export const adminUpdateAuthEventFeedback = defineOperation(
  "AdminUpdateAuthEventFeedback",
  z.object({
    UserPoolId: shapes.userPoolId,
    Username: shapes.username,
    EventId: shapes.eventId,
    FeedbackValue: shapes.feedbackValue,
  }),
  async (
    { UserPoolId, Username, EventId, FeedbackValue },
    { store, clock, authEvents }: Pick<Services, "authEvents" | "clock" | "store">,
  ) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    if (!threatProtectionOn(pool)) throw errors.threatProtectionOff();
    await authEvents.flush();
    await giveFeedback(store, user, EventId, FeedbackValue, "Admin", clock.now());
    return {};
  },
);
