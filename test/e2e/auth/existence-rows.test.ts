import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  EXISTENCE_PROFILE_TAG,
  EXISTENCE_PROFILES,
  type ExistenceProfile,
} from "../../../src/domain/existence/index.ts";
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
 * Every sign-in row of the existence table (src/domain/existence/auth-rows.ts) in both profiles and
 * both modes, over the wire, for USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and USER_SRP_AUTH (both
 * steps). Each profile has its own pool, tagged hushpool:existence-profile.
 */
const PW = "Passw0rd!";
const WRONG = "Wr0ng-pass!";
const clock = movableClock();
let s: TestServer;
type Mode = "LEGACY" | "ENABLED";
interface Setup {
  poolId: string;
  clients: Record<Mode, string>;
}
const setups = {} as Record<ExistenceProfile, Setup>;

before(async () => {
  s = await startTestServer({}, { clock });
  for (const profile of EXISTENCE_PROFILES) {
    const made = await poolWithClient(s, { pool: { UserPoolTags: { [EXISTENCE_PROFILE_TAG]: profile } } });
    const poolId = made.poolId;
    const enabled = await createClient(s, poolId, "ENABLED", {
      ExplicitAuthFlows: [
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
      ],
    });
    setups[profile] = { poolId, clients: { LEGACY: made.clientId, ENABLED: enabled } };
    for (const name of ["conf", "unconf", "reset", "nopw", "dis"]) await confirmedUser(s, poolId, name, PW);
    await patchUser(s, poolId, "unconf", { status: "UNCONFIRMED" });
    await patchUser(s, poolId, "reset", { status: "RESET_REQUIRED" });
    await patchUser(s, poolId, "nopw", { credential: null });
    await patchUser(s, poolId, "dis", { enabled: false });
    await createUser(s, poolId, "force", { TemporaryPassword: PW });
    await createUser(s, poolId, "expired", { TemporaryPassword: PW });
    await patchUser(s, poolId, "expired", { credentialSetAt: clock.now() - 8 * 86_400_000 });
  }
});
after(() => s.stop());
type Expect = string; // "Type: message", or "challenge:<NAME>", or "tokens"

const NOT_FOUND = "UserNotFoundException: User does not exist.";
const INCORRECT = "NotAuthorizedException: Incorrect username or password.";
const UNCONFIRMED = "UserNotConfirmedException: User is not confirmed.";
const RESET = "PasswordResetRequiredException: Password reset required for the user";
const DISABLED = "NotAuthorizedException: User is disabled.";
const EXPIRED =
  "NotAuthorizedException: Temporary password has expired and must be reset by an administrator.";

/**
 * [user, password, cognito LEGACY, cognito ENABLED, strict (both modes)]. Strict tells a state only
 * after the right password: UNCONFIRMED with a wrong one is the generic answer.
 */
const PASSWORD_ROWS: [string, string, Expect, Expect, Expect][] = [
  ["ghost", PW, NOT_FOUND, INCORRECT, INCORRECT],
  ["unconf", WRONG, UNCONFIRMED, UNCONFIRMED, INCORRECT],
  ["unconf", PW, UNCONFIRMED, UNCONFIRMED, UNCONFIRMED],
  ["reset", PW, RESET, INCORRECT, INCORRECT],
  ["nopw", PW, INCORRECT, INCORRECT, INCORRECT],
  ["conf", WRONG, INCORRECT, INCORRECT, INCORRECT],
  ["conf", PW, "tokens", "tokens", "tokens"],
  ["dis", WRONG, INCORRECT, INCORRECT, INCORRECT],
  ["dis", PW, DISABLED, DISABLED, DISABLED],
  [
    "force",
    PW,
    "challenge:NEW_PASSWORD_REQUIRED",
    "challenge:NEW_PASSWORD_REQUIRED",
    "challenge:NEW_PASSWORD_REQUIRED",
  ],
  ["expired", WRONG, INCORRECT, INCORRECT, INCORRECT],
  ["expired", PW, EXPIRED, EXPIRED, EXPIRED],
];

const expected = (row: [string, string, Expect, Expect, Expect], profile: ExistenceProfile, mode: Mode) =>
  profile === "strict" ? row[4] : mode === "LEGACY" ? row[2] : row[3];

function outcome(r: { status: number; json: Record<string, unknown> }): Expect {
  if (r.status !== 200) return `${String(r.json.__type)}: ${String(r.json.message)}`;
  if (r.json.AuthenticationResult) return "tokens";
  return `challenge:${String(r.json.ChallengeName)}`;
}

async function passwordSignIn(
  profile: ExistenceProfile,
  mode: Mode,
  flow: string,
  username: string,
  password: string,
) {
  const admin = flow === "ADMIN_USER_PASSWORD_AUTH";
  const { poolId, clients } = setups[profile];
  const body = {
    ...(admin ? { UserPoolId: poolId } : {}),
    ClientId: clients[mode],
    AuthFlow: flow,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  };
  return rawCall(s.url, admin ? "AdminInitiateAuth" : "InitiateAuth", JSON.stringify(body));
}

