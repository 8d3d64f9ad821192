import { parseArgs } from "node:util";
import { z } from "zod";
import { parseQuotaSetting } from "../domain/quotas/settings.ts";

/**
 * Every server option, documented where it is defined. Each flag has an environment twin; flags win
 * over the environment, the environment wins over the defaults. `--help` prints this table.
 */
export const OPTIONS = [
  {
    flag: "port",
    env: "HUSHPOOL_PORT",
    default: "9230",
    doc: "TCP port to listen on (0 picks a free port).",
  },
  { flag: "host", env: "HUSHPOOL_HOST", default: "127.0.0.1", doc: "Address to listen on." },
  {
    flag: "data",
    env: "HUSHPOOL_DATA",
    default: "./data",
    doc: "Directory for the SQLite database and the master key.",
  },
  { flag: "region", env: "HUSHPOOL_REGION", default: "us-east-1", doc: "Region used in pool ids and ARNs." },
  {
    flag: "log-level",
    env: "HUSHPOOL_LOG_LEVEL",
    default: "info",
    doc: "fatal|error|warn|info|debug|trace|silent.",
  },
  {
    flag: "workers",
    env: "HUSHPOOL_WORKERS",
    default: "0",
    doc: "Worker processes serving the port (node:cluster); 0 = one per core. SQLite in memory runs one (docs/scaling.md#workers).",
  },
  {
    flag: "database-url",
    env: "DATABASE_URL",
    default: "",
    doc: "postgres://… to use PostgreSQL instead of the embedded SQLite store.",
  },
  {
    flag: "database-pool-size",
    env: "HUSHPOOL_DATABASE_POOL_SIZE",
    default: "10",
    doc: "Most PostgreSQL connections this node opens; keep nodes × size below max_connections.",
  },
  {
    flag: "issuer-base-url",
    env: "HUSHPOOL_ISSUER_BASE_URL",
    default: "",
    doc: "Public base URL of this server for token `iss` and discovery (default: the listen address).",
  },
  {
    flag: "domain-base-url",
    env: "HUSHPOOL_DOMAIN_BASE_URL",
    default: "",
    doc: "e.g. https://auth.example.com: user-pool domains are named https://<prefix>.auth.example.com (default: <issuer base>/oauth/<prefix>; docs/oauth.md).",
  },
  {
    flag: "lambda-endpoint",
    env: "HUSHPOOL_LAMBDA_ENDPOINT",
    default: "",
    doc: "Base URL of an AWS Lambda Invoke API (sam local, serverless-offline, LocalStack) for triggers.",
  },
  {
    flag: "functions",
    env: "HUSHPOOL_FUNCTIONS",
    default: "",
    doc: "Directory of in-process trigger modules, one per function name, each exporting handler(event, context).",
  },
  {
    flag: "smtp-url",
    env: "HUSHPOOL_SMTP_URL",
    default: "",
    doc: "smtp://host:port to deliver email; default logs only.",
  },
  {
    flag: "sms-webhook-url",
    env: "HUSHPOOL_SMS_WEBHOOK_URL",
    default: "",
    doc: "http(s) URL that receives each SMS as a JSON POST {to, text, …} for a real gateway; default logs only (docs/mfa.md#sms-and-email-codes).",
  },
  {
    flag: "master-key",
    env: "HUSHPOOL_MASTER_KEY",
    default: "",
    doc: "Base64 32-byte key encrypting secrets at rest (default: generated into <data>/master.key).",
  },
  {
    flag: "log-codes",
    env: "HUSHPOOL_LOG_CODES",
    default: "auto",
    doc: "on|off|auto: log codes and temporary passwords with each message; auto = on only when listening on loopback (docs/security.md#secrets-at-rest).",
  },
  {
    flag: "max-body-bytes",
    env: "HUSHPOOL_MAX_BODY_BYTES",
    default: "262144",
    doc: "Largest request body accepted; larger bodies get HTTP 413.",
  },
  {
    flag: "admin-credentials",
    env: "HUSHPOOL_ADMIN_CREDENTIALS",
    default: "",
    doc: "JSON file of admin keys [{accessKeyId, secretAccessKey, pools}]: IAM operations then need SigV4 (docs/security.md).",
  },
  {
    flag: "admin-access-key-id",
    env: "HUSHPOOL_ADMIN_ACCESS_KEY_ID",
    default: "",
    doc: "One admin key for every pool (prefer the environment variable), with --admin-secret-access-key.",
  },
  {
    flag: "admin-secret-access-key",
    env: "HUSHPOOL_ADMIN_SECRET_ACCESS_KEY",
    default: "",
    doc: "The secret of --admin-access-key-id (prefer the environment variable).",
  },
  {
    flag: "insecure-admin",
    env: "HUSHPOOL_INSECURE_ADMIN",
    default: "false",
    boolean: true,
    doc: "Allow a non-loopback --host without admin keys: anyone who reaches the port runs admin operations.",
  },
  {
    flag: "dev-endpoints",
    env: "HUSHPOOL_DEV_ENDPOINTS",
    default: "auto",
    doc: "auto|on|off: /_hushpool/* development endpoints (codes in clear); auto = on only on a loopback --host.",
  },
  {
    flag: "console",
    env: "HUSHPOOL_CONSOLE",
    default: "on",
    doc: "on|off: the web console at /console, signed in like the admin plane (docs/console.md).",
  },
  {
    flag: "seed",
    env: "HUSHPOOL_SEED",
    default: "",
    doc: "A seed file (JSON, or YAML when named .yaml/.yml) of pools, clients, groups and users applied at every start (docs/seeding.md).",
  },
  {
    flag: "request-timeout-ms",
    env: "HUSHPOOL_REQUEST_TIMEOUT_MS",
    default: "30000",
    doc: "A request whose headers and body have not arrived in this time is answered 408 and closed.",
  },
  {
    flag: "existence-profile",
    env: "HUSHPOOL_EXISTENCE_PROFILE",
    default: "cognito",
    doc: "cognito|strict: how pools without the hushpool:existence-profile tag hide users (docs/existence.md).",
  },
  {
    flag: "code-flow-floor-ms",
    env: "HUSHPOOL_CODE_FLOW_FLOOR_MS",
    default: "10",
    doc: "Answer the code flows (ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword) and choice-based sign-in (USER_AUTH, and its SELECT_CHALLENGE, EMAIL_OTP, SMS_OTP and WEB_AUTHN answers) no sooner than this many ms after they arrive, so their timing tells no name from another; 0 turns it off (docs/existence.md#the-time-floor).",
  },
  {
    flag: "quota",
    env: "HUSHPOOL_QUOTA",
    default: "aws",
    doc: "Request-rate quotas per pool: off, or CATEGORY=RPS|off items applied to AWS's rates (comma list, repeatable; docs/security.md#quotas).",
    multiple: true,
  },
  {
    flag: "metrics",
    env: "HUSHPOOL_METRICS",
    default: "false",
    boolean: true,
    doc: "Serve Prometheus metrics at GET /metrics (docs/operating.md#metrics).",
  },
  {
    flag: "shutdown-timeout-ms",
    env: "HUSHPOOL_SHUTDOWN_TIMEOUT_MS",
    default: "10000",
    doc: "On SIGTERM/SIGINT, requests still open after this time are cut and their sockets closed.",
  },
  {
    flag: "bench-delay-micros",
    env: "HUSHPOOL_BENCH_DELAY_MICROS",
    default: "0",
    doc: "Benchmarks only, never in production: busy-wait this many µs on --bench-delay-path (docs/measuring.md).",
  },
  {
    flag: "bench-delay-path",
    env: "HUSHPOOL_BENCH_DELAY_PATH",
    default: "",
    doc: "Benchmarks only: the user state --bench-delay-micros slows, e.g. unknown-user (docs/measuring.md).",
  },
] as const;

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  data: z.string().min(1),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must look like us-east-1"),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
  workers: z.coerce.number().int().min(0).max(1024),
  databaseUrl: z.string(),
  databasePoolSize: z.coerce.number().int().min(1).max(1000),
  issuerBaseUrl: z.string(),
  domainBaseUrl: z
    .string()
    .refine(
      (v) => v === "" || /^https?:\/\/[^/?#]+\/?$/.test(v),
      "must be a URL such as https://auth.example.com",
    ),
  lambdaEndpoint: z.string(),
  functions: z.string(),
  smtpUrl: z.string(),
  smsWebhookUrl: z.string().refine((u) => u === "" || /^https?:\/\/./.test(u), "must be an http(s) URL"),
  masterKey: z.string(),
  logCodes: z.enum(["on", "off", "auto"]),
  maxBodyBytes: z.coerce.number().int().min(1024),
  existenceProfile: z.enum(["cognito", "strict"]),
  adminCredentials: z.string(),
  adminAccessKeyId: z.string(),
  adminSecretAccessKey: z.string(),
  insecureAdmin: z.enum(["true", "false", "1", "0", ""]).transform((v) => v === "true" || v === "1"),
  devEndpoints: z.enum(["auto", "on", "off"]),
  console: z.enum(["on", "off"]),
  seed: z.string(),
  requestTimeoutMs: z.coerce.number().int().min(100).max(3_600_000),
  metrics: z.enum(["true", "false", "1", "0", ""]).transform((v) => v === "true" || v === "1"),
  shutdownTimeoutMs: z.coerce.number().int().min(0).max(3_600_000),
  codeFlowFloorMs: z.coerce.number().min(0).max(10_000),
  // Kept as written (tests and benches pass "off"); checked here so a typo stops the start.
  quota: z.string().superRefine((text, ctx) => {
    try {
      parseQuotaSetting(text);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
    }
  }),
  // A delay that is not a positive number leaves the positive control off (src/bench-delay.ts).
  benchDelayMicros: z.coerce.number().catch(0),
  benchDelayPath: z.string(),
});

