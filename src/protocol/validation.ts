import { z } from "zod";
import { errors } from "../domain/errors/index.ts";

/**
 * Input validation at the edge. Operation inputs are zod schemas; violations are reported the way
 * AWS's JSON services do: `InvalidParameterException` with
 * `1 validation error detected: Value '<v>' at '<member>' failed to satisfy constraint: <rule>`.
 * Member paths use the lowerCamelCase member names, as Cognito's own messages do.
 */

/** Members whose values must never be echoed back in an error message. */
const SENSITIVE = new Set([
  "password",
  "previousPassword",
  "proposedPassword",
  "temporaryPassword",
  "secretHash",
  "session",
  "accessToken",
  "refreshToken",
  "clientSecret",
  "token",
  "confirmationCode",
  "code",
]);

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function valueAt(input: unknown, path: PropertyKey[]): unknown {
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

function describe(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path
    .map((p) => (typeof p === "number" ? String(p + 1) : lowerFirst(String(p))))
    .join(".");
  const value = valueAt(input, issue.path);
  const last = issue.path[issue.path.length - 1];
  const sensitive = typeof last === "string" && SENSITIVE.has(lowerFirst(last));
  const shown =
    value === undefined || value === null
      ? "null"
      : sensitive || typeof value === "object"
        ? ""
        : `'${String(value)}'`;
  const valuePart = shown ? `Value ${shown} at` : "Value at";
  return `${valuePart} '${path}' failed to satisfy constraint: ${rule(issue, value)}`;
}

/** Parses `input` with `schema`, or throws Cognito's InvalidParameterException. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw errors.invalidRequest(result.error.issues.map((i) => describe(i, input)));
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
  get attributes() {
    return z.array(z.object({ Name: shapes.attributeName, Value: shapes.attributeValue.optional() }));
  },
};
