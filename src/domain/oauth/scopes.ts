/**
 * OAuth scopes (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html):
 * the OpenID Connect scopes, Cognito's own, and custom `<resource server>/<scope>` ones.
 */
export const OIDC_SCOPES = ["openid", "email", "phone", "profile"] as const;
export const ADMIN_SCOPE = "aws.cognito.signin.user.admin";
export const STANDARD_SCOPES: ReadonlySet<string> = new Set([...OIDC_SCOPES, ADMIN_SCOPE]);

export const isCustomScope = (s: string): boolean => !STANDARD_SCOPES.has(s);

/** A scope parameter split on spaces, duplicates dropped. */
export function splitScopes(text: string | null | undefined): string[] {
  return [...new Set((text ?? "").split(" ").filter((s) => s.length > 0))];
}

/**
 * The scopes a user-facing flow grants: the requested ones the client allows (unknown ones are
 * ignored, as Cognito does), all of the client's when none was requested; `email`, `phone` and
 * `profile` only come with `openid` (AWS "Authorize endpoint").
 */
export function grantedScopes(requested: string[], allowed: readonly string[]): string[] {
  const ask = requested.length > 0 ? requested : [...allowed];
  const granted = ask.filter((s) => allowed.includes(s));
  if (!granted.includes("openid"))
    return granted.filter((s) => s !== "email" && s !== "phone" && s !== "profile");
  return granted;
}
