import assert from "node:assert/strict";
import { test } from "node:test";
import { ServerSecrets } from "../../src/crypto/server-secrets.ts";
import {
  channelMedia,
  codeDeliveryDetails,
  decoySubject,
  nameMac,
  planDelivery,
  simulatedDelivery,
} from "../../src/domain/codes/delivery.ts";
import {
  fabricatedEmailMask,
  fabricatedPhoneMask,
  maskEmail,
  maskPhone,
} from "../../src/domain/codes/mask.ts";
import type { PoolRecord, UserRecord } from "../../src/storage/ports.ts";

/** Masking (docs/existence.md#masks), media choice (docs/operations.md#forgotpassword, docs/existence.md#simulated-codedeliverydetails) and simulated answers that are pure functions of (pool, name, seed). */

const secrets = new ServerSecrets(Buffer.alloc(32, 7));
const otherSeed = new ServerSecrets(Buffer.alloc(32, 8));

function pool(config: Record<string, unknown>, id = "us-east-1_TestPool1"): PoolRecord {
  return { id, name: "p", config: { SchemaAttributes: [], ...config }, createdAt: 0, modifiedAt: 0 };
}
function user(attributes: Record<string, string>): UserRecord {
  return {
    poolId: "us-east-1_TestPool1",
    sub: "00000000-0000-4000-8000-000000000000",
    username: "someone",
    usernameKey: "someone",
    aliases: {},
    status: "CONFIRMED",
    enabled: true,
    attributes,
    credential: null,
    credentialSetAt: null,
    meta: {},
    createdAt: 0,
    modifiedAt: 0,
    version: 0,
  };
}

test("masks: x***@y*** without the TLD, +*…*1234 with one star per hidden digit", () => {
  assert.equal(maskEmail("sam@gmail.com"), "s***@g***");
  assert.equal(maskEmail("jane@example.com"), "j***@e***");
  // Lower-cased, as fabricated masks are: a stored capital would mark a real user's answer.
  assert.equal(maskEmail("Jane@Example.com"), "j***@e***");
  assert.equal(maskPhone("+12065551234"), "+*******1234");
  assert.equal(maskPhone("+919876540276"), "+********0276");
  assert.equal(maskPhone("+5511987654516"), "+*********4516");
});

test("fabricated masks have the real formats and lengths", () => {
  for (let i = 0; i < 50; i++) {
    const mac = nameMac(secrets, pool({}), `name${i}`);
    assert.match(fabricatedEmailMask(mac), /^[a-z]\*\*\*@[a-z]\*\*\*$/);
    assert.match(fabricatedPhoneMask(mac), /^\+\*{7}\d{4}$/);
    assert.equal(fabricatedEmailMask(mac).length, maskEmail("ab@cd.ef").length);
    assert.equal(fabricatedPhoneMask(mac).length, maskPhone("+12065551234").length);
  }
});

test("media: recovery by AccountRecoverySetting priority or the legacy order; sign-up by AutoVerifiedAttributes", () => {
  assert.deepEqual(channelMedia(pool({}), "recovery"), ["SMS", "EMAIL"]);
  const byPriority = pool({
    AccountRecoverySetting: {
      RecoveryMechanisms: [
        { Name: "verified_phone_number", Priority: 2 },
        { Name: "verified_email", Priority: 1 },
      ],
    },
  });
  assert.deepEqual(channelMedia(byPriority, "recovery"), ["EMAIL", "SMS"]);
  assert.deepEqual(channelMedia(pool({ AutoVerifiedAttributes: ["email", "phone_number"] }), "sign-up"), [
    "SMS",
    "EMAIL",
  ]);
  assert.deepEqual(channelMedia(pool({}), "sign-up"), []);
});

