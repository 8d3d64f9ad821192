import assert from "node:assert/strict";
import { test } from "node:test";
import { pino } from "pino";
import { DECOY_PURPOSE, Messenger } from "../../src/messaging/messenger.ts";
import { openStore } from "../../src/storage/open-store.ts";
import type { OutboxMessage } from "../../src/storage/ports.ts";

test("decoys travel the outbox like real messages but never reach a sender", async () => {
  const store = await openStore({ dataDir: ":memory:" });
  const sent: OutboxMessage[] = [];
  const m = new Messenger(
    store.outbox,
    { send: async (x) => void sent.push(x) },
    { now: () => 1000 },
    pino({ level: "silent" }),
  );
  const base = {
    poolId: "p",
    username: "u",
    sub: "s",
    medium: "EMAIL" as const,
    destination: "d",
    subject: null,
    body: "b",
    code: null,
  };
  await m.enqueue({ ...base, purpose: "SIGN_UP" });
  await m.enqueueDecoy(base);
  const before = await store.outbox.list("p");
  assert.deepEqual(
    before.map((x) => x.sentAt),
    [null, null],
    "both are written unsent",
  );
  await m.drain();
  assert.deepEqual(
    sent.map((x) => x.purpose),
    ["SIGN_UP"],
  );
  const after = await store.outbox.list("p");
  assert.ok(
    after.every((x) => x.sentAt === 1000),
    "both are marked sent by the drainer",
  );
  assert.deepEqual(after.map((x) => x.purpose).sort(), [DECOY_PURPOSE, "SIGN_UP"].sort());
  await m.close();
  await store.close();
});
