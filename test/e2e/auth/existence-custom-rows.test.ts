import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  EXISTENCE_PROFILE_TAG,
  EXISTENCE_PROFILES,
  type ExistenceProfile,
} from "../../../src/domain/existence/index.ts";
import {
  arn,
  createClient,
  createPool,
  MODES,
  patchUser,
  putUser,
  type SeenEvent,
  serverWithStub,
} from "../../helpers/fixtures.ts";
import type { LambdaStub } from "../../helpers/lambda-stub.ts";
import { rawCall, type TestServer } from "../../helpers/server.ts";

/**
 * The CUSTOM_AUTH rows of the existence table (`InitiateAuth CUSTOM_AUTH`, `RespondToAuthChallenge
 * CUSTOM_CHALLENGE`, and the sign-in outcome rows they end in) in both profiles and both modes, over
 * the wire: a one-question custom flow ("2+2?") for a user in each state, answered right (or wrong three
 * times). A strict pool tells a state only once the challenge is passed.
 */
type Mode = "LEGACY" | "ENABLED";
let s: TestServer;
let stub: LambdaStub;
let stop: () => Promise<void>;
const setups = {} as Record<ExistenceProfile, { poolId: string; clients: Record<Mode, string> }>;

before(async () => {
  ({ s, stub, stop } = await serverWithStub());
  stub.on<SeenEvent>("define", (e) => {
    const session = e.request.session as Array<{ challengeName: string; challengeResult: boolean }>;
    const last = session.at(-1);
    if (last?.challengeResult) return { ...e, response: { issueTokens: true, failAuthentication: false } };
    if (session.length >= 3) return { ...e, response: { issueTokens: false, failAuthentication: true } };
    return {
      ...e,
      response: { challengeName: "CUSTOM_CHALLENGE", issueTokens: false, failAuthentication: false },
    };
  });
  stub.on<SeenEvent>("create", (e) => ({
    ...e,
    response: {
      publicChallengeParameters: { question: "2+2?" },
      privateChallengeParameters: { answer: "4" },
    },
  }));
  stub.on<SeenEvent>("verify", (e) => ({
    ...e,
    response: { answerCorrect: e.request.challengeAnswer === "4" },
  }));
  for (const profile of EXISTENCE_PROFILES) {
    const poolId = await createPool(s, {
      UserPoolTags: { [EXISTENCE_PROFILE_TAG]: profile },
      LambdaConfig: {
        DefineAuthChallenge: arn("define"),
        CreateAuthChallenge: arn("create"),
        VerifyAuthChallengeResponse: arn("verify"),
      },
    });
    const clients = {} as Record<Mode, string>;
    for (const mode of MODES)
      clients[mode] = await createClient(s, poolId, mode, { ExplicitAuthFlows: ["ALLOW_CUSTOM_AUTH"] });
    setups[profile] = { poolId, clients };
    await putUser(s, poolId, { username: "conf" });
    await putUser(s, poolId, { username: "unconf", status: "UNCONFIRMED" });
    await putUser(s, poolId, { username: "reset", status: "RESET_REQUIRED" });
    await putUser(s, poolId, { username: "force", status: "FORCE_CHANGE_PASSWORD" });
    await putUser(s, poolId, { username: "nopw" });
    await patchUser(s, poolId, "nopw", { credential: null });
    await putUser(s, poolId, { username: "dis", enabled: false });
    await putUser(s, poolId, { username: "gone" });
  }
});
after(() => stop());

const NOT_FOUND = "UserNotFoundException: User does not exist.";
const INCORRECT = "NotAuthorizedException: Incorrect username or password.";
const UNCONFIRMED = "UserNotConfirmedException: User is not confirmed.";
const RESET = "PasswordResetRequiredException: Password reset required for the user";
const DISABLED = "NotAuthorizedException: User is disabled.";
const NEW_PASSWORD = "challenge:NEW_PASSWORD_REQUIRED";

function outcome(r: { status: number; json: Record<string, unknown> }): string {
  if (r.status !== 200) return `${String(r.json.__type)}: ${String(r.json.message)}`;
  return r.json.AuthenticationResult ? "tokens" : `challenge:${String(r.json.ChallengeName)}`;
}

/** Starts the flow, then answers (right, or wrong until DefineAuthChallenge fails it). */
async function run(profile: ExistenceProfile, mode: Mode, username: string, right = true): Promise<string> {
  const { poolId, clients } = setups[profile];
  const ClientId = clients[mode];
  const call = (op: string, body: object) => rawCall(s.url, op, JSON.stringify({ ClientId, ...body }));
  let r = await call("InitiateAuth", { AuthFlow: "CUSTOM_AUTH", AuthParameters: { USERNAME: username } });
  if (username === "gone")
    await s.app.services.store.users.delete(poolId, (await user(poolId, "gone")) ?? "");
  while (r.status === 200 && r.json.ChallengeName === "CUSTOM_CHALLENGE") {
    const USERNAME = (r.json.ChallengeParameters as Record<string, string>).USERNAME ?? username;
    r = await call("RespondToAuthChallenge", {
      ChallengeName: "CUSTOM_CHALLENGE",
      Session: r.json.Session,
      ChallengeResponses: { USERNAME, ANSWER: right ? "4" : "5" },
    });
  }
  return outcome(r);
}

async function user(poolId: string, username: string): Promise<string | null> {
  return (await s.app.services.store.users.findByUsername(poolId, username))?.sub ?? null;
}

/** [user, right answer?, cognito LEGACY, cognito ENABLED, strict (both modes)] */
const ROWS: [string, boolean, string, string, string][] = [
  ["ghost", true, NOT_FOUND, INCORRECT, INCORRECT],
  ["unconf", true, UNCONFIRMED, UNCONFIRMED, UNCONFIRMED],
  ["unconf", false, UNCONFIRMED, UNCONFIRMED, INCORRECT],
  ["reset", true, RESET, INCORRECT, INCORRECT],
  ["conf", true, "tokens", "tokens", "tokens"],
  ["conf", false, INCORRECT, INCORRECT, INCORRECT],
  ["force", true, NEW_PASSWORD, NEW_PASSWORD, NEW_PASSWORD],
  ["nopw", true, "tokens", "tokens", "tokens"],
  ["dis", true, DISABLED, DISABLED, DISABLED],
  ["dis", false, INCORRECT, INCORRECT, INCORRECT],
];

for (const profile of EXISTENCE_PROFILES) {
  for (const mode of MODES) {
    test(`CUSTOM_AUTH rows · ${profile} · ${mode}`, async () => {
      for (const [name, right, legacy, enabled, strict] of ROWS) {
        const want = profile === "strict" ? strict : mode === "LEGACY" ? legacy : enabled;
        assert.equal(
          await run(profile, mode, name, right),
          want,
          `${name} (${right ? "right" : "wrong"} answer)`,
        );
      }
    });
  }
}

test("a user deleted during the flow: User does not exist. (both profiles)", async () => {
  for (const profile of EXISTENCE_PROFILES) {
    assert.equal(await run(profile, "ENABLED", "gone"), NOT_FOUND, profile);
  }
});
