import type { IncomingMessage, ServerResponse } from "node:http";
import { safeEqual } from "../../crypto/server-secrets.ts";
import {
  type AuthOutcome,
  hostedSignIn,
  mintFor,
  respondToChallenge,
} from "../../domain/auth-flows/index.ts";
import { CognitoError, errors } from "../../domain/errors/index.ts";
import {
  AUTHORIZE_PARAMS,
  type AuthorizeRequest,
  checkAuthorize,
  isProblem,
  redirectTo,
} from "../../domain/oauth/authorize.ts";
import { getDomain } from "../../domain/oauth/domains.ts";
import {
  endHostedSession,
  HOSTED_SESSION_TTL_MS,
  issueCode,
  readHostedSession,
  startHostedSession,
} from "../../domain/oauth/grants.ts";
import { OAuthError, revokeGrant, tokenGrant, userInfo } from "../../domain/oauth/token-endpoint.ts";
import { clientConfig, openSecret } from "../../domain/pools/client.ts";
import { computeSecretHash } from "../../domain/pools/secret-hash.ts";
import { operations } from "../../operations/registry.ts";
import { signInContext } from "../../operations/sign-in-context.ts";
import { ClientAborted, newRequestId } from "../../protocol/aws-json.ts";
import { validate } from "../../protocol/validation.ts";
import type { Services } from "../../services.ts";
import type { ClientRecord, PoolRecord, UserRecord } from "../../storage/ports.ts";
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
  newPasswordPage,
  type PageFrame,
  pageLink,
  resetPage,
  signedOutPage,
  signUpPage,
} from "./pages.ts";

/** Cookie names as Cognito's hosted pages use them: the session, and the CSRF double-submit secret. */
export const SESSION_COOKIE = "cognito";
const CSRF_COOKIE = "XSRF-TOKEN";

