import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AdminResetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Config } from "../../src/config/config.ts";
import { maskEmail } from "../../src/domain/codes/mask.ts";
import type { Answer, Mode } from "../../src/domain/existence/index.ts";
import { recoveryRows } from "../../src/domain/existence/recovery-rows.ts";
import { passwordMatches } from "../../src/domain/users/credentials.ts";
import {
  expectCognitoError,
  expectOk,
  lastCode,
  MODES,
  outbox,
  type PoolWithClients,
  patchUser,
  poolWithClients,
  putUser,
  type Settled,
  settle,
  storedUser,
  uniq,
} from "./fixtures.ts";
import { startTestServer, type TestServer } from "./server.ts";

/**
 * Every row of the existence table for sign-up, confirmation and recovery (docs/existence.md), in both
 * modes, through the real AWS SDK against the started server. Each row's scenario prepares a user in
 * that state; the row says whether the call must fail (exact type and message), take the real path, or
 * take the masked path, and the scenario checks what that means for its operation. Registered by
 * test/e2e/existence-recovery.test.ts (SQLite) and existence-recovery-postgres.test.ts.
 */
export function existenceRowTests(overrides: Partial<Config> = {}): void {
  before(async () => {
    s = await startTestServer(overrides);
    main = await poolWithClients(s, { AutoVerifiedAttributes: ["email"] });
    emailPool = await poolWithClients(s, {
      UsernameAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
    });
    phonePool = await poolWithClients(s, {
      UsernameAttributes: ["phone_number"],
      AutoVerifiedAttributes: ["phone_number"],
    });
    prefPool = await poolWithClients(s, {
      AliasAttributes: ["preferred_username"],
      AutoVerifiedAttributes: ["email"],
    });
  });
  after(() => s.stop());
  for (const row of recoveryRows) {
    for (const mode of MODES) {
      test(`${row.operation} · ${row.state} · ${mode}`, async () => {
        const scenario = scenarios[`${row.operation}|${row.state}`];
        assert.ok(scenario, `no scenario for ${row.operation} / ${row.state}`);
        await check(mode === "ENABLED" ? row.enabled : row.legacy, await scenario(mode));
      });
    }
  }
  test("every scenario belongs to a row of the table", () => {
    const keys = new Set(recoveryRows.map((r) => `${r.operation}|${r.state}`));
    for (const k of Object.keys(scenarios)) assert.ok(keys.has(k), `${k} is not a row of the table`);
  });
}

let s: TestServer;
let main: PoolWithClients; // plain usernames, AutoVerifiedAttributes [email], no AccountRecoverySetting
let emailPool: PoolWithClients; // UsernameAttributes [email]
let phonePool: PoolWithClients; // UsernameAttributes [phone_number]
let prefPool: PoolWithClients; // AliasAttributes [preferred_username]

const PASSWORD = "Passw0rd!";
const NEW_PASSWORD = "N3w-Passw0rd!";
const MISMATCH = ["CodeMismatchException", "Invalid verification code provided, please try again."] as const;
const FAKE_EMAIL_MASK = /^[a-z]\*\*\*@[a-z]\*\*\*$/;

/** What a scenario hands the runner: the call under test and what its real / masked path must show. */
interface Prepared {
  call(): Promise<object>;
  proceed?(r: Settled): Promise<void>;
  simulate?(r: Settled): Promise<void>;
}
type Scenario = (mode: Mode) => Promise<Prepared>;

const send = {
  signUp: (p: PoolWithClients, mode: Mode, Username: string, attrs: Record<string, string> = {}) =>
    s.client.send(
      new SignUpCommand({
        ClientId: p.clients[mode],
        Username,
        Password: PASSWORD,
        UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
      }),
    ),
  confirm: (mode: Mode, Username: string, ConfirmationCode: string) =>
    s.client.send(new ConfirmSignUpCommand({ ClientId: main.clients[mode], Username, ConfirmationCode })),
  resend: (mode: Mode, Username: string) =>
    s.client.send(new ResendConfirmationCodeCommand({ ClientId: main.clients[mode], Username })),
  forgot: (mode: Mode, Username: string) =>
    s.client.send(new ForgotPasswordCommand({ ClientId: main.clients[mode], Username })),
  confirmForgot: (mode: Mode, Username: string, ConfirmationCode: string) =>
    s.client.send(
      new ConfirmForgotPasswordCommand({
        ClientId: main.clients[mode],
        Username,
        ConfirmationCode,
        Password: NEW_PASSWORD,
      }),
    ),
  adminReset: (Username: string) =>
    s.client.send(new AdminResetUserPasswordCommand({ UserPoolId: main.poolId, Username })),
};

