import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { z } from "zod";
import { operations } from "../../src/operations/registry.ts";
import { createClient, createPool, createUser } from "../helpers/fixtures.ts";
import { rawCall, startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Every operation in the registry (so later ones are covered automatically) gets malformed and
 * hostile input. Each answer must be a 4xx with a Cognito-shaped body and headers, the server must
 * stay healthy, and nothing may be written.
 */
let s: TestServer;
let pool: string;
let clientId: string;

before(async () => {
  s = await startTestServer();
  pool = await createPool(s, { AliasAttributes: ["email"] });
  clientId = await createClient(s, pool);
  await createUser(s, pool, "resident", {
    UserAttributes: [
      { Name: "email", Value: "resident@example.com" },
      { Name: "email_verified", Value: "true" },
    ],
  });
});
after(() => s.stop());

type Reply = Awaited<ReturnType<typeof rawCall>>;

function assertCognitoError(r: Reply, what: string): void {
  assert.ok(r.status >= 400 && r.status < 500, `${what}: status ${r.status} ${JSON.stringify(r.json)}`);
  const type = r.json.__type;
  assert.equal(typeof type, "string", `${what}: __type`);
  assert.equal(typeof r.json.message, "string", `${what}: message`);
  assert.equal(r.headers.get("x-amzn-errortype"), `${type}:`, `${what}: x-amzn-ErrorType`);
  assert.match(r.headers.get("x-amzn-requestid") ?? "", /^[0-9a-f-]{36}$/, `${what}: x-amzn-RequestId`);
}

/** Everything an operation could have written, to prove that refused calls wrote nothing. */
async function snapshot(): Promise<string> {
  const { store } = s.app.services;
  const pools = await store.pools.list(1000);
  const parts: unknown[] = [];
  for (const p of pools) {
    const users = await store.users.list(p.id, { limit: 1000 });
    parts.push(p, await store.clients.list(p.id, 1000), users.users, await store.outbox.list(p.id));
  }
  return JSON.stringify(parts);
}

/** The zod kind of a member, through optional/nullable/default wrappers. */
function kindOf(schema: z.ZodType): string {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType } }).def;
  if ((def.type === "optional" || def.type === "nullable" || def.type === "default") && def.innerType) {
    return kindOf(def.innerType);
  }
  return def.type;
}

/** The declared maximum length of a string member, if any. */
function maxLengthOf(schema: z.ZodType): number | undefined {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType } }).def;
  if ((def.type === "optional" || def.type === "nullable" || def.type === "default") && def.innerType) {
    return maxLengthOf(def.innerType);
  }
  const max = (schema as unknown as { maxLength?: number | null }).maxLength;
  return typeof max === "number" ? max : undefined;
}

const WRONG: Record<string, unknown[]> = {
  string: [12345, true, { a: 1 }, ["x"]],
  enum: [7, false, ["x"]],
  number: ["12", true, [1], "Infinity", {}],
  boolean: ["true", 1, {}],
  array: ["x", { 0: "x" }, 3],
  object: ["x", [1, 2], 4],
  record: ["x", [1], 5],
};

function membersOf(name: string): Record<string, z.ZodType> {
  const input = operations.get(name)?.input as unknown as { shape?: Record<string, z.ZodType> } | undefined;
  return input?.shape ?? {};
}

/** A plausible base body: real pool/client ids and an unknown username. */
function baseFor(name: string): Record<string, unknown> {
  const members = membersOf(name);
  const base: Record<string, unknown> = {};
  if ("UserPoolId" in members) base.UserPoolId = pool;
  if ("ClientId" in members) base.ClientId = clientId;
  if ("Username" in members) base.Username = "hostile-nobody";
  return base;
}

test("the registry has operations to attack", () => {
  assert.ok(operations.size >= 20);
});

test("malformed JSON, non-object JSON and deep nesting are SerializationException for every operation", async () => {
  const before = await snapshot();
  const bodies = ["{", '{"UserPoolId":', "nope", "[]", '[{"UserPoolId":"x"}]', "null", "42", '"str"', "true"];
  bodies.push(`${"[".repeat(50_000)}${"]".repeat(50_000)}`);
  for (const name of operations.keys()) {
    for (const body of bodies) {
      const r = await rawCall(s.url, name, body);
      assertCognitoError(r, `${name} ${body.slice(0, 20)}`);
      assert.equal(r.json.__type, "SerializationException", `${name} ${body.slice(0, 20)}`);
    }
  }
  assert.equal(await snapshot(), before);
});

