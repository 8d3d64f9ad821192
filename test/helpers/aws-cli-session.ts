import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { CliResult } from "./aws-cli.ts";

/**
 * The line protocol of aws-cli-session.py: one JSON argv per line in, one JSON {code, stdout, stderr}
 * per line out, in order, after a first line naming the CLI version the process loaded.
 */
export interface AwsSession {
  run(argv: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

/**
 * The interpreter that runs the installed `aws`, from its `#!` line (`python3` when that line names
 * no Python, e.g. a pyenv shim, which then resolves to the same interpreter as the shimmed `aws`).
 */
function awsPython(path: string): string[] | undefined {
  for (const dir of path.split(delimiter)) {
    const file = join(dir, "aws");
    try {
      accessSync(file, constants.X_OK);
    } catch {
      continue;
    }
    const first = readFileSync(file).subarray(0, 200).toString("latin1").split("\n")[0] ?? "";
    if (!first.startsWith("#!")) return undefined; // a native binary: AWS CLI v2's installer
    return first.includes("python") ? first.slice(2).trim().split(/\s+/) : ["python3"];
  }
  return undefined;
}

/** Starts a session whose CLI is exactly `expectedVersion` (the `aws` on PATH), or returns undefined. */
export async function startAwsSession(
  env: Record<string, string>,
  expectedVersion: string,
  callTimeoutMs: number,
): Promise<AwsSession | undefined> {
  const python = awsPython(env.PATH ?? "");
  if (!python) return undefined;
  const [command = "python3", ...pre] = python;
  const script = fileURLToPath(new URL("./aws-cli-session.py", import.meta.url));
  const child = spawn(command, [...pre, script], { env });
  const { version, session } = await speak(child, callTimeoutMs);
  if (version === expectedVersion) return session;
  child.kill();
  return undefined;
}

function speak(
  child: ChildProcessWithoutNullStreams,
  callTimeoutMs: number,
): Promise<{ version: string | undefined; session: AwsSession }> {
  const waiting: ((r: CliResult) => void)[] = [];
  let diagnostics = "";
  let exited = false;
  let greet: ((version: string | undefined) => void) | undefined;
  const greeted = new Promise<string | undefined>((resolve) => {
    greet = resolve;
  });
  const endedAnswer = (): CliResult => ({ code: 1, stdout: "", stderr: `aws session ended\n${diagnostics}` });
  child.stderr.on("data", (d: Buffer) => {
    diagnostics += d.toString();
  });
  child.stdin.on("error", () => {}); // a dead session is reported through "exit"
  createInterface({ input: child.stdout }).on("line", (line) => {
    let msg: Partial<CliResult> & { version?: string };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      diagnostics += `${line}\n`;
      child.kill(); // off protocol: end the session, its calls fail with what it printed
      return;
    }
    if (greet) {
      greet(msg.version);
      greet = undefined;
    } else waiting.shift()?.({ code: msg.code ?? 1, stdout: msg.stdout ?? "", stderr: msg.stderr ?? "" });
  });
  const ended = new Promise<void>((resolve) => {
    const finish = () => {
      if (exited) return;
      exited = true;
      greet?.(undefined);
      for (const w of waiting.splice(0)) w(endedAnswer());
      resolve();
    };
    child.on("exit", finish);
    child.on("error", finish);
  });
  const session: AwsSession = {
    run(argv) {
      if (exited) return Promise.resolve(endedAnswer());
      return new Promise((resolve) => {
        const timer = setTimeout(() => child.kill(), callTimeoutMs);
        waiting.push((r) => {
          clearTimeout(timer);
          resolve(r);
        });
        child.stdin.write(`${JSON.stringify(argv)}\n`);
      });
    },
    async close() {
      child.stdin.end();
      await ended;
    },
  };
  return greeted.then((version) => ({ version, session }));
}
