import type { IncomingMessage } from "node:http";
import type { Config } from "../../config/config.ts";

/**
 * Which user-pool domain a request is for (docs/oauth.md#where-a-domain-lives): the path form
 * `/oauth/<prefix>/…`, or a Host `<prefix>.auth.<region>.localhost` / `<prefix>.<--domain-base-url host>`.
 * `mount` is what the domain's own links are prefixed with.
 */
export interface DomainRequest {
  prefix: string;
  mount: string;
  /** The path inside the domain, e.g. `/oauth2/token`. */
  path: string;
  url: URL;
}

const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PATH_FORM = /^\/oauth\/([a-z0-9-]{1,63})(\/.*)?$/;

/** The Host suffixes that name a domain, per configuration (built once, not per request). */
const suffixCache = new WeakMap<object, string[]>();
function domainSuffixes(config: Pick<Config, "region" | "domainBaseUrl">): string[] {
  let bases = suffixCache.get(config);
  if (!bases) {
    bases = [`.auth.${config.region}.localhost`];
    if (config.domainBaseUrl) bases.push(`.${new URL(config.domainBaseUrl).hostname.toLowerCase()}`);
    suffixCache.set(config, bases);
  }
  return bases;
}

export function locateDomain(
  req: IncomingMessage,
  config: Pick<Config, "region" | "domainBaseUrl">,
): DomainRequest | null {
  const raw = req.url ?? "/";
  // Every API call is a POST to "/", whose path is no domain's: parse the URL only when it may be.
  const url = raw === "/" ? null : new URL(raw, "http://localhost");
  if (url) {
    const m = PATH_FORM.exec(url.pathname);
    if (m?.[1] && PREFIX.test(m[1])) return { prefix: m[1], mount: `/oauth/${m[1]}`, path: m[2] ?? "/", url };
  }
  const host = (req.headers.host ?? "").toLowerCase().replace(/:\d+$/, "");
  for (const base of domainSuffixes(config)) {
    if (!host.endsWith(base)) continue;
    const prefix = host.slice(0, -base.length);
    if (PREFIX.test(prefix)) {
      const at = url ?? new URL(raw, "http://localhost");
      return { prefix, mount: "", path: at.pathname, url: at };
    }
  }
  return null;
}
