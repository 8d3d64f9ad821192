import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const root = new URL("../..", import.meta.url).pathname;

function startProcess(args: string[]): Promise<{ child: ChildProcess; url: string; firstLine: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, HUSHPOOL_LOG_LEVEL: "warn" },
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n")[0] ?? "";
      const m = /http:\/\/[^\s]+/.exec(line);
      if (m && out.includes("\n")) resolve({ child, url: m[0], firstLine: line });
    });
    child.once("exit", (code) => reject(new Error(`exited early with ${code}: ${out}`)));
  });
}

test("--help prints every option with its environment twin", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts", "--help"], {
    cwd: root,
    encoding: "utf8",
  });
  assert.equal(r.status, 0);
  for (const s of [
    "--port",
    "HUSHPOOL_PORT",
    "--data",
    "--region",
    "--log-level",
    "--database-url",
    "DATABASE_URL",
  ]) {
    assert.ok(r.stdout.includes(s), s);
  }
});

test("a bad option is refused with exit code 2 and the help text", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts", "--port", "nope"], {
    cwd: root,
    encoding: "utf8",
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /invalid configuration: --port/);
});

test("starts with one line naming endpoint and data, keeps the key private, stops cleanly on SIGTERM", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hushpool-life-"));
  try {
    const { child, url, firstLine } = await startProcess(["--port", "0", "--data", dir]);
    assert.match(firstLine, /^hushpool listening on http:\/\/127\.0\.0\.1:\d+ \(data: .*hushpool\.sqlite\)$/);
    const health = await fetch(`${url}/health`);
    assert.equal(health.status, 200);
    assert.equal(statSync(join(dir, "master.key")).mode & 0o777, 0o600);
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