for (const flow of ["USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH"]) {
  for (const profile of EXISTENCE_PROFILES) {
    test(`${flow}: every existence row in both modes · ${profile}`, async () => {
      for (const mode of ["LEGACY", "ENABLED"] as const) {
        for (const row of PASSWORD_ROWS) {
          const [user, pw] = row;
          const r = await passwordSignIn(profile, mode, flow, user, pw);
          const note = `${profile} ${mode} ${user}/${pw === PW ? "right" : "wrong"}`;
          assert.equal(outcome(r), expected(row, profile, mode), note);
        }
        clock.advance(16 * 60_000); // let every lockout counter go idle between groups
      }
    });
  }
}

test("an unknown user's refusal is byte-identical to a wrong password's (ENABLED; strict in both modes)", async () => {
  for (const [profile, mode, other] of [
    ["cognito", "ENABLED", "conf"],
    ["strict", "ENABLED", "unconf"],
    ["strict", "LEGACY", "conf"],
  ] as const) {
    const a = await passwordSignIn(profile, mode, "USER_PASSWORD_AUTH", "nobody-here", PW);
    const b = await passwordSignIn(profile, mode, "USER_PASSWORD_AUTH", other, WRONG);
    assert.deepEqual(a.json, b.json);
    assert.equal(a.headers.get("content-length"), b.headers.get("content-length"));
    assert.equal(a.headers.get("x-amzn-errortype"), b.headers.get("x-amzn-errortype"));
  }
  clock.advance(16 * 60_000);
});

async function srpStep1(profile: ExistenceProfile, mode: Mode, username: string) {
  const start = srpStart();
  const r = await rawCall(
    s.url,
    "InitiateAuth",
    JSON.stringify({
      ClientId: setups[profile].clients[mode],
      AuthFlow: "USER_SRP_AUTH",
      AuthParameters: { USERNAME: username, SRP_A: start.srpA },
    }),
  );
  return { r, start };
}

async function srpBoth(
  profile: ExistenceProfile,
  mode: Mode,
  username: string,
  password: string,
): Promise<Expect> {
  const { r, start } = await srpStep1(profile, mode, username);
  if (r.status !== 200) return outcome(r);
  const params = r.json.ChallengeParameters as Record<string, string>;
  const r2 = await rawCall(
    s.url,
    "RespondToAuthChallenge",
    JSON.stringify({
      ClientId: setups[profile].clients[mode],
      ChallengeName: "PASSWORD_VERIFIER",
      ChallengeResponses: srpRespond(setups[profile].poolId, start, params, password),
    }),
  );
  return outcome(r2);
}

for (const profile of EXISTENCE_PROFILES) {
  test(`USER_SRP_AUTH (both steps): every existence row in both modes · ${profile}`, async () => {
    for (const mode of ["LEGACY", "ENABLED"] as const) {
      for (const row of PASSWORD_ROWS) {
        const [user, pw] = row;
        assert.equal(await srpBoth(profile, mode, user, pw), expected(row, profile, mode), `${mode} ${user}`);
      }
      clock.advance(16 * 60_000);
    }
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

for (const profile of EXISTENCE_PROFILES) {
  test(`USER_SRP_AUTH step 1 for an unknown user: a stable simulated PASSWORD_VERIFIER · ${profile}`, async () => {
    const one = (await srpStep1(profile, "ENABLED", "ghost")).r;
    const two = (await srpStep1(profile, "ENABLED", "ghost")).r;
    const real = (await srpStep1(profile, "ENABLED", "conf")).r;
    const p1 = one.json.ChallengeParameters as Record<string, string>;
    const p2 = two.json.ChallengeParameters as Record<string, string>;
    const pr = real.json.ChallengeParameters as Record<string, string>;
    assert.equal(one.json.ChallengeName, "PASSWORD_VERIFIER");
    assert.deepEqual(Object.keys(p1).sort(), Object.keys(pr).sort());
    // cognito: a UUID "for the same user name and user pool combination", as Cognito's guide says
    // (and so unlike a real user's username in this plain-username pool); strict: the typed name.
    if (profile === "cognito") assert.match(p1.USER_ID_FOR_SRP ?? "", UUID);
    else assert.equal(p1.USER_ID_FOR_SRP, "ghost");
    assert.equal(p1.USERNAME, p1.USER_ID_FOR_SRP);
    assert.equal(p1.SALT, p2.SALT);
    assert.equal(p1.USER_ID_FOR_SRP, p2.USER_ID_FOR_SRP);
    assert.notEqual(p1.SRP_B, p2.SRP_B);
    assert.equal(p1.SECRET_BLOCK?.length, pr.SECRET_BLOCK?.length);
    assert.equal(pr.USER_ID_FOR_SRP, "conf");
    // A different name gets a different (stable) simulation.
    const other = (await srpStep1(profile, "ENABLED", "ghost-2")).r.json.ChallengeParameters as Record<
      string,
      string
    >;
    assert.notEqual(other.SALT, p1.SALT);
    assert.notEqual(other.USER_ID_FOR_SRP, p1.USER_ID_FOR_SRP);
  });
}
