/**
 * What one request costs the server before any cryptography: a bare node:http server that reads the
 * body, parses it as JSON and answers a Cognito-shaped 400 (the least any HTTP/JSON server does),
 * against hushpool answering an unknown operation, an InitiateAuth naming no app client, and a
 * REFRESH_TOKEN_AUTH with a garbage token (client and pool read, then the token refused). Server CPU
 * from /proc (10 ms ticks, so ~3 µs per request at 3,000 requests), one request at a time over one
 * keep-alive connection, in alternating rounds (docs/performance.md#what-a-request-costs-before-the-cryptography).
 *
 *   npx tsx bench/http-overhead.ts [--requests 3000] [--rounds 3]
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { treeCpuMs } from "./auth/proc-cpu.ts";
import { seedUsers } from "./auth/seed-users.ts";
import { createClient } from "./lib/http-client.ts";
import { startServerProcess } from "./lib/server.ts";

const { values } = parseArgs({
  options: { requests: { type: "string", default: "3000" }, rounds: { type: "string", default: "3" } },
});
const n = Number(values.requests);
const rounds = Number(values.rounds);

// The bare server: no framework, no validation, no store; the same response shape and headers.
const BARE = `
const http = require("node:http");
http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    try { JSON.parse(Buffer.concat(chunks).toString("utf8")); } catch {}
    const body = JSON.stringify({ __type: "UnknownOperationException", message: "Unknown operation" });
    res.writeHead(400, {
      "content-type": "application/x-amz-json-1.1",
      "x-amzn-requestid": require("node:crypto").randomUUID(),
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  });
}).listen(0, "127.0.0.1", function () { console.log("port " + this.address().port); });
`;

const dataDir = mkdtempSync(join(tmpdir(), "hushpool-http-overhead-"));
const client = createClient({ maxSockets: 1 });
const seeded = await seedUsers(dataDir, 10, () => {});
const hp = await startServerProcess({ dataDir });
const bare = spawn(process.execPath, ["-e", BARE], { stdio: ["ignore", "pipe", "inherit"] });
try {
  const port = await new Promise<number>((resolve) =>
    bare.stdout.on("data", (d) => resolve(Number(/port (\d+)/.exec(String(d))?.[1]))),
  );
  const cases = [
    {
      name: "bare node:http, JSON in, 400 out",
      url: `http://127.0.0.1:${port}`,
      pid: bare.pid ?? 0,
      op: "Nope",
      body: {},
    },
    { name: "hushpool, unknown operation", url: hp.baseUrl, pid: hp.pid, op: "Nope", body: {} },
    {
      name: "hushpool, InitiateAuth, no such client",
      url: hp.baseUrl,
      pid: hp.pid,
      op: "InitiateAuth",
      body: {
        ClientId: "nosuchclient0123456789abcd",
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "someone", PASSWORD: "Passw0rd!" },
      },
    },
    {
      name: "hushpool, REFRESH_TOKEN_AUTH, garbage token",
      url: hp.baseUrl,
      pid: hp.pid,
      op: "InitiateAuth",
      body: {
        ClientId: seeded.clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: "garbage" },
      },
    },
  ];
  console.log(
    `HTTP overhead: ${n} requests per case and round, one at a time, ${rounds} rounds, Node ${process.version}, load average ${loadavg()[0]?.toFixed(2)}`,
  );
  const per = new Map<string, number[]>();
  for (const c of cases) for (let i = 0; i < 200; i++) await client.call(c.url, c.op, c.body);
  for (let r = 0; r < rounds; r++) {
    for (const c of r % 2 === 0 ? cases : [...cases].reverse()) {
      const before = treeCpuMs(c.pid);
      for (let i = 0; i < n; i++) await client.call(c.url, c.op, c.body);
      per.set(c.name, [...(per.get(c.name) ?? []), ((treeCpuMs(c.pid) - before) / n) * 1000]);
    }
  }
  for (const c of cases) {
    const xs = (per.get(c.name) ?? []).sort((a, b) => a - b);
    console.log(
      `  ${c.name.padEnd(46)} ${(xs[Math.floor(xs.length / 2)] ?? 0).toFixed(0).padStart(5)} µs server CPU per request (rounds ${xs.map((x) => x.toFixed(0)).join(", ")})`,
    );
  }
} finally {
  bare.kill();
  client.close();
  await hp.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
