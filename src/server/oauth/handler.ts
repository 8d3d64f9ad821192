import type { IncomingMessage, ServerResponse } from "node:http";
import { CognitoError, errors } from "../../domain/errors/index.ts";
import { getDomain } from "../../domain/oauth/domains.ts";
import { endHostedSession, readHostedSession } from "../../domain/oauth/grants.ts";
import { OAuthError, revokeGrant, tokenGrant, userInfo } from "../../domain/oauth/token-endpoint.ts";
import { clientConfig, openSecret } from "../../domain/pools/client.ts";
import { computeSecretHash } from "../../domain/pools/secret-hash.ts";
import { ClientAborted, newRequestId } from "../../protocol/aws-json.ts";
import type { Services } from "../../services.ts";
import type { ClientRecord } from "../../storage/ports.ts";
import {
  authorizeRequest,
  type Call,
  CSRF_COOKIE,
  carried,
  frameOf,
  fromForm,
  fromQuery,
  hostedContext,
  pageForm,
  runOperation,
  SESSION_COOKIE,
} from "./call.ts";
import { complete } from "./complete.ts";
import { beginFederation, finishFederation } from "./federation.ts";
import {
  basicCredentials,
  bearer,
  cookie,
  cookies,
  newCookieValue,
  readForm,
  redirect,
  sendHtml,
  sendOAuthJson,
} from "./http.ts";
import type { DomainRequest } from "./locate.ts";
import {
  confirmPage,
  errorPage,
  forgotPage,
  loginPage,
  pageLink,
  resetPage,
  signedOutPage,
  signUpPage,
} from "./pages.ts";
import { postChallenge, postLogin, postNewPassword } from "./sign-in-steps.ts";

export { SESSION_COOKIE } from "./call.ts";

/**
 * The routes of a user-pool domain (docs/oauth.md): the OAuth 2.0 endpoints and the managed-login
 * pages. The pages call the same code the API does — the sign-in flow of domain/auth-flows in a
 * `hosted` context, and the SignUp, ConfirmSignUp, ForgotPassword and ConfirmForgotPassword
 * operations themselves — so the existence answers, lockout, triggers and quotas are the API's.
 */
export async function handleDomainRequest(
  req: IncomingMessage,
  res: ServerResponse,
  services: Services,
  d: DomainRequest,
): Promise<void> {
  try {
    const domain = await getDomain(services.store, d.prefix);
    const pool = domain ? await services.store.pools.get(domain.poolId) : null;
    if (req.method === "OPTIONS") {
      // Browser apps call the token, userInfo and revoke endpoints cross-origin; Amplify's token
      // request carries `x-amz-user-agent`, so the preflight must allow it (docs/oauth.md#amplify).
      res.writeHead(204, {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, POST",
        "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Amz-User-Agent",
        "Access-Control-Max-Age": "600",
        "Content-Length": 0,
      });
      res.end();
      return;
    }
    if (!pool) return sendHtml(res, 404, errorPage("There is no user pool domain at this address."));
    const jar = cookies(req);
    const setCookies: string[] = [];
    let csrfSecret = jar[CSRF_COOKIE] ?? "";
    if (!/^[\w-]{32}$/.test(csrfSecret)) {
      csrfSecret = newCookieValue();
      setCookies.push(cookie(CSRF_COOKIE, csrfSecret, d.mount, 3600));
    }
    const call: Call = { req, res, services, d, pool, jar, setCookies, csrfSecret };
    const route = `${req.method === "POST" ? "POST" : "GET"} ${d.path}`;
    switch (route) {
      case "GET /oauth2/authorize":
        return await authorize(call);
      case "GET /login":
        return await showPage(call, "login");
      case "POST /login":
        return await postLogin(call);
      case "POST /login/new-password":
        return await postNewPassword(call);
      case "POST /login/challenge":
        return await postChallenge(call);
      case "GET /signup":
        return await showPage(call, "signup");
      case "POST /signup":
        return await postSignUp(call);
      case "GET /confirmUser":
        return await showPage(call, "confirm");
      case "POST /confirmUser":
        return await postConfirm(call);
      case "GET /forgotPassword":
        return await showPage(call, "forgot");
      case "POST /forgotPassword":
        return await postForgot(call);
      case "GET /confirmForgotPassword":
        return await showPage(call, "reset");
      case "POST /confirmForgotPassword":
        return await postReset(call);
      case "POST /oauth2/token":
        return await token(call);
      case "GET /oauth2/userInfo":
      case "POST /oauth2/userInfo":
        return await info(call);
      case "POST /oauth2/revoke":
        return await revoke(call);
      case "GET /logout":
        return await logout(call);
      case "GET /oauth2/idpresponse":
        return await finishFederation(call.services, pool, d, req, res, (areq, user, authTime) =>
          complete(call, areq, user, authTime),
        );
      default:
        return sendHtml(res, 404, errorPage("This page does not exist."));
    }
  } catch (e) {
    if (e instanceof ClientAborted) return;
    if (e instanceof OAuthError) return sendOAuthJson(res, e.status, { error: e.error });
    if (e instanceof CognitoError && e.status === 413) return sendHtml(res, 413, errorPage(e.message));
    services.log.error({ err: e, requestId: newRequestId() }, "internal error on a user pool domain");
    if (!res.headersSent) sendHtml(res, 500, errorPage(errors.internal().message));
  }
}

