import assert from "node:assert/strict";
import type { AuthEventRecord } from "../../../src/storage/ports.ts";
import type { StoreTest } from "./fixtures.ts";

const event = (sub: string, eventId: string, createdAt: number): AuthEventRecord => ({
  poolId: "pool1",
  sub,
  eventId,
  createdAt,
  data: { EventType: "SignIn", EventResponse: "Pass" },
  feedback: null,
});

export function authEventTests(it: StoreTest): void {
  it("authEvents: add a batch, list newest first in pages, per user", async (s) => {
    await s.authEvents.add([
      event("sub1", "e1", 100),
      event("sub1", "e3", 300),
      event("sub1", "e2a", 200),
      event("sub1", "e2b", 200),
      event("sub2", "x1", 250),
    ]);
    await s.authEvents.add([event("sub1", "e1", 100)]); // a repeated id is ignored
    await s.authEvents.add([]);
    const page1 = await s.authEvents.list("pool1", "sub1", 2);
    assert.deepEqual(
      page1.map((e) => e.eventId),
      ["e3", "e2b"],
    );
    const last = page1.at(-1);
    assert.ok(last);
    const page2 = await s.authEvents.list("pool1", "sub1", 5, {
      createdAt: last.createdAt,
      eventId: last.eventId,
    });
    assert.deepEqual(
      page2.map((e) => e.eventId),
      ["e2a", "e1"],
    );
    assert.deepEqual(page2[1], event("sub1", "e1", 100));
    assert.deepEqual(await s.authEvents.list("pool2", "sub1", 5), []);
  });

  it("authEvents: setFeedback on the user's own event only", async (s) => {
    await s.authEvents.add([event("sub1", "e1", 100)]);
    const fb = { FeedbackValue: "Invalid", Provider: "admin", FeedbackDate: 1.5 };
    assert.equal(await s.authEvents.setFeedback("pool1", "sub2", "e1", fb), false);
    assert.equal(await s.authEvents.setFeedback("pool1", "sub1", "nope", fb), false);
    assert.equal(await s.authEvents.setFeedback("pool1", "sub1", "e1", fb), true);
    assert.deepEqual((await s.authEvents.list("pool1", "sub1", 1))[0]?.feedback, fb);
  });
}
