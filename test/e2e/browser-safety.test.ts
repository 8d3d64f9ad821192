/**
 * Browser-safe by default (docs/security.md#browsers-and-local-instances): a web page the developer
 * opens can call the public operations as browsers do on AWS, but can neither read an admin answer
 * nor run an admin operation on a keyless local server, nor read the development endpoints — not
 * cross-origin, and not through a rebound DNS name.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { StartRefused } from "../../src/server/admin-auth/exposure.ts";
import { createPool, poolWithClient } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { callRaw, send } from "../helpers/signed-call.ts";

let s: TestServer;
let poolId: string;
let clientId: string;

before(async () => {
  s = await startTestServer();
  const p = await poolWithClient(s);
  poolId = p.poolId;
  clientId = p.clientId;
});
after(() => s.stop());

const EVIL = "https://evil.example";
const acao = (r: { headers: Record<string, unknown> }) => r.headers["access-control-allow-origin"];

test("a preflight is answered with the allow headers (it names header names, not the operation)", async () => {
  const r = await send(new URL(s.url), "OPTIONS", "/", {
    host: new URL(s.url).host,
    origin: EVIL,
    "access-control-request-method": "POST",
    "access-control-request-headers": "content-type,x-amz-target,x-amz-user-agent",
  });
  assert.equal(r.status, 200);
  assert.equal(acao(r), "*");
  assert.match(String(r.headers["access-control-allow-headers"]), /X-Amz-Target/);
});

test("public operations' answers carry CORS; IAM operations' answers never do", async () => {
  const pub = await callRaw(s.url, "InitiateAuth", {
    ClientId: clientId,
    AuthFlow: "USER_PASSWORD_AUTH",
    AuthParameters: { USERNAME: "nobody", PASSWORD: "x" },
  });
  assert.equal(pub.status, 400);
  assert.equal(acao(pub), "*");
  const ok = await callRaw(s.url, "DescribeUserPool", { UserPoolId: poolId });
  assert.equal(ok.status, 200);
  assert.equal(acao(ok), undefined);
  assert.equal(ok.headers["access-control-expose-headers"], undefined);
  const refused = await callRaw(s.url, "DescribeUserPool", { UserPoolId: "us-east-1_Nope0000" });
  assert.equal(refused.json.__type, "ResourceNotFoundException");
  assert.equal(acao(refused), undefined);
});

test("without keys, an admin operation from a cross-site page or a rebound Host is refused", async () => {
  const denied = `User: anonymous is not authorized to perform: cognito-idp:ListUsers on resource: arn:aws:cognito-idp:us-east-1:000000000000:userpool/${poolId} because no identity-based policy allows the cognito-idp:ListUsers action`;
  const body = { UserPoolId: poolId };
  const refusedHeaders: Record<string, string>[] = [
    { origin: EVIL },
    { origin: "null" },
    { "sec-fetch-site": "cross-site" },
    { host: `rebound.evil.example:${new URL(s.url).port}` },
  ];
  for (const headers of refusedHeaders) {
    const r = await callRaw(s.url, "ListUsers", body, { headers });
    assert.equal(r.status, 400, JSON.stringify(headers));
    assert.deepEqual(r.json, { __type: "AccessDeniedException", message: denied }, JSON.stringify(headers));
    assert.equal(acao(r), undefined);
  }
  const admitted: Record<string, string>[] = [
    {},
    { origin: "http://localhost:3000" },
    { host: `localhost:${new URL(s.url).port}` },
  ];
  for (const headers of admitted) {
    const r = await callRaw(s.url, "ListUsers", body, { headers });
    assert.equal(r.status, 200, JSON.stringify(headers));
  }
});

test("/_hushpool/messages answers local callers only: Host on this machine, no cross-site Origin", async () => {
  const url = new URL(s.url);
  const path = `/_hushpool/messages?poolId=${poolId}`;
  const get = (headers: Record<string, string>) => send(url, "GET", path, { host: url.host, ...headers });
  const plain = await get({});
  assert.equal(plain.status, 200);
  assert.deepEqual(plain.json, { Messages: [] });
  const local = await get({ origin: "http://localhost:5173" });
  assert.equal(local.status, 200);
  assert.equal(acao(local), "http://localhost:5173");
  const refused: Record<string, string>[] = [
    { origin: EVIL },
    { origin: "null" },
    { host: `attacker.example:${url.port}` },
  ];
  for (const headers of refused) {
    const r = await get(headers);
    assert.equal(r.status, 403, JSON.stringify(headers));
    assert.match(String(r.json.message), /^Forbidden: development endpoints answer only/);
    assert.equal(acao(r), undefined);
  }
});

test("--dev-endpoints off removes them; auto leaves them off on a non-loopback --host", async () => {
  const off = await startTestServer({ devEndpoints: "off" });
  const r = await fetch(`${off.url}/_hushpool/messages?poolId=x`);
  assert.equal(r.status, 404);
  await off.stop();
  const open = await startTestServer({ host: "0.0.0.0", insecureAdmin: true });
  const port = new URL(open.url).port;
  const auto = await fetch(`http://127.0.0.1:${port}/_hushpool/messages?poolId=x`);
  assert.equal(auto.status, 404);
  await open.stop();
});

test("a non-loopback --host without admin keys refuses to start unless --insecure-admin", async () => {
  await assert.rejects(startTestServer({ host: "0.0.0.0" }), (e: unknown) => {
    assert.ok(e instanceof StartRefused);
    assert.match(e.message, /--host 0\.0\.0\.0 is reachable from other machines.*--insecure-admin/s);
    return true;
  });
  const keyed = await startTestServer({
    host: "0.0.0.0",
    adminAccessKeyId: "AKIAEXPOSED000000001",
    adminSecretAccessKey: "s",
  });
  const port = new URL(keyed.url).port;
  const unsigned = await callRaw(`http://127.0.0.1:${port}`, "ListUserPools", { MaxResults: 1 });
  assert.equal(unsigned.json.__type, "MissingAuthenticationTokenException");
  await keyed.stop();
});

test("--insecure-admin opens the admin plane to any peer and Host, but not to cross-site pages", async () => {
  const open = await startTestServer({ host: "0.0.0.0", insecureAdmin: true });
  const base = `http://127.0.0.1:${new URL(open.url).port}`;
  await createPool({ client: open.client });
  const anyHost = await callRaw(
    base,
    "ListUserPools",
    { MaxResults: 5 },
    { headers: { host: "hushpool.lan:9230" } },
  );
  assert.equal(anyHost.status, 200);
  const page = await callRaw(base, "ListUserPools", { MaxResults: 5 }, { headers: { origin: EVIL } });
  assert.equal(page.json.__type, "AccessDeniedException");
  await open.stop();
});
