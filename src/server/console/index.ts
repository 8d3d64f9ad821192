import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../../config/config.ts";
import { CognitoError } from "../../domain/errors/index.ts";
import { ClientAborted, readBody } from "../../protocol/aws-json.ts";
import type { Services } from "../../services.ts";
import type { RecentInvocations } from "../../triggers/recent.ts";
import type { AdminKey } from "../admin-auth/keys.ts";
import { hostIsLocal, isCrossSite, peerIsLoopback } from "../admin-auth/local-caller.ts";
import { CSS, JS } from "./assets.ts";
import { callOperation, type Principal } from "./call.ts";
import { clientRoutes } from "./clients.ts";
import type { Ctx, PageRoute, Reply } from "./context.ts";
import { type ActivitySource, dashboardRoute } from "./dashboard.ts";
import { groupRoutes } from "./groups.ts";
import { type Html, html } from "./html.ts";
import { page } from "./layout.ts";
import { messageRoutes } from "./messages.ts";
import { poolRoutes } from "./pools.ts";
import {
  COOKIE,
  cookieHeader,
  equalText,
  IDLE_MS,
  PRE_COOKIE,
  RENEW_MS,
  readCookie,
  type Session,
  SessionCodec,
  sameOrigin,
} from "./session.ts";
import { FormError } from "./shared.ts";
import { refusalPage, signInPage } from "./sign-in.ts";
import { triggerRoutes } from "./triggers.ts";
import { userRoutes } from "./user.ts";
import { userListRoutes } from "./users.ts";

/**
 * The web console at /console (docs/console.md): server-rendered pages over the admin operations.
 * Admission follows the admin plane (docs/security.md#who-may-call-what): with admin keys, a
 * signed-in session of one of them, from anywhere; without keys, local callers only, exactly where
 * the unsigned admin plane answers. Every POST carries the session's CSRF token and must come from
 * this console's own origin.
 */
export interface Console {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface ConsoleOptions {
  keys: readonly AdminKey[];
  devEndpoints: boolean;
  recent: RecentInvocations;
  activity?: ActivitySource;
}

/** Only this console's own style sheet and script; no framing, no form posts elsewhere. */
const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  // Not no-referrer: with it, Chromium sends `Origin: null` on the console's own form posts.
  "Referrer-Policy": "same-origin",
  "Cache-Control": "no-store",
};

