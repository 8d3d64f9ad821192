import { z } from "zod";
import { threatProtectionOn } from "../domain/auth-events/recorder.ts";
import { pageToken, parsePageToken, renderAuthEvent } from "../domain/auth-events/view.ts";
import { errors } from "../domain/errors/index.ts";
import { requirePoolAndUser } from "../domain/users/admin-user.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

/**
 * AdminListUserAuthEvents (docs/admin-users.md#auth-events): a user's sign-in events, newest first,
 * in pools with threat protection. This node's queued events are written first.
 */
export const adminListUserAuthEvents = defineOperation(
  "AdminListUserAuthEvents",
  z.object({
    UserPoolId: shapes.userPoolId,
    Username: shapes.username,
    MaxResults: z.number().int().min(0).max(60).optional(),
    NextToken: z.string().min(1).max(256).optional(),
  }),
  async (
    { UserPoolId, Username, MaxResults, NextToken },
    { store, authEvents }: Pick<Services, "authEvents" | "store">,
  ) => {
    const { pool, user } = await requirePoolAndUser(store, UserPoolId, Username);
    if (!threatProtectionOn(pool)) throw errors.threatProtectionOff();
    const before = NextToken === undefined ? undefined : parsePageToken(NextToken);
    // MaxResults 0 or absent: the model's maximum, 60 (decision).
    const limit = MaxResults || 60;
    await authEvents.flush();
    const page = await store.authEvents.list(pool.id, user.sub, limit + 1, before);
    const shown = page.slice(0, limit);
    const last = shown.at(-1);
    return {
      AuthEvents: shown.map(renderAuthEvent),
      ...(page.length > limit && last ? { NextToken: pageToken(last) } : {}),
    };
  },
);