test("a wrong type in any member is InvalidParameterException naming that member", async () => {
  const before = await snapshot();
  let checked = 0;
  for (const name of operations.keys()) {
    for (const [member, schema] of Object.entries(membersOf(name))) {
      for (const wrong of WRONG[kindOf(schema)] ?? [[], 1]) {
        const r = await rawCall(s.url, name, JSON.stringify({ ...baseFor(name), [member]: wrong }));
        const what = `${name}.${member} = ${JSON.stringify(wrong)}`;
        assertCognitoError(r, what);
        assert.equal(r.json.__type, "InvalidParameterException", what);
        const path = `'${member.charAt(0).toLowerCase()}${member.slice(1)}`;
        assert.ok(String(r.json.message).includes(path), `${what}: ${r.json.message}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 100);
  assert.equal(await snapshot(), before);
});

test("over-long strings in any member are refused (or harmless) without a write", async () => {
  const before = await snapshot();
  for (const long of ["a".repeat(100_000), "💥".repeat(30_000)]) {
    for (const name of operations.keys()) {
      for (const [member, schema] of Object.entries(membersOf(name))) {
        const kind = kindOf(schema);
        if (kind !== "string" && kind !== "enum") continue;
        const r = await rawCall(s.url, name, JSON.stringify({ ...baseFor(name), [member]: long }));
        const what = `${name}.${member} = ${long.slice(0, 4)}…(${long.length})`;
        // Members with a length limit in the model must refuse; a few have none (e.g. RevokeToken's
        // Token, which answers like RFC 7009 for any token): those must still never fail or write.
        if (kind === "enum" || maxLengthOf(schema) !== undefined || r.status !== 200)
          assertCognitoError(r, what);
      }
    }
  }
  assert.equal(await snapshot(), before);
});

test("control characters, injection strings and prototype keys never cause a 5xx or a write", async () => {
  const before = await snapshot();
  // An unknown pool: values the model allows reach the handler and are refused there, so any 2xx
  // would be a write to a pool that does not exist.
  const ghost = { UserPoolId: "us-east-1_Ghost0000", ClientId: "ghostclient", Username: "ghost" };
  const hostile = [
    "\u0000",
    "x\u0000y",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\ud800",
    "%00%ff",
    "$" + "{jndi:x}",
    "<script>",
  ];
  for (const name of operations.keys()) {
    const members = membersOf(name);
    const base = Object.fromEntries(Object.entries(ghost).filter(([k]) => k in members));
    for (const [member, schema] of Object.entries(members)) {
      const kind = kindOf(schema);
      if (kind !== "string" && kind !== "enum") continue;
      for (const value of hostile) {
        const r = await rawCall(s.url, name, JSON.stringify({ ...base, [member]: value }));
        assertCognitoError(r, `${name}.${member} = ${JSON.stringify(value)}`);
      }
    }
    const proto = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"UserPoolId":"us-east-1_Ghost0000"}`;
    const r = await rawCall(s.url, name, proto);
    assertCognitoError(r, `${name} prototype keys`);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  }
  assert.equal(await snapshot(), before);
});

test("bodies over max-body-bytes get 413, with or without Content-Length", async () => {
  const limit = s.app.services.config.maxBodyBytes;
  const huge = JSON.stringify({ UserPoolId: pool, Username: "x", Filler: "a".repeat(limit + 10) });
  for (const name of operations.keys()) {
    const r = await rawCall(s.url, name, huge);
    assert.equal(r.status, 413, name);
    assertCognitoError(r, `${name} huge`);
  }
  // Chunked (no Content-Length): the limit applies while streaming.
  const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent > limit + chunk.length) controller.close();
      else {
        controller.enqueue(chunk);
        sent += chunk.length;
      }
    },
  });
  const res = await fetch(`${s.url}/`, {
    method: "POST",
    headers: { "X-Amz-Target": "AWSCognitoIdentityProviderService.ListUsers" },
    body: stream,
    duplex: "half",
  } as RequestInit);
  assert.equal(res.status, 413);
  assert.equal(((await res.json()) as { __type: string }).__type, "SerializationException");
});

test("unknown and missing targets are UnknownOperationException", async () => {
  for (const target of ["NoSuchOperation", "", "adminGetUser", "../AdminGetUser", "AdminGetUser.x"]) {
    const r = await rawCall(s.url, target, "{}");
    assertCognitoError(r, `target ${target}`);
    assert.equal(r.json.__type, "UnknownOperationException");
  }
  const none = await rawCall(s.url, null, JSON.stringify({ UserPoolId: pool }));
  assertCognitoError(none, "no target");
  assert.equal(none.json.__type, "UnknownOperationException");
  const otherService = await rawCall(s.url, null, "{}", { "X-Amz-Target": "DynamoDB_20120810.ListTables" });
  assert.equal(otherService.json.__type, "UnknownOperationException");
});

test("refused AdminCreateUser calls leave no user behind", async () => {
  const { store } = s.app.services;
  const count = await store.users.count(pool);
  const attempts: Record<string, unknown>[] = [
    { Username: "p1", TemporaryPassword: "short" },
    { Username: "p2", UserAttributes: [{ Name: "custom:nope", Value: "x" }] },
    { Username: "p3", UserAttributes: [{ Name: "email", Value: "bad" }] },
    { Username: "someone@example.com" },
    { Username: "resident" },
    {
      Username: "p4",
      UserAttributes: [
        { Name: "email", Value: "resident@example.com" },
        { Name: "email_verified", Value: "true" },
      ],
    },
    { Username: "p5", MessageAction: "RESEND" },
    { Username: "p6", UserAttributes: [{ Name: "sub", Value: "forged" }] },
    { Username: "p7", MessageAction: "SHOUT" },
    { Username: "p8", DesiredDeliveryMediums: ["PIGEON"] },
  ];
  for (const a of attempts) {
    const r = await rawCall(s.url, "AdminCreateUser", JSON.stringify({ UserPoolId: pool, ...a }));
    assertCognitoError(r, JSON.stringify(a));
  }
  assert.equal(await store.users.count(pool), count);
  const listed = await rawCall(s.url, "ListUsers", JSON.stringify({ UserPoolId: pool }));
  assert.equal((listed.json.Users as unknown[]).length, count);
});

test("the server is still healthy", async () => {
  const health = await fetch(`${s.url}/health`);
  assert.equal(health.status, 200);
  const d = await s.client.send(new DescribeUserPoolCommand({ UserPoolId: pool }));
  assert.equal(d.UserPool?.Id, pool);
});
