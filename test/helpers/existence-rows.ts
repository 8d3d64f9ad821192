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
import { type Channel, nameMac, simulatedDelivery } from "../../src/domain/codes/delivery.ts";
import { maskEmail } from "../../src/domain/codes/mask.ts";
import { NOTICE_PURPOSE } from "../../src/domain/codes/sign-up-notice.ts";
import {
  type Answer,
  EXISTENCE_PROFILE_TAG,
  EXISTENCE_PROFILES,
  type ExistenceProfile,
  existence,
  type Mode,
} from "../../src/domain/existence/index.ts";
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
 * profiles (each pool tagged hushpool:existence-profile) and both modes, through the real AWS SDK
 * against the started server. Each row's scenario prepares a user in that state; the row says whether
 * the call must fail (exact type and message), take the real path, or take the masked path, and the
 * scenario checks what that means for its operation and profile. Registered by
 * test/e2e/existence-recovery.test.ts (SQLite) and existence-recovery-postgres.test.ts.
 */
export function existenceRowTests(overrides: Partial<Config> = {}): void {
  before(async () => {
    s = await startTestServer(overrides);
    for (const profile of EXISTENCE_PROFILES) {
      const tagged = { UserPoolTags: { [EXISTENCE_PROFILE_TAG]: profile } };
      pools[profile] = {
        main: await poolWithClients(s, { ...tagged, AutoVerifiedAttributes: ["email"] }),
        email: await poolWithClients(s, {
          ...tagged,
          UsernameAttributes: ["email"],
          AutoVerifiedAttributes: ["email"],
        }),
        phone: await poolWithClients(s, {
          ...tagged,
          UsernameAttributes: ["phone_number"],
          AutoVerifiedAttributes: ["phone_number"],
        }),
        pref: await poolWithClients(s, {
          ...tagged,
          AliasAttributes: ["preferred_username"],
          AutoVerifiedAttributes: ["email"],
        }),
      };
    }
  });
  after(() => s.stop());
  for (const row of recoveryRows) {
    for (const profile of EXISTENCE_PROFILES) {
      for (const mode of MODES) {
        test(`${row.operation} · ${row.state} · ${profile} · ${mode}`, async () => {
          const scenario = scenarios[`${row.operation}|${row.state}`];
          assert.ok(scenario, `no scenario for ${row.operation} / ${row.state}`);
          const c = ctxOf(mode, profile);
          await check(existence.answerOf(row, mode, profile), await scenario(c));
        });
      }
    }
  }
  test("every scenario belongs to a row of the table", () => {
    const keys = new Set(recoveryRows.map((r) => `${r.operation}|${r.state}`));
    for (const k of Object.keys(scenarios)) assert.ok(keys.has(k), `${k} is not a row of the table`);
  });
}

let s: TestServer;
/** One set of pools per profile. */
interface Pools {
  main: PoolWithClients; // plain usernames, AutoVerifiedAttributes [email], no AccountRecoverySetting
  email: PoolWithClients; // UsernameAttributes [email]
  phone: PoolWithClients; // UsernameAttributes [phone_number]
  pref: PoolWithClients; // AliasAttributes [preferred_username]
}
const pools = {} as Record<ExistenceProfile, Pools>;

/** What a scenario runs in: the client's mode, the pool's profile, that profile's pools. */
interface Ctx {
  mode: Mode;
  profile: ExistenceProfile;
  p: Pools;
  /** The main pool's id. */
  poolId: string;
}
const ctxOf = (mode: Mode, profile: ExistenceProfile): Ctx => {
  const p = pools[profile];
  return { mode, profile, p, poolId: p.main.poolId };
};

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
type Scenario = (c: Ctx) => Promise<Prepared>;

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
  confirm: (c: Ctx, Username: string, ConfirmationCode: string) =>
    s.client.send(
      new ConfirmSignUpCommand({ ClientId: c.p.main.clients[c.mode], Username, ConfirmationCode }),
    ),
  resend: (c: Ctx, Username: string) =>
    s.client.send(new ResendConfirmationCodeCommand({ ClientId: c.p.main.clients[c.mode], Username })),
  forgot: (c: Ctx, Username: string) =>
    s.client.send(new ForgotPasswordCommand({ ClientId: c.p.main.clients[c.mode], Username })),
  confirmForgot: (c: Ctx, Username: string, ConfirmationCode: string) =>
    s.client.send(
      new ConfirmForgotPasswordCommand({
        ClientId: c.p.main.clients[c.mode],
        Username,
        ConfirmationCode,
        Password: NEW_PASSWORD,
      }),
    ),
  adminReset: (c: Ctx, Username: string) =>
    s.client.send(new AdminResetUserPasswordCommand({ UserPoolId: c.poolId, Username })),
};

