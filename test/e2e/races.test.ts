import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUserGlobalSignOutCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { lockoutKey } from "../../src/domain/auth-flows/index.ts";
import {
  attr,
  confirmedUser,
  createClient,
  createPool,
  expectCognitoError,
  type Settled,
  settle,
} from "../helpers/fixtures.ts";
import { type Nodes, postgresNodes, sqliteNodes } from "../helpers/nodes.ts";
import { postgresUnavailable } from "../helpers/postgres.ts";

/**
 * Races on one user (docs/storage.md#no-lost-updates, docs/authentication.md#password-lockout), on
 * SQLite and on two PostgreSQL nodes: a disable or a global sign-out racing the user's own attribute
 * updates is never undone, and no update is lost; lockout counts exactly under a burst.
 */
const unavailable = await postgresUnavailable();
if (unavailable) console.log(unavailable);

const PASSWORD = "Passw0rd!";
/** Eight writers, each on its own attribute, so a lost update among them shows too. */
const ATTRIBUTES = [
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "nickname",
  "website",
  "locale",
  "zoneinfo",
];
const TRIALS = 20;

function suite(store: string, open: () => Promise<Nodes>, skip: string | false) {
  describe(`races (${store})`, { skip }, () => {
    let n: Nodes;
    let poolId: string;
    let clientId: string;
    before(async () => {
      if (skip) return;
      n = await open();
      poolId = await createPool(n.a);
      clientId = await createClient(n.a, poolId, "ENABLED", {
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      });
    });
    after(() => (skip ? undefined : n.stop()));

    const signIn = (i: number, USERNAME: string, PASSWORD_: string = PASSWORD) =>
      n.node(i).client.send(
        new InitiateAuthCommand({
          AuthFlow: "USER_PASSWORD_AUTH",
          ClientId: clientId,
          AuthParameters: { USERNAME, PASSWORD: PASSWORD_ },
        }),
      );

    /** Eight UpdateUserAttributes with one token, `racer` sent in the middle of them. */
    async function race(token: string, value: string, racer: () => Promise<unknown>) {
      const update = (i: number) =>
        settle(
          n.node(i).client.send(
            new UpdateUserAttributesCommand({
              AccessToken: token,
              UserAttributes: [{ Name: ATTRIBUTES[i] ?? "", Value: value }],
            }),
          ),
        );
      const first = [0, 1, 2, 3].map(update);
      const mid = racer();
      const rest = [4, 5, 6, 7].map(update);
      const [updates] = await Promise.all([Promise.all([...first, ...rest]), mid]);
      return updates;
    }

    /** Updates that succeeded but whose value is not stored: lost. */
    async function lostUpdates(username: string, value: string, updates: Settled[]) {
      const got = await n.a.client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
      return {
        got,
        lost: updates.filter((u, i) => u.ok && attr(got.UserAttributes, ATTRIBUTES[i] ?? "") !== value)
          .length,
      };
    }

    test(`AdminDisableUser racing 8 UpdateUserAttributes, ${TRIALS} trials: nothing lost`, async () => {
      await confirmedUser(n.a, poolId, "dora", PASSWORD);
      let lostDisables = 0;
      let lostAttributes = 0;
      let accepted = 0;
      for (let trial = 0; trial < TRIALS; trial++) {
        n.clock.advance(10);
        const tokens = (await signIn(trial, "dora")).AuthenticationResult;
        const value = `v${trial}`;
        const updates = await race(tokens?.AccessToken ?? "", value, () =>
          n.node(trial).client.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "dora" })),
        );
        accepted += updates.filter((u) => u.ok).length;
        const { got, lost } = await lostUpdates("dora", value, updates);
        lostAttributes += lost;
        if (got.Enabled !== false) lostDisables++;
        // The disabled user's old token is refused, and so is its password.
        await expectCognitoError(
          n.node(trial + 1).client.send(new GetUserCommand({ AccessToken: tokens?.AccessToken })),
          "NotAuthorizedException",
        );
        await expectCognitoError(signIn(trial + 1, "dora"), "NotAuthorizedException", "User is disabled.");
        await n.a.client.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: "dora" }));
      }
      console.log(`${store}: disable races: ${accepted} of ${TRIALS * 8} updates landed before the disable`);
      assert.deepEqual({ lostDisables, lostAttributes }, { lostDisables: 0, lostAttributes: 0 });
    });

    test(`AdminUserGlobalSignOut racing 8 UpdateUserAttributes, ${TRIALS} trials: nothing lost`, async () => {
      await confirmedUser(n.a, poolId, "gus", PASSWORD);
      let liveTokens = 0;
      let lostAttributes = 0;
      for (let trial = 0; trial < TRIALS; trial++) {
        n.clock.advance(10);
        const tokens = (await signIn(trial, "gus")).AuthenticationResult;
        const value = `w${trial}`;
        const updates = await race(tokens?.AccessToken ?? "", value, () =>
          n
            .node(trial)
            .client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: "gus" })),
        );
        lostAttributes += (await lostUpdates("gus", value, updates)).lost;
        const access = await settle(
          n.node(trial + 1).client.send(new GetUserCommand({ AccessToken: tokens?.AccessToken })),
        );
        const refresh = await settle(
          n.node(trial + 1).client.send(
            new InitiateAuthCommand({
              AuthFlow: "REFRESH_TOKEN_AUTH",
              ClientId: clientId,
              AuthParameters: { REFRESH_TOKEN: tokens?.RefreshToken ?? "" },
            }),
          ),
        );
        if (access.ok || refresh.ok) liveTokens++;
      }
      assert.deepEqual({ liveTokens, lostAttributes }, { liveTokens: 0, lostAttributes: 0 });
    });

    test("100 concurrent wrong passwords → exactly 5 evaluated; a burst after the lock lapses → exactly 1", async () => {
      await confirmedUser(n.a, poolId, "lou", PASSWORD);
      const tally = async (count: number, password: string) => {
        const answers = await Promise.all(
          Array.from({ length: count }, (_, i) => settle(signIn(i, "lou", password))),
        );
        const by = (message: string) => answers.filter((a) => !a.ok && a.message === message).length;
        return {
          evaluated: by("Incorrect username or password."),
          locked: by("Password attempts exceeded"),
          other: answers.filter((a) => a.ok || !["NotAuthorizedException"].includes(a.name)).length,
        };
      };
      assert.deepEqual(await tally(100, "wrong-Passw0rd"), { evaluated: 5, locked: 95, other: 0 });
      // The 101st, with the right password, meets the lock: nothing past the fifth was evaluated.
      await expectCognitoError(signIn(1, "lou"), "NotAuthorizedException", "Password attempts exceeded");
      const { secrets, store: db } = n.a.app.services;
      const key = lockoutKey(secrets, poolId, "lou");
      assert.equal((await db.counters.get(key))?.count, 5, "the counter counted exactly the evaluated ones");

      n.clock.advance(1000); // the fifth failure's lock (1 s) lapses
      assert.deepEqual(await tally(50, "wrong-Passw0rd"), { evaluated: 1, locked: 49, other: 0 });
      assert.equal((await db.counters.get(key))?.count, 6);
      n.clock.advance(2000); // the sixth's (2 s)
      assert.ok((await signIn(0, "lou")).AuthenticationResult?.AccessToken, "then the right password works");
    });
  });
}

suite("sqlite", sqliteNodes, false);
suite("postgres, two nodes", postgresNodes, unavailable ?? false);
