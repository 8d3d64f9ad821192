import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { requireOwnDomain, updateDomain } from "../domain/oauth/domains.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * UpdateUserPoolDomain (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolDomain.html):
 * changes the managed-login version of the pool's own domain.
 */
export const updateUserPoolDomain = defineOperation(
  "UpdateUserPoolDomain",
  z.object({
    Domain: oauthShapes.domain,
    UserPoolId: shapes.userPoolId,
    ManagedLoginVersion: oauthShapes.managedLoginVersion.optional(),
    CustomDomainConfig: oauthShapes.customDomainConfig.optional(),
  }),
  async (req, { store, clock }: Pick<Services, "store" | "clock">) => {
    await requirePool(store, req.UserPoolId);
    if (req.CustomDomainConfig) throw errors.customDomainUnsupported();
    const d = await requireOwnDomain(store, req.UserPoolId, req.Domain);
    const next = await updateDomain(
      store,
      d,
      req.ManagedLoginVersion ?? d.body.ManagedLoginVersion,
      clock.now(),
    );
    return { ManagedLoginVersion: next.body.ManagedLoginVersion };
  },
);
