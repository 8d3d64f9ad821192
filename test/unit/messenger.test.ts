import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { pino } from "pino";
import { SecretBox } from "../../src/crypto/secret-box.ts";
import { splitAtCode } from "../../src/messaging/content.ts";
import { DECOY_PURPOSE, Messenger } from "../../src/messaging/messenger.ts";
import { readable } from "../../src/messaging/reader.ts";
import { type Delivery, logSender, REDACTED, type Sender } from "../../src/messaging/senders.ts";
import { openStore } from "../../src/storage/open-store.ts";
import type { Store } from "../../src/storage/ports.ts";

/** A box that counts seals and opens, to compare the work of real and decoy messages. */
class CountingBox extends SecretBox {
  seals = 0;
  opens = 0;
  override seal(plain: Buffer | string, context: string): string {
    this.seals++;
    return super.seal(plain, context);
  }
  override open(sealed: string, context: string): Buffer | null {
    this.opens++;
    return super.open(sealed, context);
  }
}

const silent = pino({ level: "silent" });

function recording(receives: boolean): Sender & { sent: Delivery[] } {
  const sent: Delivery[] = [];
  return { sent, receivesSecret: () => receives, send: async (d) => void sent.push(d) };
}

async function setup(sender: Sender, log = silent) {
  const store: Store = await openStore({ dataDir: ":memory:" });
  const box = new CountingBox(randomBytes(32));
  const m = new Messenger(store.outbox, sender, { now: () => 1000 }, log, box);
  const done = async () => {
    await m.close();
    await store.close();
  };
  return { store, box, m, done };
}

const routing = {
  poolId: "p",
  username: "u",
  sub: "s",
  medium: "EMAIL" as const,
  destination: "d@example.com",
};
const codeMessage = {
  ...routing,
  subject: "Your verification code",
  body: splitAtCode("Your verification code is {####}. "),
  code: "123456",
};

test("decoys travel the outbox like real messages but never reach a sender", async () => {
  const sender = recording(true);
  const { store, m, done } = await setup(sender);
  await m.enqueue({ ...codeMessage, purpose: "SIGN_UP" });
  await m.enqueueDecoy({ ...codeMessage, code: "654321" });
  const before = await store.outbox.list("p");
  assert.deepEqual(
    before.map((x) => x.sentAt),
    [null, null],
    "both are written unsent",
  );
  await m.drain();
  assert.deepEqual(
    sender.sent.map((x) => x.purpose),
    ["SIGN_UP"],
  );
  const after = await store.outbox.list("p");
  assert.ok(
    after.every((x) => x.sentAt === 1000),
    "both are marked sent by the drainer",
  );
  assert.deepEqual(after.map((x) => x.purpose).sort(), [DECOY_PURPOSE, "SIGN_UP"].sort());
  await done();
});

test("content is sealed at rest, real and decoy alike, and opened only to send", async () => {
  const sender = recording(true);
  const { store, box, m, done } = await setup(sender);
  await m.enqueue({ ...codeMessage, purpose: "SIGN_UP" });
  assert.deepEqual([box.seals, box.opens], [1, 0], "one seal per real message, nothing opened");
  await m.enqueueDecoy({ ...codeMessage, code: "654321" });
  assert.deepEqual([box.seals, box.opens], [2, 0], "the decoy is sealed the same way");
  const rows = await store.outbox.list("p");
  for (const r of rows) {
    assert.equal(r.sealed, true);
    assert.deepEqual([r.subject, r.code], [null, null]);
    assert.match(r.body, /^v1\./);
    assert.doesNotMatch(JSON.stringify(r), /123456|654321|verification/);
  }
  assert.equal(rows[0]?.body.length, rows[1]?.body.length, "same-size content, same-size seal");
  await m.drain();
  assert.equal(box.opens, 2, "the drainer opens both (the decoy too), and sends one");
  assert.deepEqual(
    sender.sent.map((d) => [d.subject, d.text, d.secret]),
    [["Your verification code", "Your verification code is 123456. ", "123456"]],
  );
  const real = rows.find((r) => r.purpose === "SIGN_UP");
  assert.ok(real);
  assert.deepEqual(
    [readable(box, real).body, readable(box, real).code],
    ["Your verification code is 123456. ", "123456"],
  );
  await done();
});

