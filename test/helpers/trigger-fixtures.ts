import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "../../src/config/config.ts";
import type { Clock } from "../../src/services.ts";
import { type LambdaStub, startLambdaStub } from "./lambda-stub.ts";
import { startTestServer, type TestServer } from "./server.ts";

/** Fixtures for the trigger e2e tests (test/e2e/triggers-*.test.ts). */

/** The ARN of a function in the stand-ins (both invokers take the name after `:function:`). */
export const arn = (name: string): string => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** A server whose triggers go to a fresh Lambda Invoke API stand-in. */
export async function serverWithStub(
  overrides: Partial<Config> = {},
  opts: { clock?: Clock } = {},
): Promise<{ s: TestServer; stub: LambdaStub; stop(): Promise<void> }> {
  const stub = await startLambdaStub();
  const s = await startTestServer({ lambdaEndpoint: stub.url, ...overrides }, opts);
  return {
    s,
    stub,
    async stop() {
      await s.stop();
      await stub.close();
    },
  };
}

/** A directory of in-process handler modules (`--functions DIR`), removed by `cleanup`. */
export function functionsDir(modules: Record<string, string>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "hushpool-functions-"));
  for (const [name, source] of Object.entries(modules)) writeFileSync(join(dir, `${name}.mjs`), source);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A trigger event as the tests read it. */
export interface SeenEvent {
  version: string;
  triggerSource: string;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: Record<string, unknown> & { userAttributes: Record<string, string> };
  response: Record<string, unknown>;
}

/** Every event the stand-in's function `name` received, oldest first. */
export const eventsOf = (stub: LambdaStub, name: string): SeenEvent[] => stub.eventsFor(name) as SeenEvent[];

/** The only event `name` received since the last `stub.clear()`. */
export function onlyEvent(stub: LambdaStub, name: string): SeenEvent {
  const list = eventsOf(stub, name);
  assert.equal(list.length, 1, `${name} should have been called once, was called ${list.length} times`);
  return list[0] as SeenEvent;
}

/** The warn lines the server logs from now on (the runner's contract messages). */
export function captureWarnings(s: TestServer): string[] {
  const lines: string[] = [];
  const log = s.app.services.log as unknown as { warn: (obj: unknown, msg?: string) => void };
  log.warn = (obj: unknown, msg?: string) => {
    lines.push(typeof obj === "string" ? obj : (msg ?? ""));
  };
  return lines;
}
