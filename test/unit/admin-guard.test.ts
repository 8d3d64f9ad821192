/**
 * The pieces of src/server/admin-auth/ on their own: the key file, the local-caller facts, the
 * keyless guard for a non-loopback peer (which an end-to-end test on one machine cannot produce),
 * and the configuration of the new options.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { CognitoError } from "../../src/domain/errors/index.ts";
import { StartRefused } from "../../src/server/admin-auth/exposure.ts";
import { createAdminGuard } from "../../src/server/admin-auth/guard.ts";
import { loadAdminKeys } from "../../src/server/admin-auth/keys.ts";
import { isCrossSite, isLocalName, isLoopbackAddress } from "../../src/server/admin-auth/local-caller.ts";
import { devEndpointsEnabled } from "../../src/server/dev-routes.ts";
import { testConfig } from "../helpers/test-config.ts";

const dir = mkdtempSync(join(tmpdir(), "hushpool-keyfile-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const none = { adminCredentials: "", adminAccessKeyId: "", adminSecretAccessKey: "" };

function keyFile(content: unknown): string {
  const file = join(dir, `k${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const fakeReq = (remoteAddress: string, headers: Record<string, string>): IncomingMessage =>
  ({ socket: { remoteAddress }, headers, method: "POST", url: "/" }) as unknown as IncomingMessage;

test("the key file: a list of {accessKeyId, secretAccessKey, pools}; pools is '*' or pool ids", () => {
  const file = keyFile([
    { accessKeyId: "AKIA1", secretAccessKey: "s1", pools: "*" },
    { accessKeyId: "AKIA2", secretAccessKey: "s2", pools: ["us-east-1_A", "us-east-1_B"] },
  ]);
  const keys = loadAdminKeys({ ...none, adminCredentials: file });
  assert.equal(keys[0]?.pools, "*");
  assert.deepEqual(keys[1]?.pools, new Set(["us-east-1_A", "us-east-1_B"]));
  assert.deepEqual(loadAdminKeys(none), []);
});

test("a key file that cannot be used stops the start with a message naming the option", () => {
  const bad = [
    keyFile("not json"),
    keyFile({ accessKeyId: "A", secretAccessKey: "s", pools: "*" }),
    keyFile([{ accessKeyId: "A", secretAccessKey: "", pools: "*" }]),
    keyFile([{ accessKeyId: "A/B", secretAccessKey: "s", pools: "*" }]),
    keyFile([{ accessKeyId: "A", secretAccessKey: "s", pools: [] }]),
    keyFile([
      { accessKeyId: "A", secretAccessKey: "s", pools: "*" },
      { accessKeyId: "A", secretAccessKey: "t", pools: "*" },
    ]),
    join(dir, "missing.json"),
  ];
  for (const file of bad)
    assert.throws(() => loadAdminKeys({ ...none, adminCredentials: file }), StartRefused, file);
  assert.throws(() => loadAdminKeys({ ...none, adminAccessKeyId: "AKIA" }), /must be set together/);
});

test("loopback addresses, local names, cross-site origins", () => {
  for (const a of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "[::1]"])
    assert.ok(isLoopbackAddress(a), a);
  for (const a of ["0.0.0.0", "::", "10.0.0.1", "::ffff:10.0.0.1", "128.0.0.1", ""])
    assert.ok(!isLoopbackAddress(a), a);
  for (const h of ["localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "::1"])
    assert.ok(isLocalName(h), h);
  for (const h of ["0.0.0.0", "evil.example", "localhost.evil.example", "127.0.0.1.nip.io"])
    assert.ok(!isLocalName(h), h);
  const cross = (headers: Record<string, string>) => isCrossSite(fakeReq("127.0.0.1", headers));
  assert.equal(cross({}), false);
  assert.equal(cross({ origin: "http://localhost:3000" }), false);
  assert.equal(cross({ origin: "http://[::1]:8080" }), false);
  assert.equal(cross({ origin: "https://evil.example" }), true);
  assert.equal(cross({ origin: "null" }), true);
  assert.equal(cross({ "sec-fetch-site": "cross-site" }), true);
});

test("without keys, a peer off this machine is refused even with a local Host", async () => {
  const guard = createAdminGuard({ region: "us-east-1", insecureAdmin: false }, []);
  const body = Buffer.from(JSON.stringify({ UserPoolId: "us-east-1_P" }));
  await assert.rejects(
    guard.admit(fakeReq("10.1.2.3", { host: "127.0.0.1:9230" }), body, "AdminGetUser"),
    (e) => {
      assert.ok(e instanceof CognitoError);
      assert.equal(e.type, "AccessDeniedException");
      assert.match(
        e.message,
        /^User: anonymous is not authorized to perform: cognito-idp:AdminGetUser on resource: arn:aws:cognito-idp:us-east-1:000000000000:userpool\/us-east-1_P /,
      );
      return true;
    },
  );
  await guard.admit(fakeReq("127.0.0.1", { host: "127.0.0.1:9230" }), body, "AdminGetUser");
  const open = createAdminGuard({ region: "us-east-1", insecureAdmin: true }, []);
  await open.admit(fakeReq("10.1.2.3", { host: "hushpool.lan" }), body, "AdminGetUser");
});

test("the options: defaults, flags, environment twins", () => {
  const c = testConfig({});
  assert.equal(c.insecureAdmin, false);
  assert.equal(c.devEndpoints, "auto");
  assert.equal(c.requestTimeoutMs, 30_000);
  assert.equal(devEndpointsEnabled({ devEndpoints: "auto", host: "127.0.0.1" }), true);
  assert.equal(devEndpointsEnabled({ devEndpoints: "auto", host: "localhost" }), true);
  assert.equal(devEndpointsEnabled({ devEndpoints: "auto", host: "0.0.0.0" }), false);
  assert.equal(devEndpointsEnabled({ devEndpoints: "on", host: "0.0.0.0" }), true);
  assert.equal(devEndpointsEnabled({ devEndpoints: "off", host: "127.0.0.1" }), false);
});

test("--insecure-admin is a bare flag; its environment twin takes true/false/1/0", async () => {
  const { loadConfig } = await import("../../src/config/config.ts");
  const flag = loadConfig(["--insecure-admin"], {});
  const env = loadConfig([], { HUSHPOOL_INSECURE_ADMIN: "1", HUSHPOOL_REQUEST_TIMEOUT_MS: "500" });
  const off = loadConfig([], { HUSHPOOL_INSECURE_ADMIN: "false" });
  assert.ok(flag !== "help" && env !== "help" && off !== "help");
  assert.equal(flag.insecureAdmin, true);
  assert.equal(env.insecureAdmin, true);
  assert.equal(env.requestTimeoutMs, 500);
  assert.equal(off.insecureAdmin, false);
  assert.throws(() => loadConfig([], { HUSHPOOL_INSECURE_ADMIN: "maybe" }), /--insecureAdmin/);
  assert.throws(() => loadConfig(["--dev-endpoints", "sometimes"], {}), /--devEndpoints/);
});
