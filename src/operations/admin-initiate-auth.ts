import { z } from "zod";
import { AUTH_FLOWS, renderOutcome, startAuth } from "../domain/auth-flows/index.ts";
import { requireClient, requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import { defineOperation } from "./operation.ts";
import { type SignInServices, signInContext } from "./sign-in-context.ts";

/** AdminInitiateAuth (docs/operations.md#initiateauth): as InitiateAuth, naming the pool, with the admin password flows. */
export const adminInitiateAuth = defineOperation(
  "AdminInitiateAuth",
  z.object({
    UserPoolId: shapes.userPoolId,
    ClientId: shapes.clientId,
    AuthFlow: z.enum(AUTH_FLOWS),
    AuthParameters: shapes.stringMap.optional(),
    ClientMetadata: shapes.stringMap.optional(),
    Session: shapes.session.optional(),
  }),
  async (
    { UserPoolId, ClientId, AuthFlow, AuthParameters, ClientMetadata, Session },
    services: SignInServices,
  ) => {
    const pool = await requirePool(services.store, UserPoolId);
    const client = await requireClient(services.store, UserPoolId, ClientId);
    const ctx = signInContext(services, "AdminInitiateAuth", { pool, client }, ClientMetadata);
    return renderOutcome(await startAuth(ctx, AuthFlow, AuthParameters ?? {}, Session));
  },
);
