import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  confirmedUser,
  createClient,
  createUser,
  movableClock,
  patchUser,
  poolWithClient,
} from "../../helpers/fixtures.ts";
import { rawCall, startTestServer, type TestServer } from "../../helpers/server.ts";
import { srpRespond, srpStart } from "../../helpers/srp-client.ts";

/**
 * Every sign-in row of the existence table (src/domain/existence/auth-rows.ts) in both modes, over
 * the wire, for USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and USER_SRP_AUTH (both steps).
 */
const PW = "Passw0rd!";
const WRONG = "Wr0ng-pass!";
const clock = movableClock();
let s: TestServer;
let poolId: string;
const clients: Record<"LEGACY" | "ENABLED", string> = { LEGACY: "", ENABLED: "" };

before(async () => {
  s = await startTestServer({}, { clock });
  const made = await poolWithClient(s);
  poolId = made.poolId;
  clients.LEGACY = made.clientId;
  clients.ENABLED = await createClient(s, poolId, "ENABLED", {
    ExplicitAuthFlows: [
      "ALLOW_USER_PASSWORD_AUTH",
      "ALLOW_ADMIN_USER_PASSWORD_AUTH",
      "ALLOW_USER_SRP_AUTH",
      "ALLOW_REFRESH_TOKEN_AUTH",
    ],
  });
  for (const name of ["conf", "unconf", "reset", "nopw", "dis"]) await confirmedUser(s, poolId, name, PW);
  await patchUser(s, poolId, "unconf", { status: "UNCONFIRMED" });
  await patchUser(s, poolId, "reset", { status: "RESET_REQUIRED" });
  await patchUser(s, poolId, "nopw", { credential: null });
  await patchUser(s, poolId, "dis", { enabled: false });
  await createUser(s, poolId, "force", { TemporaryPassword: PW });
  await createUser(s, poolId, "expired", { TemporaryPassword: PW });
  await patchUser(s, poolId, "expired", { credentialSetAt: clock.now() - 8 * 86_400_000 });
});
after(() => s.stop());

type Mode = "LEGACY" | "ENABLED";
type Expect = string; // "Type: message", or "challenge:<NAME>", or "tokens"

const NOT_FOUND = "UserNotFoundException: User does not exist.";
const INCORRECT = "NotAuthorizedException: Incorrect username or password.";
const UNCONFIRMED = "UserNotConfirmedException: User is not confirmed.";
const RESET = "PasswordResetRequiredException: Password reset required for the user";
const DISABLED = "NotAuthorizedException: User is disabled.";
const EXPIRED =
  "NotAuthorizedException: Temporary password has expired and must be reset by an administrator.";

/** [user, password, LEGACY, ENABLED] */
const PASSWORD_ROWS: [string, string, Expect, Expect][] = [
  ["ghost", PW, NOT_FOUND, INCORRECT],
  ["unconf", WRONG, UNCONFIRMED, UNCONFIRMED],
  ["reset", PW, RESET, INCORRECT],
  ["nopw", PW, INCORRECT, INCORRECT],
  ["conf", WRONG, INCORRECT, INCORRECT],
  ["conf", PW, "tokens", "tokens"],
  ["dis", WRONG, INCORRECT, INCORRECT],
  ["dis", PW, DISABLED, DISABLED],
  ["force", PW, "challenge:NEW_PASSWORD_REQUIRED", "challenge:NEW_PASSWORD_REQUIRED"],
  ["expired", WRONG, INCORRECT, INCORRECT],
  ["expired", PW, EXPIRED, EXPIRED],
];

function outcome(r: { status: number; json: Record<string, unknown> }): Expect {
  if (r.status !== 200) return `${String(r.json.__type)}: ${String(r.json.message)}`;
  if (r.json.AuthenticationResult) return "tokens";
  return `challenge:${String(r.json.ChallengeName)}`;
}

async function passwordSignIn(mode: Mode, flow: string, username: string, password: string) {
  const admin = flow === "ADMIN_USER_PASSWORD_AUTH";
  const body = {
    ...(admin ? { UserPoolId: poolId } : {}),
    ClientId: clients[mode],
    AuthFlow: flow,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  };
  return rawCall(s.url, admin ? "AdminInitiateAuth" : "InitiateAuth", JSON.stringify(body));
}

