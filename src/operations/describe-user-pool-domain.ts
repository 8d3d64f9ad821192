import { z } from "zod";
import { describeDomain, getDomain } from "../domain/oauth/domains.ts";
import type { Services } from "../services.ts";
import { oauthShapes } from "./oauth-inputs.ts";
import { domainLocation } from "./oauth-location.ts";
import { defineOperation } from "./operation.ts";

/**
 * DescribeUserPoolDomain (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolDomain.html):
 * an unknown domain answers `{"DomainDescription":{}}` with 200, not an error, which infrastructure
 * tools test for. `CloudFrontDistribution` names the URL hushpool serves the domain at (docs/oauth.md).
 */
export const describeUserPoolDomain = defineOperation(
  "DescribeUserPoolDomain",
  z.object({ Domain: oauthShapes.domain }),
  async ({ Domain }, { store, config }: Pick<Services, "store" | "config">) => {
    const d = await getDomain(store, Domain);
    return { DomainDescription: describeDomain(d, domainLocation(config), "000000000000") };
  },
);
