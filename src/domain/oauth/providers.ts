import type { PoolRecord, ResourceRecord, Store } from "../../storage/ports.ts";
import { UniqueViolation } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { poolConfig } from "../pools/pool.ts";

/**
 * Identity providers as configuration (docs/oauth.md#identity-providers; AWS API reference,
 * CreateIdentityProvider, ProviderDetails). Social providers are named after their type and get
 * the endpoints Cognito fills in; OIDC providers discover theirs from `oidc_issuer`.
 */
export const PROVIDER_TYPES = [
  "SAML",
  "Facebook",
  "Google",
  "LoginWithAmazon",
  "SignInWithApple",
  "OIDC",
] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

export interface IdentityProvider {
  UserPoolId: string;
  ProviderName: string;
  ProviderType: ProviderType;
  ProviderDetails: Record<string, string>;
  AttributeMapping: Record<string, string>;
  IdpIdentifiers: string[];
  /** Epoch ms; rendered as epoch seconds. */
  CreationDate: number;
  LastModifiedDate: number;
}

/** 300 identity providers per pool (AWS "Quotas in Amazon Cognito"). */
const PROVIDER_LIMIT = 300;
const SOCIAL: ReadonlySet<string> = new Set(["Facebook", "Google", "LoginWithAmazon", "SignInWithApple"]);

/** Keys each type requires in ProviderDetails, and the endpoints Cognito adds for social types (as its Describe answers show). */
const REQUIRED: Record<ProviderType, string[]> = {
  OIDC: ["client_id", "authorize_scopes", "attributes_request_method"],
  Google: ["client_id", "client_secret", "authorize_scopes"],
  Facebook: ["client_id", "client_secret", "authorize_scopes"],
  LoginWithAmazon: ["client_id", "client_secret", "authorize_scopes"],
  SignInWithApple: ["client_id", "team_id", "key_id", "private_key", "authorize_scopes"],
  SAML: [],
};

function filledDetails(type: ProviderType, d: Record<string, string>): Record<string, string> {
  switch (type) {
    case "Google":
      return {
        ...d,
        attributes_url: "https://people.googleapis.com/v1/people/me?personFields=",
        attributes_url_add_attributes: "true",
        authorize_url: "https://accounts.google.com/o/oauth2/v2/auth",
        oidc_issuer: "https://accounts.google.com",
        token_request_method: "POST",
        token_url: "https://www.googleapis.com/oauth2/v4/token",
      };
    case "Facebook": {
      const v = d.api_version ?? "v17.0";
      return {
        ...d,
        api_version: v,
        attributes_url: `https://graph.facebook.com/${v}/me?fields=`,
        attributes_url_add_attributes: "true",
        authorize_url: `https://www.facebook.com/${v}/dialog/oauth`,
        token_request_method: "GET",
        token_url: `https://graph.facebook.com/${v}/oauth/access_token`,
      };
    }
    case "LoginWithAmazon":
      return {
        ...d,
        attributes_url: "https://api.amazon.com/user/profile",
        attributes_url_add_attributes: "false",
        authorize_url: "https://www.amazon.com/ap/oa",
        token_request_method: "POST",
        token_url: "https://api.amazon.com/auth/o2/token",
      };
    case "SignInWithApple":
      return {
        ...d,
        attributes_url_add_attributes: "false",
        authorize_url: "https://appleid.apple.com/auth/authorize",
        oidc_issuer: "https://appleid.apple.com",
        token_request_method: "POST",
        token_url: "https://appleid.apple.com/auth/token",
      };
    case "OIDC":
      return { ...d, attributes_url_add_attributes: "false" };
    case "SAML":
      return { ...d };
  }
}

/** The default subject mapping per type (AWS CLI samples: Facebook `{"username":"id"}`). */
const DEFAULT_USERNAME: Record<ProviderType, string | null> = {
  OIDC: "sub",
  Google: "sub",
  Facebook: "id",
  LoginWithAmazon: "user_id",
  SignInWithApple: "sub",
  SAML: null,
};

