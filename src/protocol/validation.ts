import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { memberPath, nulsIn, withoutNulls } from "./member-paths.ts";

/**
 * Input validation at the edge. Operation inputs are zod schemas; violations are reported the way
 * AWS's JSON services do: `InvalidParameterException` with
 * `1 validation error detected: Value '<v>' at '<member>' failed to satisfy constraint: <rule>`.
 * Member paths are spelled as Cognito's own messages spell them (./member-paths.ts); the values of
 * secret and personal members are left out (`Value at 'password' …`).
 */

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const k of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k as string];
  }
  return cur;
}

function rule(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return value === undefined || value === null
        ? "Member must not be null"
        : `Member must be of type ${issue.expected}`;
    case "too_small":
      return issue.origin === "string" || issue.origin === "array"
        ? `Member must have length greater than or equal to ${issue.minimum}`
        : `Member must have value greater than or equal to ${issue.minimum}`;
    case "too_big":
      return issue.origin === "string" || issue.origin === "array"
        ? `Member must have length less than or equal to ${issue.maximum}`
        : `Member must have value less than or equal to ${issue.maximum}`;
    case "invalid_format":
      return `Member must satisfy regular expression pattern: ${"pattern" in issue ? String(issue.pattern).replace(/^\/\^?|\$?\/[a-z]*$/g, "") : issue.format}`;
    case "invalid_value":
      return `Member must satisfy enum value set: [${issue.values.map(String).join(", ")}]`;
    default:
      return issue.message;
  }
}

/** The value is left out for sensitive members, objects, and strings holding a NUL (reported on their own). */
function describe(schema: z.ZodType, issue: z.core.$ZodIssue, input: unknown): string {
  const { path, sensitive } = memberPath(schema, issue.path);
  const value = valueAt(input, issue.path);
  const shown =
    value === undefined || value === null
      ? "null"
      : sensitive || typeof value === "object" || String(value).includes("\u0000")
        ? ""
        : `'${String(value)}'`;
  const valuePart = shown ? `Value ${shown} at` : "Value at";
  return `${valuePart} '${path}' failed to satisfy constraint: ${rule(issue, value)}`;
}

/**
 * U+0000 is valid in Cognito's model but PostgreSQL's text type cannot hold it, so it is refused in
 * every string the handler would see, on both stores alike (docs/errors.md#validation-errors). The
 * value is never shown.
 */
function describeNul(schema: z.ZodType, at: { path: PropertyKey[]; inKey: boolean }): string {
  const what = at.inKey ? "Map keys" : "Member";
  return `Value at '${memberPath(schema, at.path).path}' failed to satisfy constraint: ${what} must not contain the NUL character (U+0000)`;
}

/**
 * Parses `input` with `schema`, or throws Cognito's InvalidParameterException. A structure member
 * given as JSON `null` counts as absent, at any depth, as AWS's JSON protocol treats it (the AWS SDKs
 * leave unset members out, but hand-written clients send `null`: amazon-cognito-identity-js's own
 * README calls `signUp(username, password, attributes, null, callback)`), docs/wire-protocol.md#null.
 * A required member given as `null` is then missing: `Member must not be null`.
 */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(withoutNulls(schema, input));
  const nuls = nulsIn(schema, input);
  if (result.success && nuls.length === 0) return result.data;
  const details = result.success ? [] : result.error.issues.map((i) => describe(schema, i, input));
  throw errors.invalidRequest([...details, ...nuls.map((at) => describeNul(schema, at))]);
}

/** Shapes from the API model (docs/wire-protocol.md), reused by operation schemas. */
export const shapes = {
  userPoolId: z
    .string()
    .min(1)
    .max(55)
    .regex(/^[\w-]+_[0-9a-zA-Z]+$/),
  clientId: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w+]+$/),
  username: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u),
  password: z
    .string()
    .max(256)
    .regex(/^[\S]+$/),
  confirmationCode: z
    .string()
    .min(1)
    .max(2048)
    .regex(/^[\S]+$/),
  secretHash: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w+=/]+$/),
  session: z.string().min(20).max(2048),
  attributeName: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u),
  attributeValue: z.string().max(2048),
  poolName: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w\s+=,.@-]+$/),
  clientName: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[\w\s+=,.@-]+$/),
  paginationKey: z
    .string()
    .min(1)
    .regex(/^[\S]+$/),
  stringMap: z.record(z.string(), z.string()),
  /** ArnType (a group's RoleArn, an import job's CloudWatchLogsRoleArn, a tagged pool's ARN). */
  arn: z
    .string()
    .min(20)
    .max(2048)
    .regex(
      /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/,
    ),
  /** ClientSecretType: a secret given rather than generated (CreateUserPoolClient, AddUserPoolClientSecret, seeds). */
  clientSecret: z
    .string()
    .min(24)
    .max(64)
    .regex(/^[\w+]+$/),
  /** EventIdType and FeedbackValueType (UpdateAuthEventFeedback, AdminUpdateAuthEventFeedback). */
  eventId: z
    .string()
    .min(1)
    .max(50)
    .regex(/^[\w+-]+$/),
  feedbackValue: z.enum(["Valid", "Invalid"]),
  get attributes() {
    return z.array(z.object({ Name: shapes.attributeName, Value: shapes.attributeValue.optional() }));
  },
};
