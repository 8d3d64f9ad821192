import { z } from "zod";
import { CHALLENGE_NAMES, renderOutcome, respondToChallenge } from "../domain/auth-flows/index.ts";
import { requireClientAndPool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import { defineOperation } from "./operation.ts";
import { type SignInServices, signInContext } from "./sign-in-context.ts";

/** RespondToAuthChallenge (docs/operations.md#respondtoauthchallenge): answers PASSWORD_VERIFIER and NEW_PASSWORD_REQUIRED. */
export const respondToAuthChallenge = defineOperation(
  "RespondToAuthChallenge",
  z.object({
    ClientId: shapes.clientId,
    ChallengeName: z.enum(CHALLENGE_NAMES),
    Session: shapes.session.optional(),
    ChallengeResponses: shapes.stringMap.optional(),
    ClientMetadata: shapes.stringMap.optional(),
  }),
  async (
    { ClientId, ChallengeName, Session, ChallengeResponses, ClientMetadata },
    services: SignInServices,
  ) => {
    const found = await requireClientAndPool(services.store, ClientId);
    const ctx = signInContext(services, "RespondToAuthChallenge", found, ClientMetadata);
    return renderOutcome(await respondToChallenge(ctx, ChallengeName, ChallengeResponses ?? {}, Session));
  },
);