async function authorize(call: Call): Promise<void> {
  const areq = await authorizeRequest(call, fromQuery(call.d));
  if (!areq) return;
  if (areq.provider) return beginFederation(call.services, call.pool, call.d, areq, call.res);
  const session = await readHostedSession(
    call.services,
    call.pool.id,
    call.jar[SESSION_COOKIE],
    call.services.clock.now(),
  );
  if (session) {
    const user = await call.services.store.users.findBySub(call.pool.id, session.sub);
    if (user?.enabled) return complete(call, areq, user, session.authTime);
  }
  redirect(
    call.res,
    pageLink({ mount: call.d.mount, carry: carried(fromQuery(call.d)) }, "/login"),
    call.setCookies,
  );
}

type PageName = "login" | "signup" | "confirm" | "forgot" | "reset";
const PAGES = {
  login: loginPage,
  signup: signUpPage,
  confirm: confirmPage,
  forgot: forgotPage,
  reset: resetPage,
};

async function showPage(
  call: Call,
  page: PageName,
  form?: Record<string, string>,
  p: { error?: string; notice?: string } = {},
  status = 200,
): Promise<void> {
  const source = form ? fromForm(form) : fromQuery(call.d);
  const areq = await authorizeRequest(call, source);
  if (!areq) return;
  const carry = carried(source);
  sendHtml(call.res, status, PAGES[page](frameOf(call, areq, carry), p), call.setCookies);
}

function withHash(call: Call, client: ClientRecord, username: string): Record<string, string> {
  const secret = openSecret(call.services.box, client);
  return secret === null ? {} : { SecretHash: computeSecretHash(secret, username, client.clientId) };
}

async function postSignUp(call: Call): Promise<void> {
  const got = await pageForm(call);
  if (!got) return;
  const { form, areq, frame } = got;
  const username = form.username ?? "";
  try {
    const attrs = form.email ? [{ Name: "email", Value: form.email }] : [];
    const out = (await runOperation(call, "SignUp", {
      ClientId: areq.client.clientId,
      Username: username,
      Password: form.password ?? "",
      UserAttributes: attrs,
      ...withHash(call, areq.client, username),
    })) as { UserConfirmed?: boolean };
    if (out.UserConfirmed)
      return sendHtml(
        call.res,
        200,
        loginPage(frame, { notice: "Your account is ready. Sign in." }),
        call.setCookies,
      );
    return sendHtml(
      call.res,
      200,
      confirmPage(frame, { notice: "We sent you a code. Enter it to confirm your account." }),
      call.setCookies,
    );
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    return sendHtml(call.res, 400, signUpPage(frame, { error: e.message }), call.setCookies);
  }
}

async function postConfirm(call: Call): Promise<void> {
  const got = await pageForm(call);
  if (!got) return;
  const { form, areq, frame } = got;
  const username = form.username ?? "";
  try {
    await runOperation(call, "ConfirmSignUp", {
      ClientId: areq.client.clientId,
      Username: username,
      ConfirmationCode: form.code ?? "",
      ...withHash(call, areq.client, username),
    });
    return sendHtml(
      call.res,
      200,
      loginPage(frame, { notice: "Your account is confirmed. Sign in." }),
      call.setCookies,
    );
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    return sendHtml(call.res, 400, confirmPage(frame, { error: e.message }), call.setCookies);
  }
}

/**
 * The forgot-password page answers every name alike: whatever ForgotPassword answered (a code sent,
 * a simulated answer, or a refusal that names the user's state), the next page is the same
 * (docs/oauth.md#existence).
 */