/** The strict profile's answer for a name (docs/existence.md#the-strict-profile): a function of the typed name only. */
async function simulatedFor(poolId: string, channel: Channel, name: string) {
  const pool = await s.app.services.store.pools.get(poolId);
  assert.ok(pool);
  return simulatedDelivery(pool, channel, name, nameMac(s.app.services.secrets, pool, name));
}

const verifiedEmail = (name: string) => ({ email: `${name}@example.com`, email_verified: "true" });
const details = (r: Settled) => expectOk(r).CodeDeliveryDetails as Record<string, string>;

/**
 * Masked delivery: the expected answer, stable on a second call, and no real message for the name.
 * `own` is the cognito profile's answer for an existing user (their own contact, masked); a strict
 * pool answers the typed name's simulated delivery for everyone.
 */
function maskedDelivery(
  c: Ctx,
  again: () => Promise<object>,
  username: string,
  channel: Channel,
  own?: string,
) {
  return async (r: Settled) => {
    const d = details(r);
    assert.equal(d.DeliveryMedium, "EMAIL");
    assert.equal(d.AttributeName, "email");
    if (c.profile === "strict") assert.deepEqual(d, await simulatedFor(c.poolId, channel, username));
    else if (own !== undefined) assert.equal(d.Destination, own);
    else assert.match(d.Destination ?? "", FAKE_EMAIL_MASK);
    assert.deepEqual(details(await settle(again())), d, "simulated answers are stable");
    const sent = (await outbox(s, c.poolId, username)).filter((m) => m.code !== null);
    assert.equal(sent.length, 0, "the masked path sends nothing");
  };
}

/**
 * Real delivery: a new message with a code; the answer is the user's own masked email (cognito) or,
 * in a strict pool, the same simulated delivery an unknown name gets.
 */
function realDelivery(c: Ctx, username: string, email: string, purpose: string) {
  return async (r: Settled) => {
    const channel: Channel = purpose === "SIGN_UP" ? "sign-up" : "recovery";
    const expected =
      c.profile === "strict"
        ? await simulatedFor(c.poolId, channel, username)
        : { AttributeName: "email", DeliveryMedium: "EMAIL", Destination: maskEmail(email) };
    assert.deepEqual(details(r), expected);
    assert.match(await lastCode(s, c.poolId, username, purpose), /^\d{6}$/);
  };
}

const mismatch = (r: Settled) => expectCognitoError(r, ...MISMATCH);

/**
 * Strict SignUp of a taken name: the answer a new name with the caller's attributes gets (a fresh
 * UserSub, the caller's own email masked), and a notice to the holder, without a code.
 */
