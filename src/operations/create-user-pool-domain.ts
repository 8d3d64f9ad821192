import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { createDomain } from "../domain/oauth/domains.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { defineOperation } from "./operation.ts";

/**
 * CreateUserPoolDomain (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html):
 * a prefix domain, unique on the server; custom domains (CloudFront and ACM) are refused
 * (docs/oauth.md#where-a-domain-lives). `CloudFrontDomain` is absent for prefix domains, as Cognito answers.
 */
export const createUserPoolDomain = defineOperation(
  "CreateUserPoolDomain",
  z.object({
    Domain: oauthShapes.domain,
    UserPoolId: shapes.userPoolId,
    ManagedLoginVersion: oauthShapes.managedLoginVersion.optional(),
    CustomDomainConfig: oauthShapes.customDomainConfig.optional(),
  }),
  async (req, { store, clock }: Pick<Services, "store" | "clock">) => {
    const pool = await requirePool(store, req.UserPoolId);
    if (req.CustomDomainConfig || req.Domain.includes(".")) throw errors.customDomainUnsupported();
    const d = await createDomain(store, pool, req.Domain, req.ManagedLoginVersion ?? 1, clock.now());
    return { ManagedLoginVersion: d.body.ManagedLoginVersion };
  },
);
