import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { loadConfig } from "../../src/config/config.ts";
import { CognitoError } from "../../src/domain/errors/index.ts";
import {
  AWS_DEFAULT_LIMITS,
  CATEGORY_DEFAULT_RPS,
  categoryOf,
  OPERATION_CATEGORY,
  parseQuotaSetting,
  QUOTA_WINDOW_MS,
  QuotaGate,
} from "../../src/domain/quotas/index.ts";
import { operations } from "../../src/operations/registry.ts";
import { openStore } from "../../src/storage/open-store.ts";

test("every registered operation has exactly the categories table's entry, and nothing else does", () => {
  assert.deepEqual([...operations.keys()].sort(), Object.keys(OPERATION_CATEGORY).sort());
  for (const [op, category] of Object.entries(OPERATION_CATEGORY))
    assert.ok(category in CATEGORY_DEFAULT_RPS, `${op}: ${category}`);
});

test("AWS's default rates, and the challenge-response exceptions", () => {
  assert.equal(AWS_DEFAULT_LIMITS.UserAuthentication, 120);
  assert.equal(AWS_DEFAULT_LIMITS.UserCreation, 50);
  assert.equal(AWS_DEFAULT_LIMITS.UserAccountRecovery, 30);
  assert.equal(Object.keys(CATEGORY_DEFAULT_RPS).length, 17);
  assert.equal(categoryOf("ForgotPassword", {}), "UserAccountRecovery");
  assert.equal(categoryOf("ResendConfirmationCode", {}), "UserResourceRead");
  assert.equal(
    categoryOf("RespondToAuthChallenge", { ChallengeName: "PASSWORD_VERIFIER" }),
    "UserAuthentication",
  );
  assert.equal(
    categoryOf("AdminRespondToAuthChallenge", { ChallengeName: "NEW_PASSWORD_REQUIRED" }),
    "UserAccountRecovery",
  );
});

test("--quota: off, aws, CATEGORY=RPS and CATEGORY=off, left to right", () => {
  assert.deepEqual(parseQuotaSetting(""), AWS_DEFAULT_LIMITS);
  const off = parseQuotaSetting("off");
  assert.ok(Object.values(off).every((v) => v === null));
  const one = parseQuotaSetting("off, UserCreation=5");
  assert.equal(one.UserCreation, 5);
  assert.equal(one.UserAuthentication, null);
  const raised = parseQuotaSetting("UserAuthentication=500,UserList=off");
  assert.deepEqual([raised.UserAuthentication, raised.UserList, raised.UserRead], [500, null, 120]);
  assert.deepEqual(parseQuotaSetting("off,aws"), AWS_DEFAULT_LIMITS);
  for (const bad of ["UserCreaton=5", "UserCreation=0", "UserCreation=1.5", "UserCreation", "on", "a=b=c"])
    assert.throws(() => parseQuotaSetting(bad), /expected|whole number/, bad);
});

test("the --quota flag is repeatable, has an environment twin, and a typo stops the start", () => {
  const fromFlags = loadConfig(["--quota", "off", "--quota", "UserCreation=5"], {});
  assert.ok(fromFlags !== "help");
  assert.equal(fromFlags.quota, "off,UserCreation=5");
  const fromEnv = loadConfig([], { HUSHPOOL_QUOTA: "UserRead=7" });
  assert.ok(fromEnv !== "help");
  assert.equal(fromEnv.quota, "UserRead=7");
  assert.throws(() => loadConfig(["--quota", "UserReed=7"], {}), /--quota: "UserReed=7": expected/);
});

async function withGate(
  setting: string,
  body: (gate: QuotaGate, clock: { t: number }, poolId: string, clientId: string) => Promise<void>,
) {
  const dataDir = await mkdtemp(join(tmpdir(), "hushpool-quota-"));
  const store = await openStore({ dataDir });
  const clock = { t: 1_700_000_000_000 };
  try {
    const now = clock.t;
    await store.pools.create({
      id: "us-east-1_Quota1",
      name: "q",
      config: {},
      createdAt: now,
      modifiedAt: now,
    });
    await store.clients.create({
      clientId: "client1",
      poolId: "us-east-1_Quota1",
      config: {},
      secret: null,
      createdAt: now,
      modifiedAt: now,
    });
    const gate = new QuotaGate(parseQuotaSetting(setting), { store, clock: { now: () => clock.t } });
    await body(gate, clock, "us-east-1_Quota1", "client1");
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const throttled = (e: unknown) =>
  e instanceof CognitoError && e.type === "TooManyRequestsException" && e.message === "Rate exceeded";

test("the gate admits the rate per window and pool, then refuses; the next window starts afresh", async () => {
  await withGate("off,UserAccountRecovery=3", async (gate, clock, poolId, clientId) => {
    for (let i = 0; i < 3; i++) await gate.admit("ForgotPassword", { ClientId: clientId, Username: `u${i}` });
    await assert.rejects(
      gate.admit("ConfirmForgotPassword", { ClientId: clientId, Username: "x" }),
      throttled,
    );
    await assert.rejects(
      gate.admit("AdminSetUserPassword", { UserPoolId: poolId, Username: "y" }),
      throttled,
    );
    await gate.admit("SignUp", { ClientId: clientId }); // UserCreation: off
    clock.t += QUOTA_WINDOW_MS + 1;
    await gate.admit("ForgotPassword", { ClientId: clientId, Username: "again" });
  });
});

test("unknown pools, clients and token issuers share one budget; no pool named is another", async () => {
  await withGate("off,UserRead=2,UserPoolRead=1", async (gate) => {
    await gate.admit("AdminGetUser", { UserPoolId: "us-east-1_Nope1", Username: "a" });
    await gate.admit("GetUser", { AccessToken: "not-a-jwt" });
    await assert.rejects(
      gate.admit("AdminGetUser", { UserPoolId: "us-east-1_Nope2", Username: "b" }),
      throttled,
    );
    await gate.admit("ListUserPools", { MaxResults: 10 });
    await assert.rejects(gate.admit("ListUserPools", { MaxResults: 10 }), throttled);
  });
});

test("challenge responses have three times the allowance, then spill into UserAuthentication", async () => {
  await withGate("off,UserAuthentication=2", async (gate, _clock, _poolId, clientId) => {
    const respond = () =>
      gate.admit("RespondToAuthChallenge", { ClientId: clientId, ChallengeName: "SMS_MFA" });
    for (let i = 0; i < 6; i++) await respond();
    await respond(); // the 7th counts toward UserAuthentication (1 of 2)
    await gate.admit("InitiateAuth", { ClientId: clientId }); // 2 of 2
    await assert.rejects(respond(), throttled);
    await assert.rejects(gate.admit("InitiateAuth", { ClientId: clientId }), throttled);
  });
});