interface Call {
  req: IncomingMessage;
  res: ServerResponse;
  services: Services;
  d: DomainRequest;
  pool: PoolRecord;
  jar: Record<string, string>;
  /** Cookies to set on the answer (the CSRF cookie when the browser had none). */
  setCookies: string[];
  csrfSecret: string;
}

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
      res.writeHead(204, {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, POST",
        "Access-Control-Allow-Headers": "Authorization, Content-Type",
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

/** The authorize parameters of a page request: the query (GET) or the form's hidden fields (POST). */
function carried(source: (name: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of AUTHORIZE_PARAMS) {
    const v = source(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

const fromQuery = (d: DomainRequest) => (name: string) => d.url.searchParams.get(name) ?? undefined;
const fromForm = (form: Record<string, string>) => (name: string) => form[name];

function frameOf(call: Call, areq: AuthorizeRequest, carry: Record<string, string>): PageFrame {
  return {
    poolName: call.pool.name,
    clientName: clientConfig(areq.client).ClientName,
    mount: call.d.mount,
    carry,
    csrf: call.services.secrets.macHex("oauth-csrf", call.csrfSecret),
  };
}

/** The double-submit check of every form: the hidden token must be the MAC of this browser's CSRF cookie. */
function csrfOk(call: Call, form: Record<string, string>): boolean {
  const cookieValue = call.jar[CSRF_COOKIE];
  if (!cookieValue) return false;
  return safeEqual(call.services.secrets.macHex("oauth-csrf", cookieValue), form._csrf ?? "");
}

/** Checks the authorize parameters; answers the error page or error redirect itself and returns null then. */
async function authorizeRequest(
  call: Call,
  source: (n: string) => string | undefined,
): Promise<AuthorizeRequest | null> {
  const r = await checkAuthorize(call.services.store, call.pool, source);
  if (!isProblem(r)) return r;
  if (r.kind === "page") {
    const detail =
      r.reason === "client"
        ? "The client is not known to this user pool."
        : "The redirect_uri is not registered for this client.";
    sendHtml(call.res, 400, errorPage(detail), call.setCookies);
  } else {
    redirect(
      call.res,
      redirectTo(
        r.redirectUri,
        { error: r.error, ...(r.state !== undefined ? { state: r.state } : {}) },
        r.fragment,
      ),
    );
  }
  return null;
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

/** Reads a page's form: body, CSRF, authorize parameters. Null when it answered already. */
async function pageForm(
  call: Call,
): Promise<{ form: Record<string, string>; areq: AuthorizeRequest; frame: PageFrame } | null> {
  const form = await readForm(call.req, call.services.config.maxBodyBytes);
  if (!csrfOk(call, form)) {
    sendHtml(
      call.res,
      403,
      errorPage("The form expired. Go back, reload the page and try again."),
      call.setCookies,
    );
    return null;
  }
  const areq = await authorizeRequest(call, fromForm(form));
  if (!areq) return null;
  return { form, areq, frame: frameOf(call, areq, carried(fromForm(form))) };
}

function hostedContext(call: Call, client: ClientRecord) {
  const found = { pool: call.pool, client };
  return { ...signInContext(call.services, "InitiateAuth", found, undefined), hosted: true as const };
}

/** SECRET_HASH for a client with a secret: the pages hold the secret server-side, as Cognito's do. */
function withSecretHash(
  services: Services,
  client: ClientRecord,
  username: string,
  params: Record<string, string>,
): Record<string, string> {
  const secret = openSecret(services.box, client);
  return secret === null
    ? params
    : { ...params, SECRET_HASH: computeSecretHash(secret, username, client.clientId) };
}

async function postLogin(call: Call): Promise<void> {
  const got = await pageForm(call);
  if (!got) return;
  const { form, areq, frame } = got;
  const username = form.username ?? "";
  const ctx = hostedContext(call, areq.client);
  let outcome: AuthOutcome;
  try {
    outcome = await hostedSignIn(
      ctx,
      withSecretHash(call.services, areq.client, username, {
        USERNAME: username,
        PASSWORD: form.password ?? "",
      }),
    );
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    return sendHtml(call.res, 400, loginPage(frame, { error: e.message }), call.setCookies);
  }
  return afterSignIn(call, areq, frame, outcome, username);
}

async function afterSignIn(
  call: Call,
  areq: AuthorizeRequest,
  frame: PageFrame,
  outcome: AuthOutcome,
  username: string,
): Promise<void> {
  if (outcome.kind === "signed-in") {
    const now = call.services.clock.now();
    const secret = await startHostedSession(
      call.services,
      call.pool.id,
      { sub: outcome.user.sub, authTime: now },
      now,
    );
    call.setCookies.push(cookie(SESSION_COOKIE, secret, call.d.mount, HOSTED_SESSION_TTL_MS / 1000));
    return complete(call, areq, outcome.user, now);
  }
  if (outcome.kind === "challenge" && outcome.name === "NEW_PASSWORD_REQUIRED" && outcome.session)
    return sendHtml(
      call.res,
      200,
      newPasswordPage(frame, { session: outcome.session, username }),
      call.setCookies,
    );
  // Custom challenges and MFA have no managed page here (docs/oauth.md#pages).
  return sendHtml(
    call.res,
    400,
    loginPage(frame, { error: "This account needs a sign-in step that these pages do not offer." }),
    call.setCookies,
  );
}

async function postNewPassword(call: Call): Promise<void> {
  const got = await pageForm(call);
  if (!got) return;
  const { form, areq, frame } = got;
  const username = form.username ?? "";
  const ctx = hostedContext(call, areq.client);
  try {
    const outcome = await respondToChallenge(
      ctx,
      "NEW_PASSWORD_REQUIRED",
      withSecretHash(call.services, areq.client, username, {
        USERNAME: username,
        NEW_PASSWORD: form.new_password ?? "",
      }),
      form.session,
    );
    return await afterSignIn(call, areq, frame, outcome, username);
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
    return sendHtml(
      call.res,
      400,
      newPasswordPage(frame, { error: e.message, session: form.session ?? "", username }),
      call.setCookies,
    );
  }
}

/** Runs an API operation exactly as POST / would (validation, quotas, handler). */
async function runOperation(call: Call, name: string, input: Record<string, unknown>): Promise<object> {
  const op = operations.get(name);
  if (!op) throw errors.unknownOperation();
  const valid = validate(op.input, input);
  await call.services.quotas.admit(name, valid);
  const requestId = newRequestId();
  return op.handle(valid, call.services, {
    requestId,
    log: call.services.log.child({ requestId }),
    remoteAddress: call.req.socket.remoteAddress ?? "",
  });
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

/**
 * The end of a successful sign-in: a code (code flow) or tokens in the fragment (implicit), back to
 * the redirect_uri with the state unchanged.
 */
async function complete(
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