async function postForgot(call: Call): Promise<void> {
  const got = await pageForm(call);
  if (!got) return;
  const { form, areq, frame } = got;
  const username = form.username ?? "";
  try {
    await runOperation(call, "ForgotPassword", {
      ClientId: areq.client.clientId,
      Username: username,
      ...withHash(call, areq.client, username),
    });
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
  }
  return sendHtml(
    call.res,
    200,
    resetPage(frame, { notice: "If the name belongs to an account, we sent a code to its contact." }),
    call.setCookies,
  );
}

async function postReset(call: Call): Promise<void> {
  const got = await pageForm(call);
  if (!got) return;
  const { form, areq, frame } = got;
  const username = form.username ?? "";
  try {
    await runOperation(call, "ConfirmForgotPassword", {
      ClientId: areq.client.clientId,
      Username: username,
      ConfirmationCode: form.code ?? "",
      Password: form.password ?? "",
      ...withHash(call, areq.client, username),
    });
    return sendHtml(
      call.res,
      200,
      loginPage(frame, { notice: "Your password is changed. Sign in." }),
      call.setCookies,
    );
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    return sendHtml(call.res, 400, resetPage(frame, { error: e.message }), call.setCookies);
  }
}

async function token(call: Call): Promise<void> {
  const form = await readForm(call.req, call.services.config.maxBodyBytes);
  const basic = basicCredentials(call.req);
  if (basic === "bad") throw new OAuthError("invalid_client", 401);
  const answer = await tokenGrant(
    call.services,
    call.pool,
    { form, ...(basic ? { basic } : {}) },
    (client) => ({
      ...hostedContext(call, client),
      hosted: undefined,
    }),
  );
  sendOAuthJson(call.res, 200, answer);
}

async function info(call: Call): Promise<void> {
  let t = bearer(call.req);
  if (!t && call.req.method === "POST")
    t = (await readForm(call.req, call.services.config.maxBodyBytes)).access_token;
  const out = await userInfo(call.services, call.pool, t);
  if ("status" in out && "header" in out && typeof out.status === "number") {
    const r = out as { status: number; header: string; body?: Record<string, string> };
    return sendOAuthJson(
      call.res,
      r.status,
      r.body ?? { error: r.status === 401 ? "invalid_token" : "invalid_request" },
      {
        "WWW-Authenticate": `Bearer ${r.header}`,
      },
    );
  }
  sendOAuthJson(call.res, 200, out);
}

async function revoke(call: Call): Promise<void> {
  const form = await readForm(call.req, call.services.config.maxBodyBytes);
  const basic = basicCredentials(call.req);
  if (basic === "bad") throw new OAuthError("invalid_client", 401);
  await revokeGrant(call.services, call.pool, { form, ...(basic ? { basic } : {}) });
  call.res.writeHead(200, {
    "Access-Control-Allow-Origin": "*",
    "Cache-Control": "no-store",
    "Content-Length": 0,
  });
  call.res.end();
}

/**
 * `/logout` (https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html): ends the
 * managed-login session, then goes to `logout_uri` (one of the client's LogoutURLs) or, with
 * `redirect_uri` and `response_type`, back to the sign-in page. It does not revoke refresh tokens.
 */
async function logout(call: Call): Promise<void> {
  const q = call.d.url.searchParams;
  const client = await call.services.store.clients.get(call.pool.id, q.get("client_id") ?? "");
  if (!client) return sendHtml(call.res, 400, errorPage("The client is not known to this user pool."));
  const config = clientConfig(client);
  const logoutUri = q.get("logout_uri");
  const clear = cookie(SESSION_COOKIE, "", call.d.mount, 0);
  await endHostedSession(call.services, call.jar[SESSION_COOKIE], call.services.clock.now());
  if (logoutUri !== null) {
    if (!(config.LogoutURLs ?? []).includes(logoutUri))
      return sendHtml(call.res, 400, errorPage("The logout_uri is not registered for this client."), [clear]);
    return redirect(call.res, logoutUri, [clear]);
  }
  if (q.get("redirect_uri") !== null && q.get("response_type") !== null)
    return redirect(
      call.res,
      pageLink({ mount: call.d.mount, carry: carried(fromQuery(call.d)) }, "/login"),
      [clear],
    );
  return sendHtml(call.res, 200, signedOutPage(null), [clear]);
}
