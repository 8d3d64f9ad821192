import { execFile, spawnSync } from "node:child_process";

/**
 * The real AWS CLI for end-to-end tests. CI installs Debian's awscli when it is missing; without it,
 * files pass `awsCliSkip` to their tests and say so in one line.
 */
const version = spawnSync("aws", ["--version"], { encoding: "utf8" });
export const hasAwsCli = version.status === 0;
export const awsCliSkip: string | false = hasAwsCli ? false : "the aws CLI is not installed";

// `--no-cli-pager` exists from AWS CLI v2 on; v1 (what some distributions ship) has no pager.
const pagerFlag = /aws-cli\/1\./.test(`${version.stdout}${version.stderr}`) ? [] : ["--no-cli-pager"];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `aws cognito-idp <args> --endpoint-url <url> --output json` with throwaway credentials and
 * no access to the developer's own AWS config. Asynchronous, so an in-process server keeps serving.
 */
export function awsCognito(url: string, ...args: string[]): Promise<CliResult> {
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
  const argv = ["cognito-idp", ...args, "--endpoint-url", url, ...pagerFlag, "--output", "json"];
  return new Promise((resolve) => {
    execFile("aws", argv, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}
