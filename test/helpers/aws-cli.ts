import { execFile, spawnSync } from "node:child_process";
import { startAwsSession } from "./aws-cli-session.ts";

/**
 * The real AWS CLI for end-to-end tests. CI installs Debian's awscli when it is missing; without it,
 * files pass `awsCliSkip` to their tests and say so in one line.
 */
const version = spawnSync("aws", ["--version"], { encoding: "utf8" });
export const hasAwsCli = version.status === 0;
export const awsCliSkip: string | false = hasAwsCli ? false : "the aws CLI is not installed";
const cliVersion = /aws-cli\/(\S+)/.exec(`${version.stdout}${version.stderr}`)?.[1];

// `--no-cli-pager` exists from AWS CLI v2 on; v1 (what some distributions ship) has no pager.
const pagerFlag = cliVersion?.startsWith("1.") ? [] : ["--no-cli-pager"];

/** Throwaway credentials and no access to the developer's own AWS config. */
const env = {
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "/tmp",
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  AWS_DEFAULT_REGION: "us-east-1",
  AWS_MAX_ATTEMPTS: "1",
  AWS_PAGER: "",
  AWS_CONFIG_FILE: "/nonexistent/hushpool-aws-config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/hushpool-aws-credentials",
};
const CALL_TIMEOUT_MS = 60_000;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const argvFor = (url: string, args: string[]): string[] => [
  "cognito-idp",
  ...args,
  "--endpoint-url",
  url,
  ...pagerFlag,
  "--output",
  "json",
];

/**
 * Runs `aws cognito-idp <args> --endpoint-url <url> --output json` as its own process. Asynchronous,
 * so an in-process server keeps serving.
 */
export function awsCognito(url: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile("aws", argvFor(url, args), { env, timeout: CALL_TIMEOUT_MS }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** `aws cognito-idp …` calls against one server; `close()` it in an `after` hook. */
export interface AwsCli {
  run(...args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

/**
 * Each `aws` process spends most of its time starting Python and loading the CLI, so a file's calls
 * share one session: the installed CLI's own entry point in one long-lived Python process (see
 * aws-cli-session.ts), each call still with its own exit code, stdout and stderr. Falls back to one
 * `aws` process per call when the CLI is not a Python package the session can load (AWS CLI v2's
 * bundled installer), or when HUSHPOOL_AWS_CLI_SESSION=0.
 */
export function openAwsCli(url: string): AwsCli {
  const perCall = (...args: string[]) => awsCognito(url, ...args);
  if (process.env.HUSHPOOL_AWS_CLI_SESSION === "0" || cliVersion === undefined) {
    return { run: perCall, close: async () => {} };
  }
  // Starts loading now, so Python warms up while the test sets up its pools.
  const session = startAwsSession(env, cliVersion, CALL_TIMEOUT_MS);
  return {
    run: async (...args) => (await session)?.run(argvFor(url, args)) ?? perCall(...args),
    close: async () => (await session)?.close(),
  };
}
