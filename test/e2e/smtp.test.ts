import assert from "node:assert/strict";
import { createServer, type Server } from "node:net";
import { after, before, test } from "node:test";
import { AdminCreateUserCommand, CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { waitFor } from "../helpers/fixtures.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** A minimal SMTP receiver (no TLS, no auth): enough to see what hushpool's SMTP sender delivers. */
function smtpReceiver(): Promise<{ server: Server; port: number; mails: string[] }> {
  const mails: string[] = [];
  const server = createServer((socket) => {
    let data = false;
    let buf = "";
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk: Buffer) => {
      buf += chunk.toString("utf8");
      for (;;) {
        if (data) {
          const end = buf.indexOf("\r\n.\r\n");
          if (end < 0) return;
          mails.push(buf.slice(0, end));
          buf = buf.slice(end + 5);
          data = false;
          socket.write("250 OK queued\r\n");
          continue;
        }
        const nl = buf.indexOf("\r\n");
        if (nl < 0) return;
        const line = buf.slice(0, nl).toUpperCase();
        buf = buf.slice(nl + 2);
        if (line.startsWith("EHLO") || line.startsWith("HELO")) socket.write("250 test\r\n");
        else if (line.startsWith("DATA")) {
          data = true;
          socket.write("354 go ahead\r\n");
        } else if (line.startsWith("QUIT")) socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const addr = server.address();
      resolve({ server, port: typeof addr === "object" && addr ? addr.port : 0, mails });
    }),
  );
}

let s: TestServer;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
before(async () => {
  smtp = await smtpReceiver();
  s = await startTestServer({ smtpUrl: `smtp://127.0.0.1:${smtp.port}?from=noreply@hushpool.test` });
});
after(async () => {
  // The receiver is closed even when the server never started: a listening socket left open keeps
  // the file's process alive (docs/packaging.md#node-versions).
  smtp?.server.close();
  await s?.stop();
});

test("--smtp-url delivers email messages from the outbox, off the request path", async () => {
  const { UserPool } = await s.client.send(new CreateUserPoolCommand({ PoolName: "smtp" }));
  await s.client.send(
    new AdminCreateUserCommand({
      UserPoolId: UserPool?.Id,
      Username: "mailme",
      TemporaryPassword: "Temp-Passw0rd!",
      DesiredDeliveryMediums: ["EMAIL"],
      UserAttributes: [{ Name: "email", Value: "mailme@example.com" }],
    }),
  );
  await waitFor(() => smtp.mails.length > 0, { timeoutMs: 5000, intervalMs: 50 });
  assert.equal(smtp.mails.length, 1);
  const mail = smtp.mails[0] ?? "";
  assert.match(mail, /To: mailme@example\.com/i);
  assert.match(mail, /From: noreply@hushpool\.test/i);
  assert.ok(mail.includes("Temp-Passw0rd!"), "the invitation carries the temporary password");
  const res = await fetch(`${s.url}/_hushpool/messages?poolId=${UserPool?.Id}&username=mailme`);
  const { Messages } = (await res.json()) as { Messages: { sentAt: number | null }[] };
  assert.ok(Messages[0]?.sentAt, "the outbox row is marked sent");
});