const verifiedEmail = (name: string) => ({ email: `${name}@example.com`, email_verified: "true" });
const details = (r: Settled) => expectOk(r).CodeDeliveryDetails as Record<string, string>;

/** Masked delivery: the expected answer, stable on a second call, and no real message for the name. */
function maskedDelivery(
  again: () => Promise<object>,
  username: string,
  expected: { Destination: string | RegExp },
) {
  return async (r: Settled) => {
    const d = details(r);
    assert.equal(d.DeliveryMedium, "EMAIL");
    assert.equal(d.AttributeName, "email");
    if (typeof expected.Destination === "string") assert.equal(d.Destination, expected.Destination);
    else assert.match(d.Destination ?? "", expected.Destination);
    assert.deepEqual(details(await settle(again())), d, "simulated answers are stable");
    const sent = (await outbox(s, main.poolId, username)).filter((m) => m.code !== null);
    assert.equal(sent.length, 0, "the masked path sends nothing");
  };
}

/** Real delivery: the user's own masked email and a new message with a code. */
function realDelivery(username: string, email: string, purpose: string) {
  return async (r: Settled) => {
    assert.deepEqual(details(r), {
      AttributeName: "email",
      DeliveryMedium: "EMAIL",
      Destination: maskEmail(email),
    });
    assert.match(await lastCode(s, main.poolId, username, purpose), /^\d{6}$/);
  };
}

const mismatch = (r: Settled) => expectCognitoError(r, ...MISMATCH);

