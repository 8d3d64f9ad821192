/**
 * The server maths against the real client: amazon-cognito-identity-js's own AuthenticationHelper and
 * CognitoUser.authenticateUser (with its HTTP client replaced by an in-process stub) must produce
 * PASSWORD_CLAIM_SIGNATUREs that src/srp accepts, and only for the right password (docs/srp.md).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { test } from "node:test";
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import {
  computeX,
  createCredential,
  fakeCredential,
  G,
  K,
  padHex,
  parseTimestamp,
  powModN,
  srpPoolName,
  startServerSession,
  validateA,
  verifyPasswordClaim,
} from "../../src/srp/index.ts";

// The package's typings do not declare AuthenticationHelper, BigInteger or DateHelper; describe the
// parts used here and load them from its CommonJS build.
interface JsBigInt {
  toString(radix: number): string;
}
interface ClientHelper {
  k: JsBigInt;
  getLargeAValue(cb: (err: unknown, A: JsBigInt) => void): void;
  getPasswordAuthenticationKey(
    user: string,
    password: string,
    B: JsBigInt,
    salt: JsBigInt,
    cb: (err: unknown, key: Buffer) => void,
  ): void;
  padHex(n: JsBigInt): string;
  hash(s: string): string;
  hexHash(s: string): string;
}
const require = createRequire(import.meta.url);
const { default: AuthenticationHelper } =
  require("amazon-cognito-identity-js/lib/AuthenticationHelper.js") as {
    default: new (poolName: string) => ClientHelper;
  };
const { default: BigInteger } = require("amazon-cognito-identity-js/lib/BigInteger.js") as {
  default: new (s: string, radix: number) => JsBigInt;
};
const { default: DateHelper } = require("amazon-cognito-identity-js/lib/DateHelper.js") as {
  default: new () => { getNowString(): string };
};
const { createHmac } = await import("node:crypto");

const POOL_ID = "us-east-1_AbCdEfGhI";
const POOL = srpPoolName(POOL_ID);

const clientA = (h: ClientHelper): Promise<JsBigInt> =>
  new Promise((resolve, reject) => h.getLargeAValue((e, A) => (e ? reject(e) : resolve(A))));

const clientKey = (h: ClientHelper, user: string, pw: string, B: string, salt: string): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    h.getPasswordAuthenticationKey(user, pw, new BigInteger(B, 16), new BigInteger(salt, 16), (e, k) =>
      e ? reject(e) : resolve(k),
    ),
  );

/** One sign-in at the helper level, signing the way CognitoUser.authenticateUserInternal does. */
async function signIn(userId: string, stored: string, typed: string, salt?: Buffer): Promise<boolean> {
  const cred = createCredential(POOL, userId, stored, salt);
  const helper = new AuthenticationHelper(POOL);
  const A = (await clientA(helper)).toString(16);
  assert.ok(validateA(A));
  const session = startServerSession(cred.verifier);
  const secretBlock = randomBytes(200);
  const key = await clientKey(helper, userId, typed, session.B, cred.salt);
  const timestamp = new DateHelper().getNowString();
  const message = Buffer.concat([
    Buffer.from(POOL, "utf8"),
    Buffer.from(userId, "utf8"),
    Buffer.from(secretBlock.toString("base64"), "base64"),
    Buffer.from(timestamp, "utf8"),
  ]);
  const signature = createHmac("sha256", key).update(message).digest("base64");
  const claim = { poolName: POOL, userIdForSrp: userId, secretBlock, timestamp, A, ...session, ...cred };
  return verifyPasswordClaim(claim, signature);
}

test("k, padHex and the verifier agree with the client helper", () => {
  const helper = new AuthenticationHelper(POOL);
  assert.equal(K.toString(16), helper.k.toString(16));
  assert.ok(K.toString(16).startsWith("538282c4354742d7"));
  for (const hex of ["0", "7f", "80", "ff", "100", "8000", "123456789abcdef", "f".repeat(768)]) {
    assert.equal(padHex(BigInt(`0x${hex}`)), helper.padHex(new BigInteger(hex, 16)), hex);
  }
  // The client derives x from SALT as an integer; so do we, for salts with leading zero nibbles too.
  for (const salt of [randomBytes(16), Buffer.from(`0000${randomBytes(14).toString("hex")}`, "hex")]) {
    const cred = createCredential(POOL, "alice", "Pässwörd 1 😀", salt);
    const clientX = helper.hexHash(
      helper.padHex(new BigInteger(cred.salt, 16)) + helper.hash(`${POOL}alice:Pässwörd 1 😀`),
    );
    assert.equal(
      computeX(POOL, "alice", "Pässwörd 1 😀", cred.salt).toString(16),
      BigInt(`0x${clientX}`).toString(16),
    );
    assert.equal(BigInt(`0x${cred.verifier}`), powModN(G, BigInt(`0x${clientX}`)));
  }
});

test("the real client's PASSWORD_CLAIM_SIGNATURE verifies; a wrong password does not", async () => {
  for (let i = 0; i < 6; i++) {
    assert.equal(await signIn(`user-${i}`, `Correct horse ${i}!`, `Correct horse ${i}!`), true, `run ${i}`);
  }
  assert.equal(await signIn("9b2f0c1e-4d5a-4c6b-8e7f-0a1b2c3d4e5f", "Ünïcode ✓ 😀", "Ünïcode ✓ 😀"), true);
  assert.equal(await signIn("alice", "Correct horse 1!", "Correct horse 1?"), false);
  assert.equal(await signIn("alice", "pw", "PW"), false);
  // A salt whose first byte is zero (SALT then has fewer than 32 hex digits).
  assert.equal(await signIn("bob", "pw-1", "pw-1", Buffer.concat([Buffer.alloc(1), randomBytes(15)])), true);
});

