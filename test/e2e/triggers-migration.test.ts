import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import {
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Mode } from "../../src/domain/existence/index.ts";
import {
  arn,
  captureWarnings,
  createClient,
  createPool,
  eventsOf,
  expectCognitoError,
  expectOk,
  functionsDir,
  lastCode,
  MODES,
  onlyEvent,
  outbox,
  type SeenEvent,
  serverWithStub,
  settle,
  storedUser,
  uniq,
} from "../helpers/fixtures.ts";
import type { LambdaStub } from "../helpers/lambda-stub.ts";
import type { TestServer } from "../helpers/server.ts";
import { startTestServer } from "../helpers/server.ts";

/**
 * The seeds' UserMigration cases (docs/triggers.md#usermigration, docs/existence.md#legacy-and-enabled-at-a-glance; re:Post "PreventUserExistenceErrors setting with
 * UserMigration Lambda in Go"), each for sign-in (USER_PASSWORD_AUTH) and ForgotPassword, in LEGACY and
 * ENABLED, through the Invoke API stand-in; then the worked example of docs/triggers.md with in-process
 * handlers.
 */
let s: TestServer;
let stub: LambdaStub;
let stop: () => Promise<void>;
let poolId: string;
const clients = {} as Record<Mode, string>;
let warnings: string[];

before(async () => {
  ({ s, stub, stop } = await serverWithStub());
  poolId = await createPool(s, {
    AutoVerifiedAttributes: ["email"],
    LambdaConfig: { UserMigration: arn("migrate") },
  });
  for (const mode of MODES) {
    clients[mode] = await createClient(s, poolId, mode, {
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    });
  }
  warnings = captureWarnings(s);
});
after(() => stop());
beforeEach(() => {
  stub.clear();
  warnings.length = 0;
});

const signIn = (mode: Mode, USERNAME: string, PASSWORD = "Legacy-pass1", meta?: Record<string, string>) =>
  settle(
    s.client.send(
      new InitiateAuthCommand({
        ClientId: clients[mode],
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME, PASSWORD },
        ...(meta ? { ClientMetadata: meta } : {}),
      }),
    ),
  );
const forgot = (mode: Mode, Username: string, meta?: Record<string, string>) =>
  settle(
    s.client.send(
      new ForgotPasswordCommand({
        ClientId: clients[mode],
        Username,
        ...(meta ? { ClientMetadata: meta } : {}),
      }),
    ),
  );

/** The function returns the event it got, response untouched: "no such user" (the seed's answer). */
const emptyResponse = (e: SeenEvent) => e;

/** A migration that knows every name and keeps the password it is given. */
const migrates =
  (finalUserStatus: "CONFIRMED" | "RESET_REQUIRED" | null, extra: Record<string, unknown> = {}) =>
  (e: SeenEvent) => ({
    ...e,
    response: {
      userAttributes: { email: `${e.userName}@legacy.example`, email_verified: "true" },
      finalUserStatus,
      messageAction: "SUPPRESS",
      ...extra,
    },
  });

