/**
 * Screenshots of the web console's main pages for docs/console.md, into docs/console/:
 *
 *   npx tsx scripts/console-screenshots.ts
 *
 * Starts a throw-away server (no admin keys: the local console) with one in-process trigger, fills
 * it through the AWS SDK v3 like a small app would, and photographs each page in headless Chromium
 * (Debian's chromium; HUSHPOOL_CHROMIUM to use another).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { startApp } from "../src/app.ts";
import { loadConfig } from "../src/config/config.ts";
import { launchChromium } from "../test/helpers/browser.ts";

const OUT = resolve(import.meta.dirname ?? ".", "../docs/console");

async function main() {
  const data = mkdtempSync(join(tmpdir(), "hushpool-shots-"));
  const functions = join(data, "functions");
  mkdirSync(functions);
  writeFileSync(
    join(functions, "pre-sign-up.mjs"),
    `export const handler = async (event) => { if (event.userName === "mallory") throw new Error("sign-ups from this domain are closed"); return event; };\n`,
  );
  const config = loadConfig([], {});
  if (config === "help") throw new Error("unreachable");
  const app = await startApp({
    ...config,
    port: 0,
    data,
    functions,
    logLevel: "silent",
    quota: "off",
  });
  const sdk = new CognitoIdentityProviderClient({
    endpoint: app.url,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    const pool = await sdk.send(
      new CreateUserPoolCommand({
        PoolName: "shop-customers",
        AutoVerifiedAttributes: ["email"],
        UserPoolTags: { "hushpool:existence-profile": "strict" },
        LambdaConfig: { PreSignUp: "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up" },
      }),
    );
    const poolId = pool.UserPool?.Id ?? "";
    await sdk.send(new CreateUserPoolCommand({ PoolName: "staff" }));
    const web = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "web",
        PreventUserExistenceErrors: "ENABLED",
        ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    const clientId = web.UserPoolClient?.ClientId ?? "";
    await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "legacy-mobile",
        GenerateSecret: true,
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    await sdk.send(
      new CreateGroupCommand({
        UserPoolId: poolId,
        GroupName: "admins",
        Precedence: 1,
        Description: "Shop staff",
      }),
    );
    for (const [name, email] of [
      ["alice", "alice@example.com"],
      ["alfred", "alfred@example.org"],
      ["bea", "bea@example.com"],
    ] as const) {
      await sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: name,
          UserAttributes: [
            { Name: "email", Value: email },
            { Name: "email_verified", Value: "true" },
          ],
        }),
      );
    }
    await sdk.send(
      new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: "alice", GroupName: "admins" }),
    );
    await sdk.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "alfred" }));
    await sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: "carol",
        Password: "Passw0rd!",
        UserAttributes: [{ Name: "email", Value: "carol@example.net" }],
      }),
    );
    await sdk
      .send(new SignUpCommand({ ClientId: clientId, Username: "mallory", Password: "Passw0rd!" }))
      .catch(() => undefined);

    mkdirSync(OUT, { recursive: true });
    const browser = await launchChromium();
    const shots: [string, string, { width: number; height: number }?][] = [
      ["dashboard", "/console"],
      ["pool", `/console/pools/${poolId}`],
      ["client", `/console/pools/${poolId}/clients/${clientId}`],
      ["users", `/console/pools/${poolId}/users?filter=${encodeURIComponent('email ^= "al"')}`],
      ["user", `/console/pools/${poolId}/users/alice`],
      ["messages", `/console/pools/${poolId}/messages`],
      ["triggers", `/console/pools/${poolId}/triggers`],
      ["phone", `/console/pools/${poolId}/users`, { width: 390, height: 844 }],
    ];
    for (const [name, path, viewport] of shots) {
      const page = await browser.newPage({ viewport: viewport ?? { width: 1200, height: 800 } });
      await page.goto(`${app.url}${path}`);
      await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: name !== "pool" });
      await page.close();
      console.log(`docs/console/${name}.png`);
    }
    await browser.close();
  } finally {
    sdk.destroy();
    await app.close();
    rmSync(data, { recursive: true, force: true });
  }
}

await main();
