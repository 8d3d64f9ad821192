import type { Config } from "../config/config.ts";
import type { DomainLocation } from "../domain/oauth/domains.ts";

/** Where the server serves user-pool domains, from its options (docs/oauth.md#where-a-domain-lives). */
export function domainLocation(
  config: Pick<Config, "issuerBaseUrl" | "domainBaseUrl" | "region">,
): DomainLocation {
  return { baseUrl: config.issuerBaseUrl, domainBaseUrl: config.domainBaseUrl, region: config.region };
}
