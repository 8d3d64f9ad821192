import type { IncomingMessage, ServerResponse } from "node:http";
import { safeEqual } from "../../crypto/server-secrets.ts";
import { errors } from "../../domain/errors/index.ts";
import {
  AUTHORIZE_PARAMS,
  type AuthorizeRequest,
  checkAuthorize,
  isProblem,
  redirectTo,
} from "../../domain/oauth/authorize.ts";
import { clientConfig, openSecret } from "../../domain/pools/client.ts";
import { computeSecretHash } from "../../domain/pools/secret-hash.ts";
import { operations } from "../../operations/registry.ts";
import { signInContext } from "../../operations/sign-in-context.ts";
import { newRequestId } from "../../protocol/aws-json.ts";
import { validate } from "../../protocol/validation.ts";
import type { Services } from "../../services.ts";
import type { ClientRecord, PoolRecord } from "../../storage/ports.ts";
import { readForm, redirect, sendHtml } from "./http.ts";
import type { DomainRequest } from "./locate.ts";
import { errorPage, type PageFrame } from "./pages.ts";

/** One request to a user-pool domain, and what its routes share (docs/oauth.md). */

/** Cookie names as Cognito's hosted pages use them: the session, and the CSRF double-submit secret. */
export const SESSION_COOKIE = "cognito";
export const CSRF_COOKIE = "XSRF-TOKEN";

export interface Call {
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

/** The authorize parameters of a page request: the query (GET) or the form's hidden fields (POST). */
export function carried(source: (name: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of AUTHORIZE_PARAMS) {
    const v = source(k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export const fromQuery = (d: DomainRequest) => (name: string) => d.url.searchParams.get(name) ?? undefined;
export const fromForm = (form: Record<string, string>) => (name: string) => form[name];

export function frameOf(call: Call, areq: AuthorizeRequest, carry: Record<string, string>): PageFrame {
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
export async function authorizeRequest(
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

export interface PageForm {
  form: Record<string, string>;
  areq: AuthorizeRequest;
  frame: PageFrame;
}

/** Reads a page's form: body, CSRF, authorize parameters. Null when it answered already. */
export async function pageForm(call: Call): Promise<PageForm | null> {
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

/**
 * The sign-in context of the pages: the API's, marked `hosted` (docs/oauth.md#the-pages-use-the-apis-code),
 * for the operation the step stands for — InitiateAuth for the password, RespondToAuthChallenge for
 * every later step — so each step reads its own rows of the existence table and trigger sources.
 */
export function hostedContext(
  call: Call,
  client: ClientRecord,
  api: "InitiateAuth" | "RespondToAuthChallenge" = "InitiateAuth",
) {
  const found = { pool: call.pool, client };
  return { ...signInContext(call.services, api, found, undefined), hosted: true as const };
}

/** SECRET_HASH for a client with a secret: the pages hold the secret server-side, as Cognito's do. */
export function secretHashFor(
  services: Services,
  client: ClientRecord,
  username: string,
): Record<string, string> {
  const secret = openSecret(services.box, client);
  return secret === null ? {} : { SECRET_HASH: computeSecretHash(secret, username, client.clientId) };
}

/** Runs an API operation exactly as POST / would (validation, quotas, handler). */
export async function runOperation(
  call: Call,
  name: string,
  input: Record<string, unknown>,
): Promise<object> {
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
