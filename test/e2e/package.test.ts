/**
 * The published shape (docs/packaging.md): `npm pack` the project, install the tarball into an empty
 * directory, then `npx hushpool --help` and a real server from the installed `bin` — SignUp,
 * AdminConfirmSignUp, InitiateAuth with the AWS SDK v3. This proves `files`, `bin`, the shebang, the
 * compiled imports and that runtime dependencies are all in `dependencies`.
 *
 * better-sqlite3 builds from source where its prebuilt binaries cannot be downloaded (1–2 minutes on
 * two cores), so by default the tarball is installed with `--ignore-scripts` and the checkout's own
 * binary (same version, same Node) is copied in. HUSHPOOL_PACKAGE_TEST_BUILD=1 runs the install
 * scripts instead, as a user's `npm install` does.
 */
import assert from "node:assert/strict";
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "hushpool-package-"));
after(() => rmSync(work, { recursive: true, force: true }));

// The node running the tests runs npm and the installed bin (`#!/usr/bin/env node`), so the native
// module's ABI matches however many Node versions CI tries.
const env = {
  ...process.env,
  PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`,
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const version = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;

/** Installs the packed tarball into an empty directory and returns that directory. */
function installPacked(): string {
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], ROOT)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const tarball = packed[0];
  assert.ok(tarball);
  const paths = tarball.files.map((f) => f.path);
  assert.ok(paths.includes("dist/main.js"));
  assert.deepEqual(
    paths.filter((p) => !p.startsWith("dist/") || !p.endsWith(".js")),
    ["README.md", "package.json"].filter((p) => paths.includes(p)),
    "only compiled JavaScript, the README and package.json are published",
  );

  const app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), '{ "name": "consumer", "private": true }\n');
  const full = process.env.HUSHPOOL_PACKAGE_TEST_BUILD === "1";
  const flags = ["install", "--prefer-offline", "--no-package-lock", ...(full ? [] : ["--ignore-scripts"])];
  run("npm", [...flags, join(work, tarball.filename)], app);
  if (!full) {
    const ours = join(ROOT, "node_modules", "better-sqlite3");
    const theirs = join(app, "node_modules", "better-sqlite3");
    assert.equal(version(theirs), version(ours), "the tarball resolves the checkout's better-sqlite3");
    // better-sqlite3 12's build, which only Node 20 loads; Node 22 and later load the prebuilt
    // better-sqlite3 13 (src/storage/sql/sqlite-driver.ts), and a checkout installed with
    // --ignore-scripts (.ci/run on those versions) has no build to copy.
    const binary = join("build", "Release", "better_sqlite3.node");
    if (existsSync(join(ours, binary))) {
      mkdirSync(join(theirs, "build", "Release"), { recursive: true });
      copyFileSync(join(ours, binary), join(theirs, binary));
    }
  }
  return app;
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once("exit", (code) => reject(new Error(`hushpool exited (${code}) before listening:\n${err}`)));
  });
}

test("npm pack → npm install → npx hushpool serves the Cognito API", { timeout: 240_000 }, async () => {
  const app = installPacked();

  const help = run("npx", ["--no", "--", "hushpool", "--help"], app);
  assert.match(help, /^Usage: hushpool/);

  const data = join(work, "data");
  // The bin npx ran above, started directly: signals then reach hushpool itself, not npm.
  const bin = join(app, "node_modules", ".bin", "hushpool");
  const child = spawn(bin, ["--port", "0", "--data", data], {
    cwd: app,
    env: { ...env, HUSHPOOL_LOG_LEVEL: "warn" },
  });
  const client = (url: string) =>
    new CognitoIdentityProviderClient({
      endpoint: url,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    });
  let sdk: CognitoIdentityProviderClient | undefined;
  try {
    const line = await firstLine(child);
    const url = /^hushpool listening on (http:\/\/\S+) /.exec(line)?.[1];
    assert.ok(url, line);
    sdk = client(url);
    const pool = await sdk.send(new CreateUserPoolCommand({ PoolName: "packaged" }));
    const UserPoolId = pool.UserPool?.Id ?? "";
    const appClient = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId,
        ClientName: "web",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    const ClientId = appClient.UserPoolClient?.ClientId ?? "";
    const Password = "Packaged-passw0rd!";
    await sdk.send(new SignUpCommand({ ClientId, Username: "pat", Password }));
    await sdk.send(new AdminConfirmSignUpCommand({ UserPoolId, Username: "pat" }));
    const auth = await sdk.send(
      new InitiateAuthCommand({
        ClientId,
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: "pat", PASSWORD: Password },
      }),
    );
    assert.ok(auth.AuthenticationResult?.IdToken);
  } finally {
    sdk?.destroy();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  }
});
