import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Config } from "../../src/config/config.ts";
import { operations } from "../../src/operations/registry.ts";
import { createUser, poolWithClient } from "../helpers/fixtures.ts";
import { nulProbes } from "../helpers/nul-probes.ts";
import { freshSchema, POSTGRES_URL, postgresUnavailable } from "../helpers/postgres.ts";
import { rawCall, startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * docs/errors.md#validation-errors: U+0000 is allowed by Cognito's model but cannot be stored in
 * PostgreSQL text, so every operation refuses it at the edge, in every string it would read — map
 * keys and values, list elements, nested members, the ListUsers filter — with InvalidParameterException,
 * identically on SQLite and on PostgreSQL, and never a 500 or a write. The pattern of
 * ./hostile-input.test.ts (iterate the registry), run on both stores.
 */
const unavailable = await postgresUnavailable();
if (unavailable) test(unavailable, { skip: true }, () => {});
const schema = unavailable ? undefined : await freshSchema(POSTGRES_URL);
const stores: { name: string; overrides: Partial<Config> }[] = [
  { name: "SQLite", overrides: {} },
  ...(schema ? [{ name: "PostgreSQL", overrides: { databaseUrl: schema.url } }] : []),
];

const N = "a\u0000b";

/** Requests that pass validation once the NUL is replaced, so without the edge check they reach the store. */
function realistic(poolId: string, clientId: string, tag: string): [string, Record<string, unknown>][] {
  const password = "Passw0rd!";
  return [
    [
      "InitiateAuth",
      {
        ClientId: clientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: N, PASSWORD: password },
      },
    ],
    [
      "AdminInitiateAuth",
      {
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: N, PASSWORD: password },
      },
    ],
    [
      "InitiateAuth",
      { ClientId: clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: N } },
    ],
    [
      "AdminCreateUser",
      { UserPoolId: poolId, Username: `${tag}-create`, UserAttributes: [{ Name: "name", Value: N }] },
    ],
    [
      "SignUp",
      {
        ClientId: clientId,
        Username: `${tag}-signup`,
        Password: password,
        UserAttributes: [{ Name: "name", Value: N }],
      },
    ],
    [
      "AdminUpdateUserAttributes",
      { UserPoolId: poolId, Username: "resident", UserAttributes: [{ Name: "name", Value: N }] },
    ],
    ["ListUsers", { UserPoolId: poolId, Filter: `username = "${N}"` }],
    ["ListUsers", { UserPoolId: poolId, Filter: `email ^= "${N}"` }],
    ["ForgotPassword", { ClientId: clientId, Username: "resident", ClientMetadata: { key: N } }],
  ];
}

const clean = (body: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(body).replaceAll("\\u0000", "x")) as Record<string, unknown>;

for (const store of stores) {
  describe(store.name, () => {
    let s: TestServer;
    let poolId: string;
    let clientId: string;

    before(async () => {
      s = await startTestServer(store.overrides);
      ({ poolId, clientId } = await poolWithClient(s, { pool: { AutoVerifiedAttributes: ["email"] } }));
      await createUser(s, poolId, "resident", {
        UserAttributes: [
          { Name: "email", Value: "resident@example.com" },
          { Name: "email_verified", Value: "true" },
        ],
      });
    });
    after(() => s.stop());

    /** Everything an operation could have written. */
    async function snapshot(): Promise<string> {
      const { store: st } = s.app.services;
      const parts: unknown[] = [];
      for (const p of await st.pools.list(1000)) {
        const users = await st.users.list(p.id, { limit: 1000 });
        parts.push(p, await st.clients.list(p.id, 1000), users.users, await st.outbox.list(p.id));
      }
      return JSON.stringify(parts);
    }

    test("U+0000 anywhere in any operation's input is InvalidParameterException naming the member", async () => {
      const before = await snapshot();
      const base = { UserPoolId: poolId, ClientId: clientId, Username: "resident" };
      let sent = 0;
      for (const [name, op] of operations) {
        const shape = (op.input as unknown as { shape: Record<string, unknown> }).shape;
        const own = Object.fromEntries(Object.entries(base).filter(([k]) => k in shape));
        for (const { member, value } of nulProbes(op.input)) {
          const r = await rawCall(s.url, name, JSON.stringify({ ...own, [member]: value }));
          const what = `${name}.${member} = ${JSON.stringify(value)}: ${r.status} ${JSON.stringify(r.json)}`;
          assert.equal(r.status, 400, what);
          assert.equal(r.json.__type, "InvalidParameterException", what);
          assert.match(String(r.json.message), /must not contain the NUL character \(U\+0000\)/, what);
          assert.ok(!String(r.json.message).includes("\u0000"), `${what}: the value is not echoed`);
          sent++;
        }
      }
      assert.ok(sent > 300, `${sent} probes`);
      assert.equal(await snapshot(), before);
    });

    test("requests valid but for a NUL get 400, never 500; without the NUL they pass validation", async () => {
      const cases = realistic(poolId, clientId, store.name.toLowerCase());
      const before = await snapshot();
      for (const [name, body] of cases) {
        const r = await rawCall(s.url, name, JSON.stringify(body));
        const what = `${name} ${JSON.stringify(body)}: ${r.status} ${JSON.stringify(r.json)}`;
        assert.equal(r.status, 400, what);
        assert.equal(r.json.__type, "InvalidParameterException", what);
        assert.match(
          String(r.json.message),
          /^1 validation error detected: Value at '.+' failed to satisfy constraint: Member must not contain the NUL character \(U\+0000\)$/,
          what,
        );
      }
      assert.equal(await snapshot(), before);
      for (const [name, body] of cases) {
        const r = await rawCall(s.url, name, JSON.stringify(clean(body)));
        const what = `${name} without NUL: ${r.status} ${JSON.stringify(r.json)}`;
        assert.ok(r.status < 500, what);
        assert.doesNotMatch(String(r.json.message ?? ""), /validation error/, what);
      }
      const health = await fetch(`${s.url}/health`);
      assert.equal(health.status, 200);
    });
  });
}

after(() => schema?.drop());
