import assert from "node:assert/strict";
import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolDomainCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createPool, uniq } from "./fixtures.ts";
import type { TestServer } from "./server.ts";

/**
 * Managed-login helpers: a pool with a domain, a resource server and OAuth clients, and a tiny cookie
 * jar that walks the pages with fetch the way a browser without JavaScript does (docs/oauth.md).
 */
export interface HostedPool {
  poolId: string;
  domain: string;
  /** `<server>/oauth/<prefix>`. */
  base: string;
  issuer: string;
}

export const CALLBACK = "http://localhost:3000/callback";
export const LOGOUT = "http://localhost:3000/signed-out";

export async function hostedPool(s: TestServer, pool: Record<string, unknown> = {}): Promise<HostedPool> {
  const poolId = await createPool(s, pool);
  const domain = uniq("d")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  await s.client.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
  await s.client.send(
    new CreateResourceServerCommand({
      UserPoolId: poolId,
      Identifier: "orders",
      Name: "orders",
      Scopes: [
        { ScopeName: "read", ScopeDescription: "Read" },
        { ScopeName: "write", ScopeDescription: "Write" },
      ],
    }),
  );
  return { poolId, domain, base: `${s.url}/oauth/${domain}`, issuer: `${s.url}/${poolId}` };
}

export async function oauthClient(
  s: TestServer,
  poolId: string,
  over: Partial<CreateUserPoolClientCommandInput> = {},
): Promise<{ clientId: string; secret?: string }> {
  const out = await s.client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "web",
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
      CallbackURLs: [CALLBACK],
      LogoutURLs: [LOGOUT],
      SupportedIdentityProviders: ["COGNITO"],
      ...over,
    }),
  );
  assert.ok(out.UserPoolClient?.ClientId);
  return {
    clientId: out.UserPoolClient.ClientId,
    ...(out.UserPoolClient.ClientSecret ? { secret: out.UserPoolClient.ClientSecret } : {}),
  };
}

/** A browser without JavaScript: keeps cookies, never follows redirects by itself. */
export class Browser {
  private jar = new Map<string, string>();

  async get(url: string): Promise<Response> {
    return this.send(url, { method: "GET" });
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { Cookie: cookie } : {}) },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair?.indexOf("=") ?? -1;
      if (pair && i > 0) {
        const v = pair.slice(i + 1);
        if (/Max-Age=0/.test(c)) this.jar.delete(pair.slice(0, i));
        else this.jar.set(pair.slice(0, i), v);
      }
    }
    return res;
  }
}

/** The form of a page: its action and every named input's value (hidden ones included). */
export function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? "";
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input ([^>]*)>/g)) {
    const attrs = m[1] ?? "";
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    if (!name) continue;
    fields[name] = unescapeHtml(/value="([^"]*)"/.exec(attrs)?.[1] ?? "");
  }
  return { action: unescapeHtml(action), fields };
}

const unescapeHtml = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Follows authorize → /login, signs in on the page, and returns the redirect to the callback. */
export async function signInOnPage(
  browser: Browser,
  origin: string,
  authorizeUrl: string,
  username: string,
  password: string,
): Promise<{ location: string; status: number; html: string }> {
  const a = await browser.get(authorizeUrl);
  assert.equal(a.status, 302, "authorize redirects");
  const loginUrl = new URL(a.headers.get("location") ?? "", origin).toString();
  if (!loginUrl.includes("/login")) return { location: loginUrl, status: 302, html: "" };
  const page = await browser.get(loginUrl);
  assert.equal(page.status, 200);
  const { action, fields } = formOf(await page.text());
  const res = await browser.post(new URL(action, origin).toString(), { ...fields, username, password });
  return {
    location: res.headers.get("location") ?? "",
    status: res.status,
    html: res.status === 302 ? "" : await res.text(),
  };
}
