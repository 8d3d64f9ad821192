import { z } from "zod";
import { CHALLENGE_NAMES, renderOutcome, respondToChallenge } from "../domain/auth-flows/index.ts";
import { requireClient, requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import { defineOperation } from "./operation.ts";
import { type SignInServices, signInContext } from "./sign-in-context.ts";

/** AdminRespondToAuthChallenge (docs/operations.md#respondtoauthchallenge): as RespondToAuthChallenge, naming the pool. */
export const adminRespondToAuthChallenge = defineOperation(
  "AdminRespondToAuthChallenge",
  z.object({
    UserPoolId: shapes.userPoolId,
    ClientId: shapes.clientId,
    ChallengeName: z.enum(CHALLENGE_NAMES),
    Session: shapes.session.optional(),
    ChallengeResponses: shapes.stringMap.optional(),
    ClientMetadata: shapes.stringMap.optional(),
  }),
  async (
    { UserPoolId, ClientId, ChallengeName, Session, ChallengeResponses, ClientMetadata },
    services: SignInServices,
  ) => {
    const pool = await requirePool(services.store, UserPoolId);
    const client = await requireClient(services.store, UserPoolId, ClientId);
    const ctx = signInContext(services, "AdminRespondToAuthChallenge", { pool, client }, ClientMetadata);
    return renderOutcome(await respondToChallenge(ctx, ChallengeName, ChallengeResponses ?? {}, Session));
  },
);
