import { z } from "zod";
import { AUTH_FLOWS, renderOutcome, startAuth } from "../domain/auth-flows/index.ts";
import { requireClientAndPool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import { defineOperation } from "./operation.ts";
import { type SignInServices, signInContext } from "./sign-in-context.ts";

/** InitiateAuth (docs/operations.md#initiateauth): the public sign-in entry; the flows live in domain/auth-flows. */
export const initiateAuth = defineOperation(
  "InitiateAuth",
  z.object({
    AuthFlow: z.enum(AUTH_FLOWS),
    ClientId: shapes.clientId,
    // A free-form map: over-long names or passwords inside it are not validation errors (docs/wire-protocol.md).
    AuthParameters: shapes.stringMap.optional(),
    ClientMetadata: shapes.stringMap.optional(),
    Session: shapes.session.optional(),
  }),
  async ({ AuthFlow, ClientId, AuthParameters, ClientMetadata, Session }, services: SignInServices) => {
    const found = await requireClientAndPool(services.store, ClientId);
    const ctx = signInContext(services, "InitiateAuth", found, ClientMetadata);
    return renderOutcome(await startAuth(ctx, AuthFlow, AuthParameters ?? {}, Session));
  },
);