test("a sender that does not receive secrets never sees one; the log sender logs codes only when told", async () => {
  const hidden = recording(false);
  const a = await setup(hidden);
  await a.m.enqueue({ ...codeMessage, purpose: "FORGOT_PASSWORD" });
  await a.m.enqueue({ ...routing, subject: null, body: "Welcome", code: null, purpose: "WELCOME" });
  await a.m.drain();
  assert.deepEqual(
    hidden.sent.map((d) => [d.text, d.secret]),
    [
      [`Your verification code is ${REDACTED}. `, null],
      ["Welcome", null],
    ],
  );
  await a.done();

  for (const logCodes of [false, true]) {
    const lines: string[] = [];
    const log = pino({ level: "info", base: undefined }, { write: (l: string) => void lines.push(l) });
    const b = await setup(logSender(log, logCodes), log);
    await b.m.enqueue({
      ...routing,
      subject: "Your temporary password",
      body: splitAtCode("Your username is {username} and temporary password is {####}.", {
        "{username}": "{####}",
      }),
      code: "Tmp-Pa55word!",
      purpose: "INVITATION",
    });
    await b.m.drain();
    const all = lines.join("");
    assert.equal(all.includes("Tmp-Pa55word!"), logCodes, `logCodes=${logCodes}: ${all}`);
    assert.ok(all.includes("Your username is {####} and"), "a username is never a place for the secret");
    if (!logCodes) assert.ok(all.includes(`temporary password is ${REDACTED}.`));
    await b.done();
  }
});

test("rows written in clear by older versions are sealed by the first drain and still read the same", async () => {
  const sender = recording(true);
  const { store, box, m, done } = await setup(sender);
  const legacy = {
    ...routing,
    sub: "s",
    purpose: "INVITATION",
    subject: "Your temporary password",
    body: "Your username is u and temporary password is Xy-123456.",
    code: "Xy-123456",
    sealed: false,
    createdAt: 500,
  };
  await store.outbox.add({ ...legacy, id: "sent-old", sentAt: 600 });
  await store.outbox.add({ ...legacy, id: "pending-old", sentAt: null });
  assert.equal(readable(box, { ...legacy, id: "x", sentAt: null }).body, legacy.body);
  await m.drain();
  const rows = await store.outbox.list("p");
  assert.deepEqual(
    rows.map((r) => [r.id, r.sealed, r.code, r.subject, r.body.includes("Xy-123456")]),
    [
      ["pending-old", true, null, null, false],
      ["sent-old", true, null, null, false],
    ],
  );
  assert.deepEqual(
    rows.map((r) => [readable(box, r).subject, readable(box, r).body, readable(box, r).code]),
    [
      [legacy.subject, legacy.body, legacy.code],
      [legacy.subject, legacy.body, legacy.code],
    ],
  );
  assert.deepEqual(
    sender.sent.map((d) => d.text),
    [legacy.body],
    "the pending one is delivered, text unchanged",
  );
  await done();
});

test("a row whose destination was changed in the database no longer opens and is not delivered", async () => {
  const sender = recording(true);
  const errors: string[] = [];
  const log = pino({ level: "error" }, { write: (l: string) => void errors.push(l) });
  const { store, box, m, done } = await setup(sender, log);
  await m.enqueue({ ...codeMessage, purpose: "FORGOT_PASSWORD" });
  const [row] = await store.outbox.list("p");
  assert.ok(row);
  // What someone with write access to the table alone would do: the same row, another destination.
  const other = await openStore({ dataDir: ":memory:" });
  await other.outbox.add({ ...row, destination: "attacker@example.com" });
  const m2 = new Messenger(other.outbox, sender, { now: () => 1000 }, log, box);
  await m2.drain();
  assert.deepEqual(sender.sent, []);
  assert.equal((await other.outbox.list("p"))[0]?.sentAt, 1000, "marked sent so it is not retried forever");
  assert.match(errors.join(""), /does not open/);
  assert.equal(readable(box, { ...row, destination: "attacker@example.com" }).code, null);
  await m2.close();
  await other.close();
  await done();
});
