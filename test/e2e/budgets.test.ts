import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  createClient,
  createPool,
  lastCode,
  nameValues,
  outbox,
  type Settled,
  settle,
} from "../helpers/fixtures.ts";
import { type Nodes, postgresNodes, sqliteNodes } from "../helpers/nodes.ts";
import { postgresUnavailable } from "../helpers/postgres.ts";

/**
 * Budgets per user and per name (docs/existence.md#budgets-per-user-and-per-name): a user's username
 * and aliases share the user's code-entry budget, and the answers never tell a real name from an
 * unknown one, under PreventUserExistenceErrors ENABLED, on SQLite and on PostgreSQL.
 */
const unavailable = await postgresUnavailable();
if (unavailable) console.log(unavailable);

const answer = (r: Settled) => (r.ok ? "ok" : `${r.name}: ${r.message}`);
const MISMATCH = "CodeMismatchException: Invalid verification code provided, please try again.";
const LIMIT = "LimitExceededException: Attempt limit exceeded, please try after some time.";

function suite(store: string, open: () => Promise<Nodes>, skip: string | false) {
  describe(`code budgets (${store})`, { skip }, () => {
    let n: Nodes;
    let poolId: string;
    let clientId: string;
    before(async () => {
      if (skip) return;
      n = await open();
      poolId = await createPool(n.a, {
        AliasAttributes: ["email", "preferred_username"],
        AutoVerifiedAttributes: ["email"],
      });
      clientId = await createClient(n.a, poolId, "ENABLED");
    });
    after(() => (skip ? undefined : n.stop()));

    const forgot = (i: number, Username: string) =>
      settle(n.node(i).client.send(new ForgotPasswordCommand({ ClientId: clientId, Username })));
    const confirm = (i: number, Username: string, ConfirmationCode: string) =>
      settle(
        n.node(i).client.send(
          new ConfirmForgotPasswordCommand({
            ClientId: clientId,
            Username,
            ConfirmationCode,
            Password: "N3w-Passw0rd!",
          }),
        ),
      );

    /**
     * ForgotPassword under the first name, then 10 wrong codes under the first name, 10 under the
     * second, 8 under the third (28), then the right code under the third, then one more under the first.
     */
    async function guesses(names: [string, string, string], rightCode: () => Promise<string>) {
      const out: string[] = [answer(await forgot(0, names[0]))];
      const code = await rightCode();
      const wrong = code === "000000" ? "111111" : "000000";
      let i = 0;
      for (const [name, count] of [
        [names[0], 10],
        [names[1], 10],
        [names[2], 8],
      ] as const) {
        for (let k = 0; k < count; k++) out.push(answer(await confirm(i++, name, wrong)));
      }
      out.push(answer(await confirm(i++, names[2], code)));
      out.push(answer(await confirm(i++, names[0], wrong)));
      return { out, code };
    }

    test("28 guesses across username, email alias and preferred_username: refused after the user's budget", async () => {
      await n.a.client.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: "kim",
          MessageAction: "SUPPRESS",
          UserAttributes: nameValues({
            email: "kim@example.com",
            email_verified: "true",
            preferred_username: "kimmy",
          }),
        }),
      );
      await n.a.client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: "kim",
          Password: "Passw0rd!",
          Permanent: true,
        }),
      );
      const known = await guesses(["kim", "kim@example.com", "kimmy"], () =>
        lastCode(n.a, poolId, "kim", "FORGOT_PASSWORD"),
      );
      const unknown = await guesses(["ghost", "ghost@example.com", "ghosty"], async () => known.code);
      assert.deepEqual(known.out, [
        "ok",
        ...Array.from({ length: 28 }, () => MISMATCH),
        MISMATCH, // the RIGHT code, under a name with budget left: the user's budget is spent
        LIMIT, // the 11th under one name: the visible per-name limit
      ]);
      assert.deepEqual(unknown.out, known.out, "an unknown trio of names gets the very same answers");

      // Once the hour is over, the user's right code works again.
      n.clock.advance(61 * 60_000);
      assert.equal(answer(await forgot(0, "kim@example.com")), "ok");
      const latest = await lastCode(n.a, poolId, "kim", "FORGOT_PASSWORD");
      assert.equal(answer(await confirm(1, "kimmy", latest)), "ok");
    });

    test("20 ForgotPassword requests across username and email alias: the same answer each time, 10 codes sent", async () => {
      await n.a.client.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: "lee",
          MessageAction: "SUPPRESS",
          UserAttributes: nameValues({ email: "lee@example.com", email_verified: "true" }),
        }),
      );
      await n.a.client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: "lee",
          Password: "Passw0rd!",
          Permanent: true,
        }),
      );
      const answers: string[] = [];
      for (let i = 0; i < 20; i++) {
        const r = await forgot(i, i < 10 ? "lee" : "lee@example.com");
        answers.push(r.ok ? JSON.stringify(r.value.CodeDeliveryDetails) : answer(r));
      }
      assert.equal(new Set(answers).size, 1, `one answer throughout: ${answers[0]}`);
      const sent = (await outbox(n.a, poolId, "lee")).filter((m) => m.purpose === "FORGOT_PASSWORD");
      assert.equal(sent.length, 10, "the user's budget: 10 codes per hour, whichever name asked");
      assert.equal(answer(await forgot(0, "lee")), LIMIT, "the 11th under one name: the visible limit");
    });
  });
}

suite("sqlite", sqliteNodes, false);
suite("postgres, two nodes", postgresNodes, unavailable ?? false);