const scenarios: Record<string, Scenario> = {
  // SignUp
  "SignUp|unknown-user": async (mode) => {
    const name = uniq("new");
    return {
      call: () => send.signUp(main, mode, name, { email: `${name}@example.com` }),
      proceed: async (r) => {
        const out = expectOk(r);
        assert.equal(out.UserConfirmed, false);
        assert.match(String(out.UserSub), /^[0-9a-f-]{36}$/);
        assert.deepEqual(out.CodeDeliveryDetails, {
          AttributeName: "email",
          DeliveryMedium: "EMAIL",
          Destination: maskEmail(`${name}@example.com`),
        });
        assert.equal((await storedUser(s, main.poolId, name))?.status, "UNCONFIRMED");
      },
    };
  },
  "SignUp|username-taken": async (mode) => {
    const name = uniq("taken");
    await putUser(s, main.poolId, { username: name });
    return { call: () => send.signUp(main, mode, name) };
  },
  "SignUp|email-taken": async (mode) => {
    const email = `${uniq("mail")}@example.com`;
    await putUser(s, emailPool.poolId, { attributes: { email } });
    return { call: () => send.signUp(emailPool, mode, email) };
  },
  "SignUp|phone-taken": async (mode) => {
    const phone = `+1206${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
    await putUser(s, phonePool.poolId, { attributes: { phone_number: phone } });
    return { call: () => send.signUp(phonePool, mode, phone) };
  },
  "SignUp|preferred-username-taken": async (mode) => {
    const pref = uniq("pref");
    await putUser(s, prefPool.poolId, { username: uniq("holder"), attributes: { preferred_username: pref } });
    return { call: () => send.signUp(prefPool, mode, uniq("second"), { preferred_username: pref }) };
  },

  // ConfirmSignUp
  "ConfirmSignUp|unknown-user": async (mode) => ({
    call: () => send.confirm(mode, uniq("ghost"), "123456"),
    simulate: mismatch,
  }),
  "ConfirmSignUp|disabled-user": async (mode) => {
    const name = uniq("off");
    await send.signUp(main, mode, name, { email: `${name}@example.com` });
    const code = await lastCode(s, main.poolId, name, "SIGN_UP");
    await patchUser(s, main.poolId, name, { enabled: false });
    // Even the right code is a mismatch on the masked path.
    return { call: () => send.confirm(mode, name, code), simulate: mismatch };
  },
  "ConfirmSignUp|unconfirmed": async (mode) => {
    const name = uniq("conf");
    await send.signUp(main, mode, name, { email: `${name}@example.com` });
    const code = await lastCode(s, main.poolId, name, "SIGN_UP");
    return {
      call: () => send.confirm(mode, name, code),
      proceed: async (r) => {
        expectOk(r);
        const u = await storedUser(s, main.poolId, name);
        assert.equal(u?.status, "CONFIRMED");
        assert.equal(u?.attributes.email_verified, "true");
      },
    };
  },
  ...statusRows("ConfirmSignUp", (mode, name) => send.confirm(mode, name, "123456")),

  // ResendConfirmationCode
  "ResendConfirmationCode|unknown-user": async (mode) => {
    const name = uniq("ghost");
    const call = () => send.resend(mode, name);
    return { call, simulate: maskedDelivery(call, name, { Destination: FAKE_EMAIL_MASK }) };
  },
  "ResendConfirmationCode|disabled-user": async (mode) => {
    const name = uniq("off");
    await putUser(s, main.poolId, {
      username: name,
      status: "UNCONFIRMED",
      enabled: false,
      attributes: { email: `${name}@example.com` },
    });
    const call = () => send.resend(mode, name);
    return { call, simulate: maskedDelivery(call, name, { Destination: maskEmail(`${name}@example.com`) }) };
  },
  "ResendConfirmationCode|unconfirmed": async (mode) => {
    const name = uniq("unc");
    await putUser(s, main.poolId, {
      username: name,
      status: "UNCONFIRMED",
      attributes: { email: `${name}@example.com` },
    });
    return {
      call: () => send.resend(mode, name),
      proceed: realDelivery(name, `${name}@example.com`, "SIGN_UP"),
    };
  },
  "ResendConfirmationCode|no-contact": async (mode) => {
    const name = uniq("nocontact");
    await putUser(s, main.poolId, {
      username: name,
      status: "UNCONFIRMED",
      attributes: { phone_number: "+12065550100" },
    });
    const call = () => send.resend(mode, name);
    return { call, simulate: maskedDelivery(call, name, { Destination: FAKE_EMAIL_MASK }) };
  },
  ...statusRows("ResendConfirmationCode", (mode, name) => send.resend(mode, name)),

  // ForgotPassword
  "ForgotPassword|unknown-user": async (mode) => {
    const name = uniq("ghost");
    const call = () => send.forgot(mode, name);
    return { call, simulate: maskedDelivery(call, name, { Destination: FAKE_EMAIL_MASK }) };
  },
  "ForgotPassword|disabled-user": async (mode) => {
    const name = uniq("off");
    await putUser(s, main.poolId, { username: name, enabled: false, attributes: verifiedEmail(name) });
    const call = () => send.forgot(mode, name);
    return { call, simulate: maskedDelivery(call, name, { Destination: maskEmail(`${name}@example.com`) }) };
  },
  "ForgotPassword|no-verified-contact": async (mode) => {
    const name = uniq("unverified");
    await putUser(s, main.poolId, { username: name, attributes: { email: `${name}@example.com` } });
    const call = () => send.forgot(mode, name);
    return { call, simulate: maskedDelivery(call, name, { Destination: maskEmail(`${name}@example.com`) }) };
  },
  "ForgotPassword|force-change-password": async (mode) => {
    const name = uniq("fcp");
    await putUser(s, main.poolId, {
      username: name,
      status: "FORCE_CHANGE_PASSWORD",
      attributes: verifiedEmail(name),
    });
    return { call: () => send.forgot(mode, name) };
  },
  ...Object.fromEntries(
    (["unconfirmed", "confirmed", "reset-required"] as const).map((state) => [
      `ForgotPassword|${state}`,
      async (mode: Mode): Promise<Prepared> => {
        const name = uniq(state);
        await putUser(s, main.poolId, {
          username: name,
          status: STATUS[state],
          attributes: verifiedEmail(name),
        });
        return {
          call: () => send.forgot(mode, name),
          proceed: realDelivery(name, `${name}@example.com`, "FORGOT_PASSWORD"),
        };
      },
    ]),
  ),

  // ConfirmForgotPassword
  "ConfirmForgotPassword|unknown-user": async (mode) => ({
    call: () => send.confirmForgot(mode, uniq("ghost"), "123456"),
    simulate: mismatch,
  }),
  "ConfirmForgotPassword|disabled-user": async (mode) => {
    const name = uniq("off");
    await putUser(s, main.poolId, { username: name, attributes: verifiedEmail(name) });
    await send.forgot(mode, name);
    const code = await lastCode(s, main.poolId, name, "FORGOT_PASSWORD");
    await patchUser(s, main.poolId, name, { enabled: false });
    return { call: () => send.confirmForgot(mode, name, code), simulate: mismatch };
  },
  ...Object.fromEntries(
    (["unconfirmed", "confirmed", "reset-required"] as const).map((state) => [
      `ConfirmForgotPassword|${state}`,
      async (mode: Mode): Promise<Prepared> => {
        const name = uniq(state);
        await putUser(s, main.poolId, {
          username: name,
          status: STATUS[state],
          attributes: verifiedEmail(name),
        });
        await send.forgot(mode, name);
        const code = await lastCode(s, main.poolId, name, "FORGOT_PASSWORD");
        return {
          call: () => send.confirmForgot(mode, name, code),
          proceed: async (r) => {
            expectOk(r);
            const u = await storedUser(s, main.poolId, name);
            assert.ok(u);
            assert.equal(u.status, "CONFIRMED");
            assert.ok(passwordMatches(s.app.services.box, u, NEW_PASSWORD));
          },
        };
      },
    ]),
  ),
  "ConfirmForgotPassword|force-change-password": async (mode) => {
    const name = uniq("fcp");
    await putUser(s, main.poolId, {
      username: name,
      status: "FORCE_CHANGE_PASSWORD",
      attributes: verifiedEmail(name),
    });
    return {
      call: () => send.confirmForgot(mode, name, "123456"),
      // The real path: no code can have been requested, so ExpiredCodeException.
      proceed: (r) =>
        expectCognitoError(r, "ExpiredCodeException", "Invalid code provided, please request a code again."),
    };
  },

  // AdminResetUserPassword (mode-independent: the setting belongs to app clients)
  "AdminResetUserPassword|unknown-user": async () => ({ call: () => send.adminReset(uniq("ghost")) }),
  "AdminResetUserPassword|force-change-password": async () => {
    const name = uniq("fcp");
    await putUser(s, main.poolId, {
      username: name,
      status: "FORCE_CHANGE_PASSWORD",
      attributes: verifiedEmail(name),
    });
    return { call: () => send.adminReset(name) };
  },
  ...Object.fromEntries(
    (["disabled-user", "unconfirmed", "confirmed", "reset-required"] as const).map((state) => [
      `AdminResetUserPassword|${state}`,
      async (): Promise<Prepared> => {
        const name = uniq(state);
        await putUser(s, main.poolId, {
          username: name,
          status: state === "disabled-user" ? "CONFIRMED" : STATUS[state],
          enabled: state !== "disabled-user",
          attributes: verifiedEmail(name),
        });
        return {
          call: () => send.adminReset(name),
          proceed: async (r) => {
            expectOk(r);
            assert.equal((await storedUser(s, main.poolId, name))?.status, "RESET_REQUIRED");
            assert.match(await lastCode(s, main.poolId, name, "FORGOT_PASSWORD"), /^\d{6}$/);
          },
        };
      },
    ]),
  ),
};

const STATUS = {
  unconfirmed: "UNCONFIRMED",
  confirmed: "CONFIRMED",
  "force-change-password": "FORCE_CHANGE_PASSWORD",
  "reset-required": "RESET_REQUIRED",
} as const;

/** Rows whose user only needs a status (the answer is a fixed error in both modes). */
function statusRows(
  op: string,
  call: (mode: Mode, name: string) => Promise<object>,
): Record<string, Scenario> {
  return Object.fromEntries(
    (["confirmed", "force-change-password", "reset-required"] as const).map((state) => [
      `${op}|${state}`,
      async (mode: Mode): Promise<Prepared> => {
        const name = uniq(state);
        await putUser(s, main.poolId, {
          username: name,
          status: STATUS[state],
          attributes: verifiedEmail(name),
        });
        return { call: () => call(mode, name) };
      },
    ]),
  );
}

async function check(answer: Answer, p: Prepared): Promise<void> {
  const r = await settle(p.call());
  if (answer.kind === "fail") return expectCognitoError(r, answer.type, answer.message);
  const verify = answer.kind === "proceed" ? p.proceed : p.simulate;
  assert.ok(verify, `the scenario has no ${answer.kind} check`);
  await verify(r);
}