function simulatedSignUp(poolId: string, holder: { username: string; sub: string }, callerEmail?: string) {
  return async (r: Settled) => {
    const out = expectOk(r);
    // The members a new name's answer has (their order on the wire: test/e2e/existence-profiles.test.ts).
    assert.deepEqual(
      Object.keys(out)
        .filter((k) => k !== "$metadata")
        .sort(),
      [...(callerEmail ? ["CodeDeliveryDetails"] : []), "UserConfirmed", "UserSub"],
    );
    assert.equal(out.UserConfirmed, false);
    assert.match(String(out.UserSub), UUID);
    assert.notEqual(out.UserSub, holder.sub);
    if (callerEmail) {
      assert.deepEqual(out.CodeDeliveryDetails, {
        AttributeName: "email",
        DeliveryMedium: "EMAIL",
        Destination: maskEmail(callerEmail),
      });
    }
    const notices = (await outbox(s, poolId, holder.username)).filter((m) => m.purpose === NOTICE_PURPOSE);
    assert.equal(notices.length, 1, "the holder is told once");
    assert.equal(notices[0]?.code, null);
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const scenarios: Record<string, Scenario> = {
  // SignUp
  "SignUp|unknown-user": async (c) => {
    const name = uniq("new");
    return {
      call: () => send.signUp(c.p.main, c.mode, name, { email: `${name}@example.com` }),
      proceed: async (r) => {
        const out = expectOk(r);
        assert.equal(out.UserConfirmed, false);
        assert.match(String(out.UserSub), /^[0-9a-f-]{36}$/);
        assert.deepEqual(out.CodeDeliveryDetails, {
          AttributeName: "email",
          DeliveryMedium: "EMAIL",
          Destination: maskEmail(`${name}@example.com`),
        });
        assert.equal((await storedUser(s, c.poolId, name))?.status, "UNCONFIRMED");
      },
    };
  },
  "SignUp|username-taken": async (c) => {
    const name = uniq("taken");
    const holder = await putUser(s, c.poolId, { username: name, attributes: verifiedEmail(`${name}-h`) });
    const mine = `${uniq("caller")}@example.com`;
    return {
      call: () => send.signUp(c.p.main, c.mode, name, { email: mine }),
      simulate: simulatedSignUp(c.poolId, holder, mine),
    };
  },
  "SignUp|email-taken": async (c) => {
    const email = `${uniq("mail")}@example.com`;
    const holder = await putUser(s, c.p.email.poolId, { attributes: { email } });
    return {
      call: () => send.signUp(c.p.email, c.mode, email),
      simulate: async (r) => {
        await simulatedSignUp(c.p.email.poolId, holder, email)(r);
        const [notice] = await outbox(s, c.p.email.poolId, holder.username);
        assert.equal(notice?.destination, email, "the notice goes to the taken address");
      },
    };
  },
  "SignUp|phone-taken": async (c) => {
    const phone = `+1206${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
    const holder = await putUser(s, c.p.phone.poolId, { attributes: { phone_number: phone } });
    return {
      call: () => send.signUp(c.p.phone, c.mode, phone),
      simulate: async (r) => {
        const out = expectOk(r);
        assert.deepEqual(out.CodeDeliveryDetails, {
          AttributeName: "phone_number",
          DeliveryMedium: "SMS",
          Destination: `+*******${phone.slice(-4)}`,
        });
        const notices = await outbox(s, c.p.phone.poolId, holder.username);
        assert.deepEqual(
          notices.map((m) => [m.purpose, m.medium, m.destination]),
          [[NOTICE_PURPOSE, "SMS", phone]],
        );
      },
    };
  },
  "SignUp|preferred-username-taken": async (c) => {
    const pref = uniq("pref");
    const holder = await putUser(s, c.p.pref.poolId, {
      username: uniq("holder"),
      attributes: { preferred_username: pref, ...verifiedEmail(pref) },
    });
    return {
      call: () => send.signUp(c.p.pref, c.mode, uniq("second"), { preferred_username: pref }),
      simulate: simulatedSignUp(c.p.pref.poolId, holder),
    };
  },

  // ConfirmSignUp
  "ConfirmSignUp|unknown-user": async (c) => ({
    call: () => send.confirm(c, uniq("ghost"), "123456"),
    simulate: mismatch,
  }),
  "ConfirmSignUp|disabled-user": async (c) => {
    const name = uniq("off");
    await send.signUp(c.p.main, c.mode, name, { email: `${name}@example.com` });
    const code = await lastCode(s, c.poolId, name, "SIGN_UP");
    await patchUser(s, c.poolId, name, { enabled: false });
    // Even the right code is a mismatch on the masked path.
    return { call: () => send.confirm(c, name, code), simulate: mismatch };
  },
  "ConfirmSignUp|unconfirmed": async (c) => {
    const name = uniq("conf");
    await send.signUp(c.p.main, c.mode, name, { email: `${name}@example.com` });
    const code = await lastCode(s, c.poolId, name, "SIGN_UP");
    return {
      call: () => send.confirm(c, name, code),
      proceed: async (r) => {
        expectOk(r);
        const u = await storedUser(s, c.poolId, name);
        assert.equal(u?.status, "CONFIRMED");
        assert.equal(u?.attributes.email_verified, "true");
      },
    };
  },
  ...statusRows("ConfirmSignUp", (c, name) => send.confirm(c, name, "123456"), mismatch),
  "ConfirmSignUp|expired-code": async (c) => {
    // An UNCONFIRMED user with no live code (never sent one, or past its 24 hours).
    const name = uniq("nocode");
    await putUser(s, c.poolId, {
      username: name,
      status: "UNCONFIRMED",
      attributes: { email: `${name}@x.org` },
    });
    return { call: () => send.confirm(c, name, "123456") };
  },

  // ResendConfirmationCode
  "ResendConfirmationCode|unknown-user": async (c) => {
    const name = uniq("ghost");
    const call = () => send.resend(c, name);
    return { call, simulate: maskedDelivery(c, call, name, "sign-up") };
  },
  "ResendConfirmationCode|disabled-user": async (c) => {
    const name = uniq("off");
    await putUser(s, c.poolId, {
      username: name,
      status: "UNCONFIRMED",
      enabled: false,
      attributes: { email: `${name}@example.com` },
    });
    const call = () => send.resend(c, name);
    return { call, simulate: maskedDelivery(c, call, name, "sign-up", maskEmail(`${name}@example.com`)) };
  },
  "ResendConfirmationCode|unconfirmed": async (c) => {
    const name = uniq("unc");
    await putUser(s, c.poolId, {
      username: name,
      status: "UNCONFIRMED",
      attributes: { email: `${name}@example.com` },
    });
    return {
      call: () => send.resend(c, name),
      proceed: realDelivery(c, name, `${name}@example.com`, "SIGN_UP"),
    };
  },
  "ResendConfirmationCode|no-contact": async (c) => {
    const name = uniq("nocontact");
    await putUser(s, c.poolId, {
      username: name,
      status: "UNCONFIRMED",
      attributes: { phone_number: "+12065550100" },
    });
    const call = () => send.resend(c, name);
    return { call, simulate: maskedDelivery(c, call, name, "sign-up") };
  },
  ...statusRows("ResendConfirmationCode", (c, name) => send.resend(c, name), undefined, "sign-up"),

  // ForgotPassword
  "ForgotPassword|unknown-user": async (c) => {
    const name = uniq("ghost");
    const call = () => send.forgot(c, name);
    return { call, simulate: maskedDelivery(c, call, name, "recovery") };
  },
  "ForgotPassword|disabled-user": async (c) => {
    const name = uniq("off");
    await putUser(s, c.poolId, { username: name, enabled: false, attributes: verifiedEmail(name) });
    const call = () => send.forgot(c, name);
    return { call, simulate: maskedDelivery(c, call, name, "recovery", maskEmail(`${name}@example.com`)) };
  },
  "ForgotPassword|no-verified-contact": async (c) => {
    const name = uniq("unverified");
    await putUser(s, c.poolId, { username: name, attributes: { email: `${name}@example.com` } });
    const call = () => send.forgot(c, name);
    return { call, simulate: maskedDelivery(c, call, name, "recovery", maskEmail(`${name}@example.com`)) };
  },
  "ForgotPassword|force-change-password": async (c) => {
    const name = uniq("fcp");
    await putUser(s, c.poolId, {
      username: name,
      status: "FORCE_CHANGE_PASSWORD",
      attributes: verifiedEmail(name),
    });
    const call = () => send.forgot(c, name);
    return { call, simulate: maskedDelivery(c, call, name, "recovery") };
  },
  ...Object.fromEntries(
    (["unconfirmed", "confirmed", "reset-required"] as const).map((state) => [
      `ForgotPassword|${state}`,
      async (c: Ctx): Promise<Prepared> => {
        const name = uniq(state);
        await putUser(s, c.poolId, {
          username: name,
          status: STATUS[state],
          attributes: verifiedEmail(name),
        });
        return {
          call: () => send.forgot(c, name),
          proceed: realDelivery(c, name, `${name}@example.com`, "FORGOT_PASSWORD"),
        };
      },
    ]),
  ),

  // ConfirmForgotPassword
  "ConfirmForgotPassword|unknown-user": async (c) => ({
    call: () => send.confirmForgot(c, uniq("ghost"), "123456"),
    simulate: mismatch,
  }),
  "ConfirmForgotPassword|disabled-user": async (c) => {
    const name = uniq("off");
    await putUser(s, c.poolId, { username: name, attributes: verifiedEmail(name) });
    await send.forgot(c, name);
    const code = await lastCode(s, c.poolId, name, "FORGOT_PASSWORD");
    await patchUser(s, c.poolId, name, { enabled: false });
    return { call: () => send.confirmForgot(c, name, code), simulate: mismatch };
  },
  ...Object.fromEntries(
    (["unconfirmed", "confirmed", "reset-required"] as const).map((state) => [
      `ConfirmForgotPassword|${state}`,
      async (c: Ctx): Promise<Prepared> => {
        const name = uniq(state);
        await putUser(s, c.poolId, {
          username: name,
          status: STATUS[state],
          attributes: verifiedEmail(name),
        });
        await send.forgot(c, name);
        const code = await lastCode(s, c.poolId, name, "FORGOT_PASSWORD");
        return {
          call: () => send.confirmForgot(c, name, code),
          proceed: async (r) => {
            expectOk(r);
            const u = await storedUser(s, c.poolId, name);
            assert.ok(u);
            assert.equal(u.status, "CONFIRMED");
            assert.ok(passwordMatches(s.app.services.box, u, NEW_PASSWORD));
          },
        };
      },
    ]),
  ),
  "ConfirmForgotPassword|force-change-password": async (c) => {
    const name = uniq("fcp");
    await putUser(s, c.poolId, {
      username: name,
      status: "FORCE_CHANGE_PASSWORD",
      attributes: verifiedEmail(name),
    });
    return {
      call: () => send.confirmForgot(c, name, "123456"),
      // The real path: no code can have been requested, so the `expired-code` row's answer.
      proceed: (r) => expectAnswer(r, "ConfirmForgotPassword", c),
    };
  },
  "ConfirmForgotPassword|expired-code": async (c) => {
    // A confirmed user who requested no code (or whose code is past its hour).
    const name = uniq("nocode");
    await putUser(s, c.poolId, { username: name, attributes: verifiedEmail(name) });
    return { call: () => send.confirmForgot(c, name, "123456") };
  },

  // AdminResetUserPassword (mode- and profile-independent: the setting belongs to app clients)
  "AdminResetUserPassword|unknown-user": async (c) => ({ call: () => send.adminReset(c, uniq("ghost")) }),
  "AdminResetUserPassword|force-change-password": async (c) => {
    const name = uniq("fcp");
    await putUser(s, c.poolId, {
      username: name,
      status: "FORCE_CHANGE_PASSWORD",
      attributes: verifiedEmail(name),
    });
    return { call: () => send.adminReset(c, name) };
  },
  ...Object.fromEntries(
    (["disabled-user", "unconfirmed", "confirmed", "reset-required"] as const).map((state) => [
      `AdminResetUserPassword|${state}`,
      async (c: Ctx): Promise<Prepared> => {
        const name = uniq(state);
        await putUser(s, c.poolId, {
          username: name,
          status: state === "disabled-user" ? "CONFIRMED" : STATUS[state],
          enabled: state !== "disabled-user",
          attributes: verifiedEmail(name),
        });
        return {
          call: () => send.adminReset(c, name),
          proceed: async (r) => {
            expectOk(r);
            assert.equal((await storedUser(s, c.poolId, name))?.status, "RESET_REQUIRED");
            assert.match(await lastCode(s, c.poolId, name, "FORGOT_PASSWORD"), /^\d{6}$/);
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

/**
 * Rows whose user only needs a status: a fixed error in the cognito profile, the masked path in a
 * strict pool (`simulate`: a mismatch for ConfirmSignUp, else a simulated delivery on `channel`).
 */
function statusRows(
  op: string,
  call: (c: Ctx, name: string) => Promise<object>,
  simulate?: (r: Settled) => Promise<void>,
  channel: Channel = "recovery",
): Record<string, Scenario> {
  return Object.fromEntries(
    (["confirmed", "force-change-password", "reset-required"] as const).map((state) => [
      `${op}|${state}`,
      async (c: Ctx): Promise<Prepared> => {
        const name = uniq(state);
        await putUser(s, c.poolId, {
          username: name,
          status: STATUS[state],
          attributes: verifiedEmail(name),
        });
        const again = () => call(c, name);
        return { call: again, simulate: simulate ?? maskedDelivery(c, again, name, channel) };
      },
    ]),
  );
}

/** The `expired-code` row's answer for the context (ExpiredCodeException, or CodeMismatch in strict). */
function expectAnswer(r: Settled, operation: "ConfirmForgotPassword" | "ConfirmSignUp", c: Ctx) {
  const a = existence.answerOf(existence.rowFor(operation, "expired-code"), c.mode, c.profile);
  assert.equal(a.kind, "fail");
  return expectCognitoError(r, a.type, a.message);
}

async function check(answer: Answer, p: Prepared): Promise<void> {
  const r = await settle(p.call());
  if (answer.kind === "fail") return expectCognitoError(r, answer.type, answer.message);
  const verify = answer.kind === "proceed" ? p.proceed : p.simulate;
  assert.ok(verify, `the scenario has no ${answer.kind} check`);
  await verify(r);
}