export const isConsolePath = (url: string | undefined): boolean => /^\/console(?:[/?#]|$)/.test(url ?? "");

export function createConsole(services: Services, opts: ConsoleOptions): Console {
  const codec = new SessionCodec(services.secrets, new Map(opts.keys.map((k) => [k.accessKeyId, k])));
  const routes: PageRoute[] = [
    dashboardRoute(opts.activity ?? (async () => null)),
    ...poolRoutes,
    ...clientRoutes,
    ...userListRoutes,
    ...userRoutes,
    ...groupRoutes,
    ...triggerRoutes,
    ...messageRoutes,
  ];
  const config: Config = services.config;
  const now = () => services.clock.now();

  function send(
    res: ServerResponse,
    status: number,
    body: Html | string,
    headers: Record<string, string | string[]> = {},
  ) {
    const text = String(body);
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": Buffer.byteLength(text),
      ...headers,
    });
    res.end(res.req.method === "HEAD" ? undefined : text);
  }
  const redirect = (res: ServerResponse, to: string, cookies: string[] = []) => {
    res.writeHead(303, { ...SECURITY_HEADERS, Location: to, "Content-Length": 0, "Set-Cookie": cookies });
    res.end();
  };
  const asset = (res: ServerResponse, type: string, text: string) => {
    res.writeHead(200, {
      "Content-Type": `${type}; charset=utf-8`,
      "Content-Length": Buffer.byteLength(text),
      "Cache-Control": "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
    });
    res.end(res.req.method === "HEAD" ? undefined : text);
  };

  async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
    return new URLSearchParams((await readBody(req, config.maxBodyBytes)).toString("utf8"));
  }

  /** The keyless console answers where the unsigned admin plane does (src/server/admin-auth/guard.ts). */
  const localAllowed = (req: IncomingMessage) =>
    (config.insecureAdmin || (peerIsLoopback(req) && hostIsLocal(req))) && !isCrossSite(req);

  async function signIn(req: IncomingMessage, res: ServerResponse, method: string) {
    if (!codec.keyed) return redirect(res, "/console");
    if (method === "GET") {
      const pre = randomBytes(18).toString("base64url");
      return send(res, 200, signInPage(pre), { "Set-Cookie": cookieHeader(req, PRE_COOKIE, pre, 3600) });
    }
    const form = await readForm(req);
    const pre = readCookie(req, PRE_COOKIE);
    if (!sameOrigin(req) || !pre || !equalText(pre, form.get("_csrf") ?? ""))
      return send(
        res,
        403,
        refusalPage(
          "Refused",
          "This sign-in did not come from this console's own page. Reload the sign-in page and try again.",
        ),
      );
    const key = codec.verifyKey(form.get("accessKeyId") ?? "", form.get("secretAccessKey") ?? "");
    if (!key) {
      services.log.warn({ remoteAddress: req.socket.remoteAddress }, "console sign-in refused");
      const fresh = randomBytes(18).toString("base64url");
      return send(res, 401, signInPage(fresh, "Unknown access key or wrong secret."), {
        "Set-Cookie": cookieHeader(req, PRE_COOKIE, fresh, 3600),
      });
    }
    services.log.info({ console: key.accessKeyId }, "console sign-in");
    const session = codec.issue(key.accessKeyId, now());
    redirect(res, "/console", [
      cookieHeader(req, COOKIE, codec.encode(session), Math.floor(IDLE_MS / 1000)),
      cookieHeader(req, PRE_COOKIE, "", 0),
    ]);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/console", "http://localhost");
    const method =
      req.method === "POST" ? "POST" : req.method === "GET" || req.method === "HEAD" ? "GET" : null;
    if (method === null)
      return send(res, 405, refusalPage("Method not allowed", "The console answers GET and POST."));
    if (method === "GET" && url.pathname === "/console/assets/console.css")
      return asset(res, "text/css", CSS);
    if (method === "GET" && url.pathname === "/console/assets/console.js")
      return asset(res, "text/javascript", JS);

    if (!codec.keyed && !localAllowed(req))
      return send(
        res,
        403,
        refusalPage(
          "Forbidden",
          "Without admin keys the console answers only on this machine (a loopback address, Host naming this machine, no cross-site Origin). Configure --admin-credentials to use it from elsewhere.",
        ),
      );
    if (url.pathname === "/console/sign-in") return signIn(req, res, method);

    const t = now();
    let session: Session | null = codec.decode(readCookie(req, COOKIE), t);
    const cookies: string[] = [];
    if (!session) {
      if (codec.keyed) {
        if (method === "POST") req.resume();
        return redirect(res, "/console/sign-in", [cookieHeader(req, COOKIE, "", 0)]);
      }
      session = codec.issue("", t);
      cookies.push(cookieHeader(req, COOKIE, codec.encode(session), Math.floor(IDLE_MS / 1000)));
    } else if (t - session.seen > RENEW_MS) {
      // Sliding idle expiry: a session in use is re-issued at most once a minute.
      session = { ...session, seen: t };
      cookies.push(cookieHeader(req, COOKIE, codec.encode(session), Math.floor(IDLE_MS / 1000)));
    }

    let form = new URLSearchParams();
    if (method === "POST") {
      form = await readForm(req);
      // CSRF: the session's token in the form, and the browser's Origin naming this console.
      if (!sameOrigin(req) || !codec.checkCsrf(session, form.get("_csrf")))
        return send(
          res,
          403,
          refusalPage(
            "Refused",
            "This form did not come from this console's own page (CSRF check). Reload the page and try again.",
          ),
          { "Set-Cookie": cookies },
        );
      if (url.pathname === "/console/sign-out") {
        services.log.info({ console: session.keyId || "local" }, "console sign-out");
        return redirect(res, codec.keyed ? "/console/sign-in" : "/console", [
          cookieHeader(req, COOKIE, "", 0),
        ]);
      }
    }

    const who: Principal = { key: codec.key(session.keyId), remoteAddress: req.socket.remoteAddress ?? "" };
    const ctx: Ctx = {
      services,
      req,
      url,
      session,
      csrf: codec.csrfToken(session),
      who,
      keyed: codec.keyed,
      devEndpoints: opts.devEndpoints,
      recent: opts.recent,
      form,
      call: (name, input) => callOperation(services, who, name, input),
    };
    for (const route of routes) {
      if (route.method !== method) continue;
      const m = route.path.exec(url.pathname);
      if (!m) continue;
      let reply: Reply;
      try {
        reply = await route.handle(ctx, m);
      } catch (e) {
        if (e instanceof CognitoError || e instanceof FormError) {
          const what = e instanceof CognitoError ? `${e.type}: ${e.message}` : e.message;
          const back = route.back ? route.back(m) : "/console";
          const status = e instanceof CognitoError && e.status < 500 ? e.status : 400;
          return send(
            res,
            status,
            page(ctx, "The operation was refused", html`<p><a href="${back}">Back</a></p>`, { error: what }),
            { "Set-Cookie": cookies },
          );
        }
        throw e;
      }
      if ("redirect" in reply) return redirect(res, reply.redirect, cookies);
      return send(res, reply.status ?? 200, reply.body, { "Set-Cookie": cookies });
    }
    send(
      res,
      404,
      page(ctx, "Not found", html`<p>No such console page. <a href="/console">Dashboard</a></p>`),
      {
        "Set-Cookie": cookies,
      },
    );
  }

  return {
    async handle(req, res) {
      try {
        await handle(req, res);
      } catch (e) {
        if (e instanceof ClientAborted) return;
        if (e instanceof CognitoError && e.status === 413) {
          if (!res.headersSent)
            send(res, 413, refusalPage("Too large", "The form was larger than the server accepts."));
          return;
        }
        services.log.error({ err: e }, "console: internal error");
        if (!res.headersSent)
          send(
            res,
            500,
            refusalPage("Internal error", "The console failed; the server log has the details."),
          );
      }
    },
  };
}