export type Config = z.infer<typeof schema>;

/** 127.0.0.0/8, ::1 and localhost: the addresses only this machine reaches. */
const LOOPBACK_HOST = /^(127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3}|localhost)$/i;

/**
 * Whether the log sender writes codes and temporary passwords (`--log-codes`). `auto` turns it on
 * only where the development message reader (`/_hushpool/messages`) would show them anyway: a
 * server listening on loopback with the development endpoints not turned off, i.e. a developer's
 * machine (docs/security.md#secrets-at-rest).
 */
export function logsCodes(c: Pick<Config, "logCodes" | "host" | "devEndpoints">): boolean {
  if (c.logCodes !== "auto") return c.logCodes === "on";
  return LOOPBACK_HOST.test(c.host) && c.devEndpoints !== "off";
}

const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function helpText(): string {
  const lines = OPTIONS.map(
    (o) => `  --${o.flag.padEnd(18)} ${o.env.padEnd(27)} ${o.doc} [${o.default || "unset"}]`,
  );
  return `Usage: hushpool [options]\n\nOptions (flag, environment variable, meaning [default]):\n${lines.join("\n")}\n  --help             print this text\n`;
}

/** Parses argv and the environment into a validated Config; throws with a readable message. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): Config | "help" {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries([
      // A `boolean` option is a bare flag (`--insecure-admin`); its environment twin says true or false.
      // A repeatable option (`--quota`) may be given several times.
      ...OPTIONS.map((o) => [
        o.flag,
        "boolean" in o
          ? { type: "boolean" as const }
          : { type: "string" as const, multiple: "multiple" in o },
      ]),
      ["help", { type: "boolean" as const }],
    ]),
    strict: true,
  }) as { values: Record<string, string | string[] | boolean | undefined> };
  if (values.help) return "help";
  const raw: Record<string, unknown> = {};
  for (const o of OPTIONS) {
    // A bare boolean flag reads as "true"; a repeatable flag given several times as one comma list.
    const given = values[o.flag];
    const v = given === true ? "true" : Array.isArray(given) ? given.join(",") : given;
    raw[camel(o.flag)] = typeof v === "string" ? v : (env[o.env] ?? o.default);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("; ");
    throw new Error(`invalid configuration: ${why}`);
  }
  return parsed.data;
}
