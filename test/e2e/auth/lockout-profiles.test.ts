import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createClient, createPool, nameValues, type Settled, settle } from "../../helpers/fixtures.ts";
import { type Nodes, sqliteNodes } from "../../helpers/nodes.ts";

/**
 * Lockout in the two existence profiles (docs/authentication.md#lockout-in-the-strict-profile): what
 * an attacker who types a name sees must not depend, in `strict`, on whether the name is a real
 * user's, nor on what that user does; `cognito` keeps Cognito's behaviour, whose differences these
 * tests show side by side.
 */
let n: Nodes;
const pools: Record<"cognito" | "strict", { poolId: string; clientId: string }> = {
  cognito: { poolId: "", clientId: "" },
  strict: { poolId: "", clientId: "" },
};
const PASSWORD = "Passw0rd!";
const WRONG = "wrong-Passw0rd";

before(async () => {
  n = await sqliteNodes();
  for (const profile of ["cognito", "strict"] as const) {
    const poolId = await createPool(n.a, {
      AliasAttributes: ["email"],
      UserPoolTags: { "hushpool:existence-profile": profile },
    });
    const clientId = await createClient(n.a, poolId, "ENABLED", {
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    });
    pools[profile] = { poolId, clientId };
  }
});
after(() => n.stop());

async function user(profile: "cognito" | "strict", username: string) {
  const { poolId } = pools[profile];
  await n.a.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: "SUPPRESS",
      UserAttributes: nameValues({ email: `${username}@example.com`, email_verified: "true" }),
    }),
  );
  await n.a.client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: username,
      Password: PASSWORD,
      Permanent: true,
    }),
  );
}

const signIn = (profile: "cognito" | "strict", USERNAME: string, PASSWORD_: string) =>
  settle(
    n.a.client.send(
      new InitiateAuthCommand({
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: pools[profile].clientId,
        AuthParameters: { USERNAME, PASSWORD: PASSWORD_ },
      }),
    ),
  );
const short = (r: Settled) =>
  r.ok
    ? "tokens"
    : r.message === "Password attempts exceeded"
      ? "locked"
      : r.message === "Incorrect username or password."
        ? "wrong"
        : r.message;

/** The attacker: `count` wrong passwords on `name`, answers in order. */
async function attack(profile: "cognito" | "strict", name: string, count: number) {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(short(await signIn(profile, name, WRONG)));
  return out;
}

test("(e) strict: the user's own sign-in does not reset the count the attacker watches; cognito: it does", async () => {
  const seen: Record<string, string[]> = {};
  for (const profile of ["cognito", "strict"] as const) {
    for (const withUser of [false, true]) {
      const name = `eve-${profile}-${withUser}`;
      await user(profile, name);
      const before = await attack(profile, name, 4);
      if (withUser) assert.equal(short(await signIn(profile, name, PASSWORD)), "tokens");
      seen[`${profile}/${withUser}`] = [...before, ...(await attack(profile, name, 3))];
      n.clock.advance(16 * 60_000); // idle: every counter restarts
    }
  }
  assert.deepEqual(seen["strict/false"], ["wrong", "wrong", "wrong", "wrong", "wrong", "locked", "locked"]);
  assert.deepEqual(seen["strict/true"], seen["strict/false"], "strict: the sign-in left no trace");
  assert.deepEqual(seen["cognito/true"], ["wrong", "wrong", "wrong", "wrong", "wrong", "wrong", "wrong"]);
  assert.notDeepEqual(
    seen["cognito/true"],
    seen["cognito/false"],
    "cognito: a success starts the count again",
  );
});

test("(f) strict: username and email alias do not share a counter, exactly like an unknown pair; the user's budget stays silent", async () => {
  const run = async (profile: "cognito" | "strict", name: string, withRight: boolean) => {
    const out = await attack(profile, name, 5);
    out.push(...(await attack(profile, `${name}@example.com`, 1)));
    out.push(short(await signIn(profile, `${name}@example.com`, withRight ? PASSWORD : WRONG)));
    n.clock.advance(16 * 60_000);
    return out;
  };
  await user("strict", "fay");
  await user("cognito", "fay");
  const strictReal = await run("strict", "fay", true);
  const strictUnknown = await run("strict", "nobody", true);
  assert.deepEqual(strictReal, ["wrong", "wrong", "wrong", "wrong", "wrong", "wrong", "wrong"]);
  assert.deepEqual(strictUnknown, strictReal, "a real user's username and alias look like two unknown names");
  // cognito: the alias shares the username's counter, which an unknown pair does not (Cognito's behaviour).
  assert.deepEqual(await run("cognito", "fay", true), [
    "wrong",
    "wrong",
    "wrong",
    "wrong",
    "wrong",
    "locked",
    "locked",
  ]);
  assert.deepEqual(await run("cognito", "nobody", true), strictReal);

  // strict: once the user's budget lock (1 s after its fifth failure) lapses, the right password works
  // under the alias; during it, it was answered as a wrong password and not accepted.
  await attack("strict", "fay", 5);
  assert.equal(short(await signIn("strict", "fay@example.com", PASSWORD)), "wrong");
  n.clock.advance(1000);
  assert.equal(short(await signIn("strict", "fay@example.com", PASSWORD)), "tokens");
});
