/**
 * OAuth endpoints (docs/performance.md#oauth): client_credentials tokens per second, and the
 * authorization-code round trip (authorize with a live managed-login session → code → token
 * exchange with PKCE) beside password sign-ins (InitiateAuth USER_PASSWORD_AUTH), on one server
 * started in this process (so client and server share the CPU; compare the rows, not the absolutes).
 *
 *   npx tsx bench/oauth.ts [--seconds 5] [--concurrency 8]
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startApp } from "../src/app.ts";
import { testConfig } from "../test/helpers/test-config.ts";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "5" }, concurrency: { type: "string", default: "8" } },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const CALLBACK = "http://localhost:3000/callback";
const PASSWORD = "Bench-Passw0rd!";
const dataDir = mkdtempSync(join(tmpdir(), "hushpool-bench-oauth-"));

async function api(url: string, op: string, body: unknown): Promise<Record<string, unknown>> {
  const r = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": `AWSCognitoIdentityProviderService.${op}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await r.json()) as Record<string, unknown>;
  if (r.status !== 200) throw new Error(`${op}: ${JSON.stringify(json)}`);
  return json;
}

const form = (o: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(o).toString(),
});

/** Runs `one` from `concurrency` workers for `seconds`; returns per-call latencies in ms. */
async function load(one: () => Promise<void>): Promise<number[]> {
  const end = performance.now() + seconds * 1000;
  const lat: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await one();
        lat.push(performance.now() - t);
      }
    }),
  );
  return lat;
}

function row(name: string, lat: number[]): string {
  const sorted = [...lat].sort((a, b) => a - b);
  const q = (p: number) =>
    (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(1);
  return `${name.padEnd(40)} ${(lat.length / seconds).toFixed(0).padStart(7)}/s   p50 ${q(0.5).padStart(6)} ms   p99 ${q(0.99).padStart(6)} ms`;
}

const app = await startApp(testConfig({ data: dataDir, quota: "off", logLevel: "silent" }));
try {
  const url = app.url;
  const poolId = ((await api(url, "CreateUserPool", { PoolName: "bench" })).UserPool as { Id: string }).Id;
  await api(url, "CreateUserPoolDomain", { UserPoolId: poolId, Domain: "bench" });
  await api(url, "CreateResourceServer", {
    UserPoolId: poolId,
    Identifier: "api",
    Name: "api",
    Scopes: [{ ScopeName: "read", ScopeDescription: "read" }],
  });
  const m2m = (
    await api(url, "CreateUserPoolClient", {
      UserPoolId: poolId,
      ClientName: "m2m",
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["client_credentials"],
      AllowedOAuthScopes: ["api/read"],
    })
  ).UserPoolClient as { ClientId: string; ClientSecret: string };
  const web = (
    await api(url, "CreateUserPoolClient", {
      UserPoolId: poolId,
      ClientName: "web",
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ["code"],
      AllowedOAuthScopes: ["openid", "email"],
      CallbackURLs: [CALLBACK],
    })
  ).UserPoolClient as { ClientId: string };
  await api(url, "AdminCreateUser", { UserPoolId: poolId, Username: "ada", MessageAction: "SUPPRESS" });
  await api(url, "AdminSetUserPassword", {
    UserPoolId: poolId,
    Username: "ada",
    Password: PASSWORD,
    Permanent: true,
  });
  const base = `${url}/oauth/bench`;

  // A managed-login session cookie, as a browser has after signing in once.
  const page = await fetch(
    `${base}/login?${new URLSearchParams({ response_type: "code", client_id: web.ClientId, redirect_uri: CALLBACK })}`,
  );
  const csrfCookie = (page.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  const html = await page.text();
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1],
      (m[2] ?? "").replace(/&amp;/g, "&"),
    ]),
  );
  const login = await fetch(`${base}/login`, {
    ...form({ ...fields, username: "ada", password: PASSWORD }),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    redirect: "manual",
  });
  const session =
    login.headers
      .getSetCookie()
      .find((c) => c.startsWith("cognito="))
      ?.split(";")[0] ?? "";
  if (!session) throw new Error("no managed-login session");

  const basic = `Basic ${Buffer.from(`${m2m.ClientId}:${m2m.ClientSecret}`).toString("base64")}`;
  const cc = await load(async () => {
    const r = await fetch(`${base}/oauth2/token`, {
      ...form({ grant_type: "client_credentials" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: basic },
    });
    if (r.status !== 200) throw new Error(`client_credentials ${r.status}`);
    await r.arrayBuffer();
  });

  const code = await load(async () => {
    const verifier = randomBytes(48).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const q = new URLSearchParams({
      response_type: "code",
      client_id: web.ClientId,
      redirect_uri: CALLBACK,
      scope: "openid email",
      code_challenge: challenge,
      code_challenge_method: "S256",
      state: "s",
    });
    const a = await fetch(`${base}/oauth2/authorize?${q}`, {
      redirect: "manual",
      headers: { Cookie: session },
    });
    const c = new URL(a.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const t = await fetch(
      `${base}/oauth2/token`,
      form({
        grant_type: "authorization_code",
        client_id: web.ClientId,
        code: c,
        redirect_uri: CALLBACK,
        code_verifier: verifier,
      }),
    );
    if (t.status !== 200) throw new Error(`code exchange ${t.status}`);
    await t.arrayBuffer();
  });

  const pw = await load(async () => {
    await api(url, "InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: web.ClientId,
      AuthParameters: { USERNAME: "ada", PASSWORD },
    });
  });

  console.log(
    `hushpool OAuth endpoints, ${seconds} s per row, ${concurrency} concurrent, SQLite, one node (in-process)`,
  );
  console.log(row("client_credentials token", cc));
  console.log(row("authorization code round trip (PKCE)", code));
  console.log(row("password sign-in (USER_PASSWORD_AUTH)", pw));
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
