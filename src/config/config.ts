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
    flag: "master-key",
    env: "HUSHPOOL_MASTER_KEY",
    default: "",
    doc: "Base64 32-byte key encrypting secrets at rest (default: generated into <data>/master.key).",
  },
  {
    flag: "max-body-bytes",
    env: "HUSHPOOL_MAX_BODY_BYTES",
    default: "262144",
    doc: "Largest request body accepted; larger bodies get HTTP 413.",
  },
  {
    flag: "existence-profile",
    env: "HUSHPOOL_EXISTENCE_PROFILE",
    default: "cognito",
    doc: "cognito|strict: how pools without the hushpool:existence-profile tag hide users (docs/existence.md).",
  },
  {
    flag: "quota",
    env: "HUSHPOOL_QUOTA",
    default: "aws",
    doc: "Request-rate quotas per pool: off, or CATEGORY=RPS|off items applied to AWS's rates (comma list, repeatable; docs/security.md#quotas).",
    multiple: true,
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
  databaseUrl: z.string(),
  databasePoolSize: z.coerce.number().int().min(1).max(1000),
  issuerBaseUrl: z.string(),
  lambdaEndpoint: z.string(),
  functions: z.string(),
  smtpUrl: z.string(),
  masterKey: z.string(),
  maxBodyBytes: z.coerce.number().int().min(1024),
  existenceProfile: z.enum(["cognito", "strict"]),
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
      ...OPTIONS.map((o) => [o.flag, { type: "string" as const, multiple: "multiple" in o }]),
      ["help", { type: "boolean" as const }],
    ]),
    strict: true,
  }) as { values: Record<string, string | string[] | boolean | undefined> };
  if (values.help) return "help";
  const raw: Record<string, unknown> = {};
  for (const o of OPTIONS) {
    // A repeatable flag given several times reads as one comma list, in order.
    const given = values[o.flag];
    const v = Array.isArray(given) ? given.join(",") : given;
    raw[camel(o.flag)] = typeof v === "string" ? v : (env[o.env] ?? o.default);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("; ");
    throw new Error(`invalid configuration: ${why}`);
  }
  return parsed.data;
}
