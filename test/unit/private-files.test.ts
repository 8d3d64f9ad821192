import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { ensurePrivateDir } from "../../src/crypto/private-files.ts";
import { createPool } from "../helpers/fixtures.ts";
import { startTestServer } from "../helpers/server.ts";

/** docs/security.md#secrets-at-rest: the data directory is 0700 and every file in it 0600. */
const root = mkdtempSync(join(tmpdir(), "hushpool-modes-"));
after(() => rmSync(root, { recursive: true, force: true }));

const mode = (p: string) => statSync(p).mode & 0o7777;
const FILES = ["hushpool.sqlite", "hushpool.sqlite-wal", "hushpool.sqlite-shm", "master.key"];

/** Starts a server on `dir`, writes something (so the WAL exists), and returns the modes while it runs. */
async function modesWhileRunning(dir: string): Promise<Record<string, number>> {
  const s = await startTestServer({ data: dir });
  try {
    await createPool(s);
    const out: Record<string, number> = { ".": mode(dir) };
    for (const f of FILES) if (existsSync(join(dir, f))) out[f] = mode(join(dir, f));
    return out;
  } finally {
    await s.stop();
  }
}

const PRIVATE = {
  ".": 0o700,
  "hushpool.sqlite": 0o600,
  "hushpool.sqlite-wal": 0o600,
  "hushpool.sqlite-shm": 0o600,
  "master.key": 0o600,
};

test("a new data directory is 0700 and the database, its -wal and -shm, and the master key are 0600", async () => {
  const dir = join(root, "fresh", "data");
  assert.deepEqual(await modesWhileRunning(dir), PRIVATE);
});

test("an existing data directory and files with wider modes are tightened at start", async () => {
  const dir = join(root, "old");
  await modesWhileRunning(dir);
  // What an older version left behind with a 022 umask.
  chmodSync(dir, 0o755);
  for (const f of FILES) if (existsSync(join(dir, f))) chmodSync(join(dir, f), 0o644);
  assert.deepEqual(await modesWhileRunning(dir), PRIVATE);
});

test("a shared sticky directory (like /tmp) is not narrowed", () => {
  const dir = join(root, "shared");
  mkdirSync(dir);
  chmodSync(dir, 0o1777);
  ensurePrivateDir(dir);
  assert.equal(mode(dir), 0o1777);
});