for (const mode of MODES) {
  describe(`${mode}`, () => {
    test("event shapes: UserMigration_Authentication has the password and validationData; _ForgotPassword neither", async () => {
      stub.on("migrate", emptyResponse);
      const name = uniq("shape");
      await signIn(mode, name, "Legacy-pass1", { device: "phone" });
      const auth = onlyEvent(stub, "migrate");
      assert.equal(auth.triggerSource, "UserMigration_Authentication");
      assert.equal(auth.userName, name);
      assert.equal(auth.userPoolId, poolId);
      assert.equal(auth.callerContext.clientId, clients[mode]);
      assert.equal(auth.request.password, "Legacy-pass1");
      assert.deepEqual(auth.request.validationData, { device: "phone" });
      assert.deepEqual(auth.response, {
        userAttributes: null,
        finalUserStatus: null,
        messageAction: null,
        desiredDeliveryMediums: null,
        forceAliasCreation: null,
        enableSMSMFA: null,
      });
      stub.clear();
      await forgot(mode, name, { from: "web" });
      const fp = onlyEvent(stub, "migrate");
      assert.equal(fp.triggerSource, "UserMigration_ForgotPassword");
      assert.equal("password" in fp.request, false);
      assert.deepEqual(fp.request.clientMetadata, { from: "web" });
    });

    test("empty response: the unknown-name answer of the mode", async () => {
      stub.on("migrate", emptyResponse);
      const name = uniq("nobody");
      const r = await signIn(mode, name);
      const f = await forgot(mode, name);
      if (mode === "ENABLED") {
        await expectCognitoError(r, "NotAuthorizedException", "Incorrect username or password.");
        const details = expectOk(f).CodeDeliveryDetails as Record<string, string>;
        assert.deepEqual(Object.keys(details).sort(), ["AttributeName", "DeliveryMedium", "Destination"]);
      } else {
        await expectCognitoError(r, "UserNotFoundException", "User does not exist.");
        await expectCognitoError(f, "UserNotFoundException", "Username/client id combination not found.");
      }
      assert.equal(eventsOf(stub, "migrate").length, 2);
      assert.equal(await storedUser(s, poolId, name), null);
      assert.deepEqual(warnings, []);
    });

    for (const [label, value] of [
      ["null (Go `return nil, nil`)", null],
      ['"" (Go `return "", nil`)', ""],
      ["{} (Go `return struct{}{}, nil`)", {}],
    ] as const) {
      test(`returns ${label}: Exception migrating user in app client <id>, and one log line`, async () => {
        stub.on("migrate", () => value);
        const name = uniq("gonil");
        const message = `Exception migrating user in app client ${clients[mode]}`;
        await expectCognitoError(await signIn(mode, name), "UserNotFoundException", message);
        await expectCognitoError(await forgot(mode, name), "UserNotFoundException", message);
        assert.equal(warnings.length, 2);
        const line = warnings[0] ?? "";
        assert.match(line, /^UserMigration function returned /);
        assert.ok(line.includes(`Cognito answers UserNotFoundException: ${message}`), line);
        assert.ok(line.includes("return the event you received with its response left empty"), line);
      });
    }

    test("throws: UserLambdaValidationException UserMigration failed with error <msg>.", async () => {
      stub.on("migrate", () => {
        throw new Error("User does not exist");
      });
      const name = uniq("thrower");
      const want = [
        "UserLambdaValidationException",
        "UserMigration failed with error User does not exist.",
      ] as const;
      await expectCognitoError(await signIn(mode, name), ...want);
      await expectCognitoError(await forgot(mode, name), ...want);
    });

    test("CONFIRMED: the user is created with the password (no policy check) and sign-in continues", async () => {
      stub.on("migrate", migrates("CONFIRMED"));
      const name = uniq("moved");
      // "weak" would fail the pool's default policy; migrated passwords are not checked (docs/triggers.md#usermigration).
      const tokens = expectOk(await signIn(mode, name, "weak")).AuthenticationResult as Record<
        string,
        string
      >;
      assert.ok(tokens.IdToken && tokens.AccessToken && tokens.RefreshToken);
      const user = await storedUser(s, poolId, name);
      assert.equal(user?.status, "CONFIRMED");
      assert.equal(user?.attributes.email, `${name}@legacy.example`);
      assert.deepEqual(await outbox(s, poolId, name), []);
      // Known now: the second sign-in does not ask the function again.
      stub.clear();
      expectOk(await signIn(mode, name, "weak"));
      await expectCognitoError(
        await signIn(mode, name, "wrong"),
        "NotAuthorizedException",
        "Incorrect username or password.",
      );
      assert.equal(eventsOf(stub, "migrate").length, 0);
    });

    test("RESET_REQUIRED: created; sign-in answers PasswordResetRequired (LEGACY) or the generic answer (ENABLED)", async () => {
      stub.on("migrate", migrates("RESET_REQUIRED"));
      const name = uniq("reset");
      const r = await signIn(mode, name);
      if (mode === "LEGACY")
        await expectCognitoError(r, "PasswordResetRequiredException", "Password reset required for the user");
      else await expectCognitoError(r, "NotAuthorizedException", "Incorrect username or password.");
      assert.equal((await storedUser(s, poolId, name))?.status, "RESET_REQUIRED");
    });

    test("ForgotPassword migration: the user is created and the code sent; the reset then signs in", async () => {
      stub.on("migrate", migrates(null));
      const name = uniq("forgetful");
      const out = expectOk(await forgot(mode, name));
      assert.deepEqual(out.CodeDeliveryDetails, {
        AttributeName: "email",
        DeliveryMedium: "EMAIL",
        Destination: `${name[0]}***@l***`,
      });
      const user = await storedUser(s, poolId, name);
      assert.equal(user?.status, "RESET_REQUIRED");
      await s.client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clients[mode],
          Username: name,
          ConfirmationCode: await lastCode(s, poolId, name, "FORGOT_PASSWORD"),
          Password: "N3w-Passw0rd!",
        }),
      );
      expectOk(await signIn(mode, name, "N3w-Passw0rd!"));
    });
  });
}

