/**
 * Claim sets of the ID and access tokens, in the order Cognito emits them [docs/tokens.md#what-the-tokens-contain].
 * Pure: every time and id is passed in.
 */
export type ClaimValue = string | number | boolean | null | ClaimValue[] | { [k: string]: ClaimValue };
export type Claims = Record<string, ClaimValue>;

/** PreTokenGeneration's claimsToAddOrOverride / claimsToSuppress for one token [docs/triggers.md#pretokengeneration]. */
export interface ClaimOverride {
  claimsToAddOrOverride?: Record<string, ClaimValue>;
  claimsToSuppress?: string[];
}

export interface ClaimInputs {
  iss: string;
  clientId: string;
  sub: string;
  username: string;
  attributes: Record<string, string>;
  groups: string[];
  /** `cognito:roles` and `cognito:preferred_role`, ID token only (AWS "Adding groups to a user pool"). */
  roles: string[];
  preferredRole: string | null;
  scope: string;
  originJti: string;
  eventId: string;
  authTime: number;
  iat: number;
  accessExp: number;
  idExp: number;
  accessJti: string;
  idJti: string;
  /** The access token's `device_key`, when the sign-in used or registered a tracked device. */
  deviceKey?: string;
  /** OAuth endpoints only (docs/oauth.md#tokens): the access token's `version`, the ID token's `nonce` and `at_hash`. */
  version?: number;
  nonce?: string;
  atHash?: string;
}

/** Claims a trigger cannot change, from the PreTokenGeneration docs [docs/triggers.md#pretokengeneration]. */
const PROTECTED = new Set(
  "acr amr aud at_hash auth_time azp cognito:username exp iat identities iss jti nbf nonce origin_jti sub token_use".split(
    " ",
  ),
);
/**
 * Group claims change only through groupOverrideDetails ("For group-related claims, use
 * groupOverrideDetails instead", AWS "Pre token generation Lambda trigger").
 */
const GROUP_CLAIMS = new Set(["cognito:groups", "cognito:roles", "cognito:preferred_role"]);
/** Also fixed in access tokens (inferred: they identify the client, user and event; scopes have their own override). */
const PROTECTED_ACCESS = new Set(["client_id", "username", "scope", "event_id", "device_key", "version"]);

/** Attributes Cognito renders as JSON booleans in the ID token [docs/tokens.md#what-the-tokens-contain]. */
const BOOLEAN_ATTRIBUTES = new Set(["email_verified", "phone_number_verified"]);

export function accessClaims(c: ClaimInputs): Claims {
  return {
    sub: c.sub,
    ...(c.deviceKey !== undefined ? { device_key: c.deviceKey } : {}),
    ...groupClaim(c.groups),
    iss: c.iss,
    ...(c.version !== undefined ? { version: c.version } : {}),
    client_id: c.clientId,
    origin_jti: c.originJti,
    event_id: c.eventId,
    token_use: "access",
    scope: c.scope,
    auth_time: c.authTime,
    exp: c.accessExp,
    iat: c.iat,
    jti: c.accessJti,
    username: c.username,
  };
}

export function idClaims(c: ClaimInputs): Claims {
  const fixed: Claims = {
    iss: c.iss,
    "cognito:username": c.username,
    ...(c.nonce !== undefined ? { nonce: c.nonce } : {}),
    origin_jti: c.originJti,
    aud: c.clientId,
    event_id: c.eventId,
    token_use: "id",
    auth_time: c.authTime,
    exp: c.idExp,
    iat: c.iat,
    jti: c.idJti,
  };
  const attrs: Claims = {};
  for (const [name, value] of Object.entries(c.attributes)) {
    // An attribute can never displace a claim that identifies the token.
    if (name === "sub" || name in fixed || GROUP_CLAIMS.has(name)) continue;
    // `identities` is a JSON string attribute and an array claim (docs/oauth.md#the-federated-user).
    if (name === "identities") {
      attrs[name] = identitiesClaim(value);
      continue;
    }
    attrs[name] = BOOLEAN_ATTRIBUTES.has(name) ? value === "true" : value;
  }
  const atHash: Claims = c.atHash !== undefined ? { at_hash: c.atHash } : {};
  return { ...atHash, sub: c.sub, ...groupClaim(c.groups), ...attrs, ...roleClaims(c), ...fixed };
}

function roleClaims(c: ClaimInputs): Claims {
  return {
    ...(c.preferredRole !== null ? { "cognito:preferred_role": c.preferredRole } : {}),
    ...(c.roles.length > 0 ? { "cognito:roles": [...c.roles] } : {}),
  };
}

function groupClaim(groups: string[]): Claims {
  return groups.length > 0 ? { "cognito:groups": [...groups] } : {};
}

/** Applies a trigger's changes; suppression wins over addition, protected claims are left alone [docs/triggers.md#pretokengeneration]. */
export function applyOverride(
  claims: Claims,
  override: ClaimOverride | undefined,
  kind: "id" | "access",
): Claims {
  if (!override) return claims;
  const fixed = (name: string) =>
    PROTECTED.has(name) || GROUP_CLAIMS.has(name) || (kind === "access" && PROTECTED_ACCESS.has(name));
  const out: Claims = { ...claims };
  for (const [name, value] of Object.entries(override.claimsToAddOrOverride ?? {})) {
    if (!fixed(name)) out[name] = value;
  }
  for (const name of override.claimsToSuppress ?? []) {
    if (!fixed(name)) delete out[name];
  }
  return out;
}

/**
 * The `identities` attribute is a JSON string of objects with boolean and number members; the ID
 * token carries it as an array whose members are all strings, as a real federated token shows
 * (docs/oauth.md#the-federated-user).
 */
function identitiesClaim(value: string): ClaimValue {
  try {
    const list = JSON.parse(value) as Record<string, unknown>[];
    if (!Array.isArray(list)) return value;
    return list.map((entry) =>
      Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, v === null ? null : String(v)])),
    );
  } catch {
    return value;
  }
}