function checkDetails(type: ProviderType, d: Record<string, string>): Record<string, string> {
  for (const key of REQUIRED[type]) if (!d[key]) throw errors.providerDetailMissing(key);
  if (type === "OIDC") {
    const method = d.attributes_request_method;
    if (method !== "GET" && method !== "POST")
      throw errors.providerDetailInvalid("attributes_request_method");
    const explicit = ["authorize_url", "token_url", "attributes_url", "jwks_uri"];
    if (!d.oidc_issuer && explicit.some((k) => !d[k])) throw errors.providerDetailMissing("oidc_issuer");
    for (const k of ["oidc_issuer", ...explicit])
      if (d[k] !== undefined && !isHttpUrl(d[k])) throw errors.providerDetailInvalid(k);
  }
  if (type === "SAML" && !d.MetadataURL && !d.MetadataFile) throw errors.samlMetadataMissing();
  for (const k of ["IDPSignout", "IDPInit", "EncryptedResponses"])
    if (d[k] !== undefined && d[k] !== "true" && d[k] !== "false") throw errors.providerDetailInvalid(k);
  return filledDetails(type, d);
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

/** AttributeMapping keys are the pool's attributes (standard, `custom:`), or `username` for the subject. */
function checkMapping(pool: PoolRecord, mapping: Record<string, string>): void {
  const names = new Set(poolConfig(pool).SchemaAttributes.map((a) => a.Name));
  for (const key of Object.keys(mapping))
    if (key !== "username" && (!names.has(key) || key === "sub")) throw errors.attributeMappingInvalid(key);
}

const toProvider = (r: ResourceRecord): IdentityProvider => ({
  ...(r.body as unknown as Omit<
    IdentityProvider,
    "UserPoolId" | "ProviderName" | "CreationDate" | "LastModifiedDate"
  >),
  UserPoolId: r.poolId,
  ProviderName: r.name,
  CreationDate: r.createdAt,
  LastModifiedDate: r.modifiedAt,
});

const bodyOf = (p: IdentityProvider) => ({
  ProviderType: p.ProviderType,
  ProviderDetails: p.ProviderDetails,
  AttributeMapping: p.AttributeMapping,
  IdpIdentifiers: p.IdpIdentifiers,
});

/** The wire IdentityProviderType: dates in epoch seconds; Apple's private key is never echoed. */
export function renderProvider(p: IdentityProvider): Record<string, unknown> {
  const { private_key: _hidden, ...details } = p.ProviderDetails;
  return {
    UserPoolId: p.UserPoolId,
    ProviderName: p.ProviderName,
    ProviderType: p.ProviderType,
    ProviderDetails: details,
    AttributeMapping: p.AttributeMapping,
    IdpIdentifiers: p.IdpIdentifiers,
    LastModifiedDate: p.LastModifiedDate / 1000,
    CreationDate: p.CreationDate / 1000,
  };
}

async function allProviders(store: Store, poolId: string): Promise<IdentityProvider[]> {
  return (await store.resources.list("identity-provider", poolId, PROVIDER_LIMIT + 1)).map(toProvider);
}

export async function providerNames(store: Store, poolId: string): Promise<Set<string>> {
  return new Set((await allProviders(store, poolId)).map((p) => p.ProviderName));
}

async function checkIdentifiers(store: Store, poolId: string, name: string, ids: string[]): Promise<void> {
  const others = (await allProviders(store, poolId)).filter((p) => p.ProviderName !== name);
  const taken = new Set(others.flatMap((p) => p.IdpIdentifiers));
  const seen = new Set<string>();
  for (const id of ids) {
    if (taken.has(id) || seen.has(id)) throw errors.identifierTaken(id);
    seen.add(id);
  }
}

export async function createProvider(
  store: Store,
  pool: PoolRecord,
  input: {
    ProviderName: string;
    ProviderType: ProviderType;
    ProviderDetails: Record<string, string>;
    AttributeMapping?: Record<string, string>;
    IdpIdentifiers?: string[];
  },
  now: number,
): Promise<IdentityProvider> {
  const name = input.ProviderName;
  if (name.toUpperCase() === "COGNITO") throw errors.unsupportedProvider(name);
  if (SOCIAL.has(input.ProviderType) && name !== input.ProviderType)
    throw errors.providerNameMismatch(input.ProviderType);
  const details = checkDetails(input.ProviderType, input.ProviderDetails);
  const subject = DEFAULT_USERNAME[input.ProviderType];
  const mapping = { ...(subject ? { username: subject } : {}), ...(input.AttributeMapping ?? {}) };
  checkMapping(pool, mapping);
  const ids = input.IdpIdentifiers ?? [];
  await checkIdentifiers(store, pool.id, name, ids);
  if ((await store.resources.count("identity-provider", pool.id)) >= PROVIDER_LIMIT)
    throw errors.providerLimit();
  const p: IdentityProvider = {
    UserPoolId: pool.id,
    ProviderName: name,
    ProviderType: input.ProviderType,
    ProviderDetails: details,
    AttributeMapping: mapping,
    IdpIdentifiers: ids,
    CreationDate: now,
    LastModifiedDate: now,
  };
  try {
    await store.resources.create({
      kind: "identity-provider",
      scope: pool.id,
      name,
      poolId: pool.id,
      body: bodyOf(p),
      createdAt: now,
      modifiedAt: now,
    });
  } catch (e) {
    if (e instanceof UniqueViolation) throw errors.providerExists(name);
    throw e;
  }
  return p;
}

export async function findProvider(
  store: Store,
  poolId: string,
  name: string,
): Promise<IdentityProvider | null> {
  const r = await store.resources.get("identity-provider", poolId, name);
  return r ? toProvider(r) : null;
}

export async function requireProvider(store: Store, poolId: string, name: string): Promise<IdentityProvider> {
  const p = await findProvider(store, poolId, name);
  if (!p) throw errors.providerNotFound(name);
  return p;
}

export async function providerByIdentifier(
  store: Store,
  poolId: string,
  identifier: string,
): Promise<IdentityProvider> {
  const p = (await allProviders(store, poolId)).find((x) => x.IdpIdentifiers.includes(identifier));
  if (!p) throw errors.identifierNotFound(identifier);
  return p;
}

/** UpdateIdentityProvider: members left out keep their values; given ProviderDetails are merged over the old ones. */
export async function updateProvider(
  store: Store,
  pool: PoolRecord,
  input: {
    ProviderName: string;
    ProviderDetails?: Record<string, string>;
    AttributeMapping?: Record<string, string>;
    IdpIdentifiers?: string[];
  },
  now: number,
): Promise<IdentityProvider> {
  if (input.ProviderName.toUpperCase() === "COGNITO") throw errors.unsupportedProvider(input.ProviderName);
  const old = await requireProvider(store, pool.id, input.ProviderName);
  const details = input.ProviderDetails
    ? checkDetails(old.ProviderType, { ...old.ProviderDetails, ...input.ProviderDetails })
    : old.ProviderDetails;
  const mapping = input.AttributeMapping
    ? { ...old.AttributeMapping, ...input.AttributeMapping }
    : old.AttributeMapping;
  checkMapping(pool, mapping);
  const ids = input.IdpIdentifiers ?? old.IdpIdentifiers;
  await checkIdentifiers(store, pool.id, old.ProviderName, ids);
  const p: IdentityProvider = {
    ...old,
    ProviderDetails: details,
    AttributeMapping: mapping,
    IdpIdentifiers: ids,
    LastModifiedDate: now,
  };
  await store.resources.update({
    kind: "identity-provider",
    scope: pool.id,
    name: p.ProviderName,
    poolId: pool.id,
    body: bodyOf(p),
    createdAt: p.CreationDate,
    modifiedAt: now,
  });
  return p;
}

/** DeleteIdentityProvider: refused while an app client still names it (inferred, docs/oauth.md). */
export async function deleteProvider(store: Store, poolId: string, name: string): Promise<void> {
  if (name.toUpperCase() === "COGNITO") throw errors.unsupportedProvider(name);
  await requireProvider(store, poolId, name);
  let after: string | undefined;
  for (;;) {
    const clients = await store.clients.list(poolId, 100, after);
    for (const c of clients) {
      const named = (c.config.SupportedIdentityProviders as string[] | undefined) ?? [];
      if (named.includes(name)) throw errors.providerInUse(name);
    }
    if (clients.length < 100) break;
    after = clients[clients.length - 1]?.clientId;
  }
  await store.resources.delete("identity-provider", poolId, name);
}

export async function listProviders(
  store: Store,
  poolId: string,
  limit: number,
  after?: string,
): Promise<IdentityProvider[]> {
  return (await store.resources.list("identity-provider", poolId, limit, after)).map(toProvider);
}