test("messageAction: the welcome message goes out by desiredDeliveryMediums unless SUPPRESS", async () => {
  stub.on("migrate", migrates("CONFIRMED", { messageAction: null, desiredDeliveryMediums: ["EMAIL"] }));
  const name = uniq("welcomed");
  expectOk(await signIn("ENABLED", name));
  const [welcome] = await outbox(s, poolId, name);
  assert.equal(welcome?.purpose, "WELCOME");
  assert.equal(welcome?.medium, "EMAIL");
  assert.equal(welcome?.destination, `${name}@legacy.example`);
});

test("SRP sign-in does not call the migration function (it never sees the password)", async () => {
  stub.on("migrate", migrates("CONFIRMED"));
  const r = await settle(
    s.client.send(
      new InitiateAuthCommand({
        ClientId: clients.LEGACY,
        AuthFlow: "USER_SRP_AUTH",
        AuthParameters: { USERNAME: uniq("srp"), SRP_A: "1".repeat(256) },
      }),
    ),
  );
  await expectCognitoError(r, "UserNotFoundException", "User does not exist.");
  assert.equal(eventsOf(stub, "migrate").length, 0);
});

describe("the worked example of docs/triggers.md, with in-process handlers (--functions)", () => {
  const fns = functionsDir({
    // What the Go handler of the question does: `return nil, nil`.
    "migrate-nil": "export const handler = async () => null;\n",
    // The fix: return the event itself, response left empty, when the user is unknown.
    migrate: [
      'const legacy = { "known@example.com": { password: "Old-pass1", name: "Known" } };',
      "export const handler = async (event) => {",
      "  const user = legacy[event.userName];",
      "  if (!user || (event.request.password !== undefined && event.request.password !== user.password)) return event;",
      '  event.response.userAttributes = { email: event.userName, email_verified: "true", name: user.name };',
      '  event.response.finalUserStatus = "CONFIRMED";',
      '  event.response.messageAction = "SUPPRESS";',
      "  return event;",
      "};",
    ].join("\n"),
  });
  let local: TestServer;
  const ids = {} as Record<"nil" | "fixed", string>;
  before(async () => {
    local = await startTestServer({ functions: fns.dir });
    for (const [key, fn] of [
      ["nil", "migrate-nil"],
      ["fixed", "migrate"],
    ] as const) {
      const pool = await createPool(local, {
        UsernameAttributes: ["email"],
        LambdaConfig: { UserMigration: arn(fn) },
      });
      ids[key] = await createClient(local, pool, "ENABLED", {
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"],
      });
    }
  });
  after(async () => {
    await local.stop();
    fns.cleanup();
  });
  const initiate = (ClientId: string, USERNAME: string, PASSWORD: string) =>
    settle(
      local.client.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME, PASSWORD },
        }),
      ),
    );

  test("the question: returning nil gives the migration error even with ENABLED", async () => {
    await expectCognitoError(
      await initiate(ids.nil, "nobody@example.com", "Passw0rd!"),
      "UserNotFoundException",
      `Exception migrating user in app client ${ids.nil}`,
    );
  });

  test("the answer: returning the event unchanged gives the generic answer; a known user is migrated", async () => {
    await expectCognitoError(
      await initiate(ids.fixed, "nobody@example.com", "Passw0rd!"),
      "NotAuthorizedException",
      "Incorrect username or password.",
    );
    await expectCognitoError(
      await initiate(ids.fixed, "known@example.com", "wrong"),
      "NotAuthorizedException",
      "Incorrect username or password.",
    );
    const ok = expectOk(await initiate(ids.fixed, "known@example.com", "Old-pass1"));
    const id = (ok.AuthenticationResult as Record<string, string>).IdToken ?? "";
    const claims = JSON.parse(Buffer.from(id.split(".")[1] ?? "", "base64url").toString()) as Record<
      string,
      unknown
    >;
    assert.equal(claims.email, "known@example.com");
    assert.equal(claims.name, "Known");
  });
});