test("simulated delivery: the input's shape when the channel allows it, else the first medium, fabricated", () => {
  const emailOnly = pool({ AutoVerifiedAttributes: ["email"] });
  const mac = nameMac(secrets, emailOnly, "x");
  assert.deepEqual(simulatedDelivery(emailOnly, "recovery", "bob@example.org", mac), {
    AttributeName: "email",
    DeliveryMedium: "EMAIL",
    Destination: "b***@e***",
  });
  // Legacy recovery narrowed to what the pool verifies: a phone-shaped name still gets an email.
  assert.equal(simulatedDelivery(emailOnly, "recovery", "+12065550100", mac).DeliveryMedium, "EMAIL");
  assert.deepEqual(simulatedDelivery(pool({}), "recovery", "+12065550100", mac), {
    AttributeName: "phone_number",
    DeliveryMedium: "SMS",
    Destination: "+*******0100",
  });
  // A pool that verifies nothing: the legacy order (phone first), never an error.
  assert.equal(simulatedDelivery(pool({}), "recovery", "plainname", mac).DeliveryMedium, "SMS");
});

test("plans are deterministic per (seed, pool, name) and differ with the seed", () => {
  const p = pool({ AutoVerifiedAttributes: ["email"] });
  const a = planDelivery(secrets, p, "recovery", "ghost", null, "cognito");
  assert.deepEqual(planDelivery(secrets, p, "recovery", "ghost", null, "cognito"), a);
  assert.deepEqual(
    planDelivery(secrets, p, "sign-up", "ghost", null, "cognito").masked,
    a.masked,
    "same answer from every operation",
  );
  assert.notDeepEqual(nameMac(otherSeed, p, "ghost"), nameMac(secrets, p, "ghost"));
  assert.notDeepEqual(
    nameMac(secrets, pool({}, "us-east-1_OtherPool"), "ghost"),
    nameMac(secrets, p, "ghost"),
  );
});

test("a real user's masked answer is their own contact; real deliveries need a verified one for recovery", () => {
  const p = pool({ AutoVerifiedAttributes: ["email"] });
  const unverified = planDelivery(
    secrets,
    p,
    "recovery",
    "someone",
    user({ email: "una@example.com" }),
    "cognito",
  );
  assert.equal(unverified.real, null);
  assert.equal(unverified.masked.Destination, "u***@e***");
  const verified = planDelivery(
    secrets,
    p,
    "recovery",
    "someone",
    user({ email: "vic@example.com", email_verified: "true" }),
    "cognito",
  );
  assert.deepEqual(verified.real, { attribute: "email", medium: "EMAIL", address: "vic@example.com" });
  assert.ok(
    planDelivery(secrets, p, "sign-up", "someone", user({ email: "una@example.com" }), "cognito").real,
  );
});

test("strict: every answer is the typed name's simulated delivery; the code still goes to the real target", () => {
  const p = pool({ AutoVerifiedAttributes: ["email"] });
  const real = user({ email: "Vic@Example.com", email_verified: "true", phone_number: "+12065550100" });
  const unknown = planDelivery(secrets, p, "recovery", "someone", null, "strict");
  const known = planDelivery(secrets, p, "recovery", "someone", real, "strict");
  assert.deepEqual(known.shown, unknown.masked);
  assert.deepEqual(known.masked, unknown.masked);
  assert.deepEqual(known.real, { attribute: "email", medium: "EMAIL", address: "Vic@Example.com" });
  const unverified = planDelivery(secrets, p, "recovery", "someone", user({ email: "u@x.org" }), "strict");
  assert.deepEqual(unverified.masked, unknown.masked);
  assert.equal(unverified.shown, null);
  // cognito: the real target, masked.
  assert.deepEqual(
    planDelivery(secrets, p, "recovery", "someone", real, "cognito").shown?.Destination,
    "v***@e***",
  );
});

test("decoy subjects are 36 characters, per name for recovery and 256 shared slots for sign-up", () => {
  const mac = nameMac(secrets, pool({}), "ghost");
  assert.equal(decoySubject(mac, "recovery").length, 36);
  assert.equal(decoySubject(mac, "sign-up").length, 36);
  const slots = new Set(
    Array.from({ length: 2000 }, (_, i) => decoySubject(nameMac(secrets, pool({}), `n${i}`), "sign-up")),
  );
  assert.ok(slots.size <= 256);
});

test("CodeDeliveryDetails keys are always in the same order", () => {
  const out = codeDeliveryDetails({
    Destination: "x***@y***",
    DeliveryMedium: "EMAIL",
    AttributeName: "email",
  } as never);
  assert.deepEqual(Object.keys(out.CodeDeliveryDetails), ["AttributeName", "DeliveryMedium", "Destination"]);
});
