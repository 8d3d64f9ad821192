import type { PoolRecord, ResourceRecord, Store } from "../../storage/ports.ts";
import { UniqueViolation } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";

/**
 * User-pool domains (docs/oauth.md#where-a-domain-lives). Cognito serves a prefix domain at
 * `https://<prefix>.auth.<region>.amazoncognito.com`
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html);
 * hushpool serves it at the path `/oauth/<prefix>` of its own address, and by Host at
 * `<prefix>.<domain base>`. Domain prefixes are unique on the server, as they are in a region.
 */
export interface DomainBody {
  ManagedLoginVersion: number;
  /** Cognito's `Version`: a timestamp string of the last change (yyyyMMddHHmmss). */
  Version: string;
}

export interface DomainRecord {
  domain: string;
  poolId: string;
  body: DomainBody;
}

/** Where this server serves the domains: the public base URL and the Host suffix (docs/oauth.md). */
export interface DomainLocation {
  /** The server's public base URL (the issuer base), for the path form `/oauth/<prefix>`. */
  baseUrl: string;
  /** `https://auth.example.com` when domains are served by Host; "" to name the path form. */
  domainBaseUrl: string;
  region: string;
}

const version = (now: number): string => new Date(now).toISOString().replace(/\D/g, "").slice(0, 14);

const toDomain = (r: ResourceRecord): DomainRecord => ({
  domain: r.name,
  poolId: r.poolId,
  body: r.body as unknown as DomainBody,
});

export async function getDomain(store: Store, domain: string): Promise<DomainRecord | null> {
  const r = await store.resources.get("domain", "", domain);
  return r ? toDomain(r) : null;
}

/** The pool's prefix domain, or null. */
export async function domainOf(store: Store, poolId: string): Promise<DomainRecord | null> {
  const [r] = await store.resources.ofPool("domain", poolId);
  return r ? toDomain(r) : null;
}

export async function createDomain(
  store: Store,
  pool: PoolRecord,
  domain: string,
  managedLoginVersion: number,
  now: number,
): Promise<DomainRecord> {
  if (await domainOf(store, pool.id)) throw errors.poolHasDomain();
  const body: DomainBody = { ManagedLoginVersion: managedLoginVersion, Version: version(now) };
  try {
    await store.resources.create({
      kind: "domain",
      scope: "",
      name: domain,
      poolId: pool.id,
      body: { ...body },
      createdAt: now,
      modifiedAt: now,
    });
  } catch (e) {
    if (e instanceof UniqueViolation) throw errors.domainExists();
    throw e;
  }
  return { domain, poolId: pool.id, body };
}

/** The domain when it belongs to the pool; Update and Delete refuse any other. */
export async function requireOwnDomain(store: Store, poolId: string, domain: string): Promise<DomainRecord> {
  const d = await getDomain(store, domain);
  if (!d || d.poolId !== poolId) throw errors.domainNotFound();
  return d;
}

export async function updateDomain(
  store: Store,
  d: DomainRecord,
  managedLoginVersion: number,
  now: number,
): Promise<DomainRecord> {
  const body: DomainBody = { ManagedLoginVersion: managedLoginVersion, Version: version(now) };
  const ok = await store.resources.update({
    kind: "domain",
    scope: "",
    name: d.domain,
    poolId: d.poolId,
    body: { ...body },
    createdAt: now,
    modifiedAt: now,
  });
  if (!ok) throw errors.domainNotFound();
  return { ...d, body };
}

export async function deleteDomain(store: Store, d: DomainRecord): Promise<void> {
  if (!(await store.resources.delete("domain", "", d.domain))) throw errors.domainNotFound();
}

/** The Host this server answers for a domain: `<prefix>.<host of --domain-base-url>`, or `<prefix>.auth.<region>.localhost`. */
export function domainHost(loc: DomainLocation, domain: string): string {
  const base = loc.domainBaseUrl ? new URL(loc.domainBaseUrl).host : `auth.${loc.region}.localhost`;
  return `${domain}.${base}`;
}

/**
 * The URL a client should use for the domain: `https://<prefix>.<base host>` when the server was
 * given --domain-base-url (DNS and TLS in front are then the operator's), else the path form
 * `<base URL>/oauth/<prefix>`, which needs no DNS (docs/oauth.md#where-a-domain-lives).
 */
export function domainUrl(loc: DomainLocation, domain: string): string {
  if (loc.domainBaseUrl) {
    const u = new URL(loc.domainBaseUrl);
    return `${u.protocol}//${domain}.${u.host}`;
  }
  return `${loc.baseUrl.replace(/\/+$/, "")}/oauth/${domain}`;
}

/** DescribeUserPoolDomain's DomainDescription; `{}` for an unknown domain, as Cognito answers. */
export function describeDomain(
  d: DomainRecord | null,
  loc: DomainLocation,
  accountId: string,
): Record<string, unknown> {
  if (!d) return {};
  return {
    UserPoolId: d.poolId,
    AWSAccountId: accountId,
    Domain: d.domain,
    S3Bucket: "hushpool",
    // Cognito names the CloudFront distribution that serves the domain; hushpool names the URL that does.
    CloudFrontDistribution: domainUrl(loc, d.domain),
    Version: d.body.Version,
    Status: "ACTIVE",
    CustomDomainConfig: {},
    ManagedLoginVersion: d.body.ManagedLoginVersion,
  };
}