/** A miniature USER_SRP_AUTH server on top of src/srp, reached through CognitoUser's own client. */
type AwsError = { code: string; name: string; message: string };
const awsError = (code: string, message: string): AwsError => ({ code, name: code, message });
type Params = Record<string, Record<string, string>>;

function stubServer(users: Map<string, { userIdForSrp: string; salt: string; verifier: string }>) {
  const seed = randomBytes(32);
  const seedMac = (purpose: string, ...parts: string[]): Buffer =>
    createHmac("sha256", seed)
      .update(`${purpose}|${parts.join("|")}`)
      .digest();
  const pending = new Map<
    string,
    { A: string; b: string; B: string; userIdForSrp: string; verifier: string }
  >();

  function initiateAuth(params: Params): unknown {
    const username = params.AuthParameters?.USERNAME ?? "";
    const A = params.AuthParameters?.SRP_A ?? "";
    if (!validateA(A)) throw awsError("InvalidParameterException", "bad SRP_A");
    const cred = users.get(username) ?? fakeCredential(seedMac, POOL_ID, username);
    const session = startServerSession(cred.verifier);
    const secretBlock = randomBytes(300).toString("base64");
    pending.set(secretBlock, { A, ...session, userIdForSrp: cred.userIdForSrp, verifier: cred.verifier });
    const ChallengeParameters = {
      SALT: cred.salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: session.B,
      USERNAME: cred.userIdForSrp,
      USER_ID_FOR_SRP: cred.userIdForSrp,
    };
    return { ChallengeName: "PASSWORD_VERIFIER", ChallengeParameters };
  }

  function respondToAuthChallenge(params: Params): unknown {
    const r = params.ChallengeResponses ?? {};
    const notAuthorized = awsError("NotAuthorizedException", "Incorrect username or password.");
    const state = pending.get(r.PASSWORD_CLAIM_SECRET_BLOCK ?? "");
    if (!state || r.USERNAME !== state.userIdForSrp) throw notAuthorized;
    const timestamp = r.TIMESTAMP ?? "";
    assert.ok(parseTimestamp(timestamp), timestamp);
    const secretBlock = Buffer.from(r.PASSWORD_CLAIM_SECRET_BLOCK ?? "", "base64");
    const ok = verifyPasswordClaim(
      { poolName: POOL, secretBlock, timestamp, ...state },
      r.PASSWORD_CLAIM_SIGNATURE ?? "",
    );
    const known = [...users.values()].some((u) => u.userIdForSrp === state.userIdForSrp);
    if (!ok || !known) throw notAuthorized;
    const jwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln";
    return { AuthenticationResult: { IdToken: jwt, AccessToken: jwt, RefreshToken: "r", ExpiresIn: 3600 } };
  }

  return {
    request(op: string, params: Params, cb: (err: AwsError | null, data?: unknown) => void): void {
      let data: unknown;
      try {
        data = op === "InitiateAuth" ? initiateAuth(params) : respondToAuthChallenge(params);
      } catch (err) {
        cb(err as AwsError);
        return;
      }
      cb(null, data);
    },
  };
}

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    setItem: (k: string, v: string) => void m.set(k, v),
    getItem: (k: string) => m.get(k) ?? null,
    removeItem: (k: string) => m.delete(k),
    clear: () => m.clear(),
  };
}

function authenticate(
  server: ReturnType<typeof stubServer>,
  username: string,
  password: string,
): Promise<string> {
  const pool = new CognitoUserPool({ UserPoolId: POOL_ID, ClientId: "63c35pra6tui4vlgt06nr8la2f" });
  (pool as unknown as { client: unknown }).client = server;
  const user = new CognitoUser({ Username: username, Pool: pool, Storage: memoryStorage() });
  const details = new AuthenticationDetails({ Username: username, Password: password });
  return new Promise((resolve) =>
    user.authenticateUser(details, {
      onSuccess: () => resolve("success"),
      onFailure: (err: { code?: string }) => resolve(err.code ?? "error"),
    }),
  );
}

test("CognitoUser.authenticateUser signs in against src/srp; wrong passwords and simulated users fail", async () => {
  const sub = "2f1c7a9e-5b3d-4e8f-9a0b-1c2d3e4f5a6b";
  const users = new Map([
    ["alice", { userIdForSrp: "alice", ...createCredential(POOL, "alice", "Secret-1!") }],
    // An email-as-username pool: the client switches to USER_ID_FOR_SRP (the sub) for x and the MAC.
    ["carol@example.com", { userIdForSrp: sub, ...createCredential(POOL, sub, "Carol-pw-2") }],
  ]);
  const server = stubServer(users);
  assert.equal(await authenticate(server, "alice", "Secret-1!"), "success");
  assert.equal(await authenticate(server, "carol@example.com", "Carol-pw-2"), "success");
  assert.equal(await authenticate(server, "alice", "Secret-1?"), "NotAuthorizedException");
  assert.equal(await authenticate(server, "nobody", "Secret-1!"), "NotAuthorizedException");
});
