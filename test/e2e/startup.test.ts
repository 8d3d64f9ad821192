/**
 * The server process as `npm start` runs it: the one attention record at start, the refusal of an
 * exposed admin plane, slow bodies closed at --request-timeout-ms, aborted uploads logged at debug
 * without a stack (docs/security.md#limits).
 */
import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Running {
  child: ChildProcessWithoutNullStreams;
  url: URL;
  /** The first line on stdout. */
  firstLine: string;
  /** Every JSON log record so far. */
  records: Record<string, unknown>[];
  stop(): Promise<void>;
}

function spawnServer(args: string[]): ChildProcessWithoutNullStreams {
  const data = mkdtempSync(join(tmpdir(), "hushpool-start-"));
  dirs.push(data);
  return spawn(process.execPath, ["--import", "tsx", "src/main.ts", "--port", "0", "--data", data, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" },
  });
}

function start(args: string[]): Promise<Running> {
  const child = spawnServer(args);
  const records: Record<string, unknown>[] = [];
  let pending = "";
  let firstLine: string | undefined;
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        firstLine ??= line;
        if (line.startsWith("{")) records.push(JSON.parse(line) as Record<string, unknown>);
        const m = /^hushpool listening on (http:\/\/\S+)/.exec(line);
        if (m?.[1])
          resolve({
            child,
            url: new URL(m[1]),
            firstLine,
            records,
            stop: () =>
              new Promise<void>((done) => {
                if (child.exitCode !== null || child.signalCode !== null) return done(); // stopped already
                child.removeAllListeners("exit");
                child.once("exit", () => done());
                child.kill("SIGTERM");
              }),
          });
      }
    });
  });
}

/** The `setting` of each item of an attention record. */
const settingsOf = (record: Record<string, unknown> | undefined): string[] =>
  ((record?.attention ?? []) as { setting: string }[]).map((i) => i.setting);

/** The attention record, which follows the start line. */
async function attentionOf(srv: Running): Promise<Record<string, unknown>[]> {
  const deadline = Date.now() + 5000;
  while (!srv.records.some((r) => "attention" in r) && Date.now() < deadline) await sleep(20);
  await sleep(100); // a second one, if any, would be logged right after
  return srv.records.filter((r) => "attention" in r);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("one attention record, after the start line, lists every development default in force", async (t) => {
  const dev = await start(["--log-level", "info"]);
  t.after(() => dev.stop()); // a failed assertion must not leave the server running
  assert.equal(dev.firstLine.startsWith("hushpool listening on http://127.0.0.1:"), true);
  const attention = await attentionOf(dev);
  assert.equal(attention.length, 1);
  assert.equal(attention[0]?.level, 40);
  assert.match(String(attention[0]?.msg), /^ATTENTION: development defaults in force/);
  assert.deepEqual(settingsOf(attention[0]), [
    "--master-key",
    "--dev-endpoints",
    "--log-codes",
    "--admin-credentials",
  ]);
  await dev.stop();

  const open = await start([
    ...["--log-level", "info", "--host", "0.0.0.0", "--insecure-admin"],
    ...["--master-key", randomBytes(32).toString("base64")],
    ...["--bench-delay-micros", "5", "--bench-delay-path", "unknown-user"],
  ]);
  t.after(() => open.stop());
  const [record] = await attentionOf(open);
  assert.deepEqual(settingsOf(record), ["--insecure-admin", "--bench-delay-micros"]);
  await open.stop();
});

test("a non-loopback --host without admin keys: exit 2 and one sentence, no stack", async () => {
  const child = spawnServer(["--host", "0.0.0.0"]);
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString("utf8");
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  assert.equal(code, 2);
  assert.match(stderr, /^hushpool refused to start: --host 0\.0\.0\.0 is reachable from other machines/);
  assert.doesNotMatch(stderr, /\n\s+at /);
});

/** Opens a raw connection, sends the request head and `body`, then trickles a byte every `everyMs`. */
function slowRequest(url: URL, everyMs: number): Promise<{ seconds: number; answer: string }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const s = connect(Number(url.port), url.hostname, () => {
      s.write(
        `POST / HTTP/1.1\r\nHost: ${url.host}\r\nX-Amz-Target: AWSCognitoIdentityProviderService.ListUserPools\r\n` +
          "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 1000\r\n\r\n{",
      );
    });
    const timer = setInterval(() => s.writable && s.write(" "), everyMs);
    let answer = "";
    s.on("data", (d) => {
      answer += d.toString();
    });
    s.on("error", () => {});
    s.on("close", () => {
      clearInterval(timer);
      resolve({ seconds: (Date.now() - t0) / 1000, answer });
    });
  });
}

test("a slow body is answered 408 and closed at --request-timeout-ms", async () => {
  const srv = await start(["--log-level", "debug", "--request-timeout-ms", "1000"]);
  const { seconds, answer } = await slowRequest(srv.url, 200);
  assert.match(answer, /^HTTP\/1\.1 408 /);
  assert.ok(seconds >= 0.9 && seconds < 2.5, `closed after ${seconds} s`);
  await srv.stop();
});

test("an aborted upload is logged at debug, without a stack, and nothing at error", async () => {
  const srv = await start(["--log-level", "debug"]);
  await new Promise<void>((resolve) => {
    const s = connect(Number(srv.url.port), srv.url.hostname, () => {
      s.write(
        `POST / HTTP/1.1\r\nHost: ${srv.url.host}\r\nX-Amz-Target: AWSCognitoIdentityProviderService.SignUp\r\n` +
          'Content-Length: 500\r\n\r\n{"ClientId":',
      );
      setTimeout(() => {
        s.destroy();
        resolve();
      }, 100);
    });
  });
  const deadline = Date.now() + 5000;
  let aborted: Record<string, unknown> | undefined;
  while (!aborted && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    aborted = srv.records.find((r) => r.msg === "request aborted by the client");
  }
  assert.ok(aborted, "the abort is logged");
  assert.equal(aborted.level, 20);
  assert.equal(JSON.stringify(aborted).includes("stack"), false);
  assert.deepEqual(
    srv.records.filter((r) => Number(r.level) >= 50),
    [],
  );
  await srv.stop();
});