for (const flow of ["USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH"]) {
  test(`${flow}: every existence row in both modes`, async () => {
    for (const mode of ["LEGACY", "ENABLED"] as const) {
      for (const [user, pw, legacy, enabled] of PASSWORD_ROWS) {
        const r = await passwordSignIn(mode, flow, user, pw);
        assert.equal(
          outcome(r),
          mode === "LEGACY" ? legacy : enabled,
          `${mode} ${user}/${pw === PW ? "right" : "wrong"}`,
        );
      }
      clock.advance(16 * 60_000); // let every lockout counter go idle between groups
    }
  });
}

test("ENABLED: an unknown user's refusal is byte-identical to a wrong password's", async () => {
  const a = await passwordSignIn("ENABLED", "USER_PASSWORD_AUTH", "nobody-here", PW);
  const b = await passwordSignIn("ENABLED", "USER_PASSWORD_AUTH", "conf", WRONG);
  assert.deepEqual(a.json, b.json);
  assert.equal(a.headers.get("content-length"), b.headers.get("content-length"));
  assert.equal(a.headers.get("x-amzn-errortype"), b.headers.get("x-amzn-errortype"));
  clock.advance(16 * 60_000);
});

async function srpStep1(mode: Mode, username: string) {
  const start = srpStart();
  const r = await rawCall(
    s.url,
    "InitiateAuth",
    JSON.stringify({
      ClientId: clients[mode],
      AuthFlow: "USER_SRP_AUTH",
      AuthParameters: { USERNAME: username, SRP_A: start.srpA },
    }),
  );
  return { r, start };
}

async function srpBoth(mode: Mode, username: string, password: string): Promise<Expect> {
  const { r, start } = await srpStep1(mode, username);
  if (r.status !== 200) return outcome(r);
  const params = r.json.ChallengeParameters as Record<string, string>;
  const r2 = await rawCall(
    s.url,
    "RespondToAuthChallenge",
    JSON.stringify({
      ClientId: clients[mode],
      ChallengeName: "PASSWORD_VERIFIER",
      ChallengeResponses: srpRespond(poolId, start, params, password),
    }),
  );
  return outcome(r2);
}

test("USER_SRP_AUTH (both steps): every existence row in both modes", async () => {
  for (const mode of ["LEGACY", "ENABLED"] as const) {
    for (const [user, pw, legacy, enabled] of PASSWORD_ROWS) {
      assert.equal(await srpBoth(mode, user, pw), mode === "LEGACY" ? legacy : enabled, `${mode} ${user}`);
    }
    clock.advance(16 * 60_000);
  }
});

test("USER_SRP_AUTH step 1 for an unknown user under ENABLED: a stable simulated PASSWORD_VERIFIER", async () => {
  const one = (await srpStep1("ENABLED", "ghost")).r;
  const two = (await srpStep1("ENABLED", "ghost")).r;
  const real = (await srpStep1("ENABLED", "conf")).r;
  const p1 = one.json.ChallengeParameters as Record<string, string>;
  const p2 = two.json.ChallengeParameters as Record<string, string>;
  const pr = real.json.ChallengeParameters as Record<string, string>;
  assert.equal(one.json.ChallengeName, "PASSWORD_VERIFIER");
  assert.deepEqual(Object.keys(p1).sort(), Object.keys(pr).sort());
  // In a plain-username pool a real user's USER_ID_FOR_SRP is the username, so the simulated one is
  // the name as typed (Cognito would answer a UUID here and so reveal the difference).
  assert.equal(p1.USER_ID_FOR_SRP, "ghost");
  assert.equal(p1.USERNAME, p1.USER_ID_FOR_SRP);
  assert.equal(p1.SALT, p2.SALT);
  assert.equal(p1.USER_ID_FOR_SRP, p2.USER_ID_FOR_SRP);
  assert.notEqual(p1.SRP_B, p2.SRP_B);
  assert.equal(p1.SECRET_BLOCK?.length, pr.SECRET_BLOCK?.length);
  assert.equal(pr.USER_ID_FOR_SRP, "conf");
  // A different name gets a different (stable) simulation.
  const other = (await srpStep1("ENABLED", "ghost-2")).r.json.ChallengeParameters as Record<string, string>;
  assert.notEqual(other.SALT, p1.SALT);
});
