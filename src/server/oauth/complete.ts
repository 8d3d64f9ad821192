import { mintFor } from "../../domain/auth-flows/index.ts";
import { type AuthorizeRequest, redirectTo } from "../../domain/oauth/authorize.ts";
import { HOSTED_SESSION_TTL_MS, issueCode, startHostedSession } from "../../domain/oauth/grants.ts";
import type { UserRecord } from "../../storage/ports.ts";
import { type Call, hostedContext, SESSION_COOKIE } from "./call.ts";
import { cookie, redirect } from "./http.ts";

/**
 * The end of a successful sign-in: a code (code flow) or tokens in the fragment (implicit), back to
 * the redirect_uri with the state unchanged.
 */
export async function complete(
  call: Call,
  areq: AuthorizeRequest,
  user: UserRecord,
  authTime: number,
): Promise<void> {
  const state: Record<string, string> = areq.state !== undefined ? { state: areq.state } : {};
  const scope = areq.scopes.join(" ");
  if (areq.responseType === "code") {
    const code = await issueCode(
      call.services,
      call.pool.id,
      {
        clientId: areq.client.clientId,
        sub: user.sub,
        redirectUri: areq.redirectUri,
        scope,
        ...(areq.nonce !== undefined ? { nonce: areq.nonce } : {}),
        ...(areq.challenge ? { challenge: areq.challenge } : {}),
        authTime,
      },
      call.services.clock.now(),
    );
    return redirect(call.res, redirectTo(areq.redirectUri, { code, ...state }, false), call.setCookies);
  }
  const ctx = { ...hostedContext(call, areq.client), hosted: undefined };
  const r = await mintFor(ctx, user, "TokenGeneration_HostedAuth", undefined, {
    grant: { scope, ...(areq.nonce !== undefined ? { nonce: areq.nonce } : {}) },
  });
  // Implicit grant: no refresh token, `token_type=Bearer` (AWS "Authorize endpoint").
  const fragment: Record<string, string> = {
    ...(r.IdToken !== "" ? { id_token: r.IdToken } : {}),
    access_token: r.AccessToken,
    expires_in: String(r.ExpiresIn),
    token_type: "Bearer",
    ...state,
  };
  return redirect(call.res, redirectTo(areq.redirectUri, fragment, true), call.setCookies);
}

/** A user the pages signed in: the managed-login session cookie, then `complete`. */
export async function signedIn(call: Call, areq: AuthorizeRequest, user: UserRecord): Promise<void> {
  const now = call.services.clock.now();
  const secret = await startHostedSession(call.services, call.pool.id, { sub: user.sub, authTime: now }, now);
  call.setCookies.push(cookie(SESSION_COOKIE, secret, call.d.mount, HOSTED_SESSION_TTL_MS / 1000));
  return complete(call, areq, user, now);
}
