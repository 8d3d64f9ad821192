// A test-runner setup with node:test (docs/examples/node-test, README "Fits your stack"): hushpool
// starts once with the seed file before the tests, and each test begins from the seeded state.
// Run: node --test docs/examples/node-test/app.test.mjs   (HUSHPOOL_BIN overrides `npx hushpool`)
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";

const seed = fileURLToPath(new URL("seed.yaml", import.meta.url));
let server;
let cognito;

before(async () => {
  const [cmd, ...args] = (process.env.HUSHPOOL_BIN ?? "npx hushpool").split(" ");
  const data = mkdtempSync(join(tmpdir(), "hushpool-"));
  server = spawn(cmd, [...args, "--port", "0", "--data", data, "--seed", seed, "--log-level", "warn"]);
  // The first line on stdout is "hushpool listening on http://127.0.0.1:<port> (data: …)".
  const url = await new Promise((resolve, reject) => {
    server.once("exit", (code) => reject(new Error(`hushpool exited with ${code}`)));
    server.stdout.on("data", (chunk) => {
      const m = /hushpool listening on (\S+)/.exec(String(chunk));
      if (m) resolve(m[1]);
    });
  });
  process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = url; // what the app's own clients read
  cognito = new CognitoIdentityProviderClient({
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
});

after(() => {
  cognito?.destroy();
  server?.kill("SIGTERM");
});

// Each test starts from the seeded state, whatever the previous one changed.
beforeEach(async () => {
  const res = await fetch(`${process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER}/_hushpool/reset`, {
    method: "POST",
  });
  assert.equal(res.status, 200);
});

const signIn = () =>
  cognito.send(
    new InitiateAuthCommand({
      ClientId: "exampleclient000000000000a",
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "ada", PASSWORD: "Passw0rd!" },
    }),
  );

test("the seeded user signs in", async () => {
  const out = await signIn();
  assert.ok(out.AuthenticationResult?.AccessToken);
});

test("a test may delete the user…", async () => {
  await cognito.send(new AdminDeleteUserCommand({ UserPoolId: "us-east-1_example1", Username: "ada" }));
  await assert.rejects(signIn(), (e) => ["UserNotFoundException", "NotAuthorizedException"].includes(e.name));
});

test("…and the next one finds it again", async () => {
  const out = await signIn();
  assert.ok(out.AuthenticationResult?.IdToken);
});
