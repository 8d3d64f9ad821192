import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { type App, startApp } from "../../src/app.ts";
import type { Config } from "../../src/config/config.ts";
import type { Clock } from "../../src/services.ts";
import { testConfig } from "./test-config.ts";

export interface TestServer {
  app: App;
  url: string;
  dataDir: string;
  /** A real AWS SDK v3 client pointed at this server. */
  client: CognitoIdentityProviderClient;
  stop(): Promise<void>;
}

/**
 * Starts the real server (the same composition root as `npm start`) on a free port with a fresh
 * SQLite data directory, and a real SDK client for it. Call stop() in an `after` hook. Pass
 * `opts.clock` to control the server's time (lockout, session and token expiry).
 */
export async function startTestServer(
  overrides: Partial<Config> = {},
  opts: { clock?: Clock } = {},
): Promise<TestServer> {
  const dataDir = overrides.data ?? mkdtempSync(join(tmpdir(), "hushpool-test-"));
  const app = await startApp(testConfig({ data: dataDir, ...overrides }), opts);
  const client = new CognitoIdentityProviderClient({
    endpoint: app.url,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  return {
    app,
    url: app.url,
    dataDir,
    client,
    async stop() {
      client.destroy();
      await app.close();
      if (!overrides.data) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Posts a raw AWS JSON 1.1 request (for malformed-input tests the SDK would refuse to send). */
export async function rawCall(
  url: string,
  target: string | null,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${url}/`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.1",
      ...(target === null ? {} : { "X-Amz-Target": `AWSCognitoIdentityProviderService.${target}` }),
      ...headers,
    },
    body,
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { raw: text };
  }
  return { status: res.status, json, headers: res.headers };
}
