import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ForgotPasswordCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { outbox, waitFor } from "../helpers/fixtures.ts";

/**
 * docs/security.md#secrets-at-rest, end to end on the real process (`src/main.ts`, info-level logs on
 * stdout): a temporary password and a reset code are never in clear in the data directory's files,
 * reach the log only with --log-codes (auto: on for a loopback listener), and the loopback message
 * reader still shows them.
 */
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface Proc {
  url: string;
  client: CognitoIdentityProviderClient;
  lines: string[];
  dataDir: string;
  stop(): Promise<void>;
}

function start(args: string[]): Promise<Proc> {
  const dataDir = mkdtempSync(join(tmpdir(), "hushpool-at-rest-"));
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "src/main.ts", "--port", "0", "--data", dataDir, "--log-level", "info", ...args],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  let pending = "";
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no startup line within 30 s")), 30_000);
    child.once("exit", (code) => reject(new Error(`exited with ${code}`)));
    child.stdout?.on("data", (c: Buffer) => {
      const parts = (pending + c.toString("utf8")).split("\n");
      pending = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        const url = /hushpool listening on (http:\/\/\S+)/.exec(line)?.[1];
        if (!url) continue;
        clearTimeout(timer);
        child.removeAllListeners("exit");
        const client = new CognitoIdentityProviderClient({
          endpoint: url,
          region: "us-east-1",
          credentials: { accessKeyId: "test", secretAccessKey: "test" },
          maxAttempts: 1,
        });
        const stopAll = () => {
          client.destroy();
          return stop();
        };
        resolve({ url, client, lines, dataDir, stop: stopAll });
      }
    });
  });
}

/** Sends an invitation and a reset code; returns both as the loopback reader shows them. */
async function sendSecrets(p: Proc, temporaryPassword: string) {
  const poolId =
    (
      await p.client.send(
        new CreateUserPoolCommand({ PoolName: "at-rest", AutoVerifiedAttributes: ["email"] }),
      )
    ).UserPool?.Id ?? "";
  const clientId =
    (await p.client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: "web" })))
      .UserPoolClient?.ClientId ?? "";
  const email = [
    { Name: "email", Value: "invitee@example.com" },
    { Name: "email_verified", Value: "true" },
  ];
  await p.client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: "invitee",
      TemporaryPassword: temporaryPassword,
      UserAttributes: email,
      DesiredDeliveryMediums: ["EMAIL"],
    }),
  );
  await p.client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: "invitee",
      Password: "Passw0rd!",
      Permanent: true,
    }),
  );
  await p.client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "invitee" }));
  let messages: Awaited<ReturnType<typeof outbox>> = [];
  await waitFor(
    async () => {
      messages = await outbox(p, poolId, "invitee");
      return messages.length === 2 && messages.every((m) => m.sentAt !== null);
    },
    { timeoutMs: 10_000, message: () => `not delivered: ${JSON.stringify(messages)}` },
  );
  const [invitation, reset] = messages;
  assert.equal(invitation?.code, temporaryPassword);
  assert.ok(invitation.body?.includes(temporaryPassword), "the reader shows the finished text");
  assert.match(reset?.code ?? "", /^\d{6}$/);
  return { password: temporaryPassword, code: reset?.code ?? "" };
}

/** Every byte of every file in the data directory (the database, its WAL, the master key). */
function dataBytes(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString("latin1"))
    .join("\n");
}

const deliveryLines = (p: Proc) => p.lines.filter((l) => l.includes('"msg":"message ('));

test("--log-codes off: the log names the message but never the password or the code; files never hold them", async () => {
  const p = await start(["--log-codes", "off"]);
  try {
    const { password, code } = await sendSecrets(p, "Tmp-NeverLogged-71!");
    await waitFor(() => deliveryLines(p).length === 2, { timeoutMs: 10_000 });
    const log = p.lines.join("\n");
    assert.ok(!log.includes(password), "temporary password not logged");
    assert.ok(!log.includes(code), "reset code not logged");
    assert.match(deliveryLines(p).join("\n"), /temporary password is \[redacted\]/);
    const bytes = dataBytes(p.dataDir);
    assert.ok(bytes.length > 10_000);
    assert.ok(!bytes.includes(password), "temporary password not in the data directory");
    assert.ok(!bytes.includes(`is ${code}`), "reset code not in the data directory");
  } finally {
    await p.stop();
  }
});

test("--log-codes auto on a loopback listener logs them, for local development", async () => {
  const p = await start([]);
  try {
    const { password, code } = await sendSecrets(p, "Tmp-LoggedLocally-72!");
    await waitFor(() => deliveryLines(p).length === 2, { timeoutMs: 10_000 });
    const log = deliveryLines(p).join("\n");
    assert.ok(log.includes(password) && log.includes(code), log);
    assert.ok(!dataBytes(p.dataDir).includes(password), "still sealed at rest");
  } finally {
    await p.stop();
  }
});
