import type { z } from "zod";

/**
 * How validation messages name a member, read off the operation's input schema: structure members
 * in lowerCamelCase (`authParameters`, `policies.passwordPolicy.minimumLength`), list elements as
 * `<list>.<n>.member` (1-based, AWS's form: `schema.1.member.name`), map keys as given
 * (`authParameters.PASSWORD`). Also which values must never be echoed, and where a NUL hides.
 */

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional/nullable/default/pipe/lazy wrappers. */
function unwrap(schema: z.ZodType): Def {
  let d = defOf(schema);
  for (let i = 0; i < 16; i++) {
    const next = d.type === "pipe" ? d.in : d.type === "lazy" ? d.getter?.() : d.innerType;
    if (!next) return d;
    d = defOf(next);
  }
  return d;
}

/**
 * Members whose values are secrets or personal data: Cognito's API model marks their shapes
 * sensitive (passwords, codes, secret hashes, client ids and secrets, sessions, tokens, usernames,
 * attribute values, AuthParameters, ChallengeResponses, UserContextData), and AWS leaves their values
 * out of validation messages (`Value at 'password' failed to satisfy constraint: …`). Anything under
 * such a member (a map's values) is sensitive too.
 */
const SENSITIVE = new Set([
  "password",
  "previousPassword",
  "proposedPassword",
  "temporaryPassword",
  "confirmationCode",
  "code",
  "userCode",
  "secretCode",
  "secretHash",
  "clientSecret",
  "clientId",
  "session",
  "accessToken",
  "refreshToken",
  "idToken",
  "token",
  "username",
  "value",
  "authParameters",
  "challengeResponses",
  "userContextData",
]);

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export interface MemberPath {
  path: string;
  sensitive: boolean;
}

/** Names the member at `path` (a zod issue path) of `schema`'s input. */
export function memberPath(schema: z.ZodType, path: readonly PropertyKey[]): MemberPath {
  const parts: string[] = [];
  let sensitive = false;
  let cur: Def | undefined = unwrap(schema);
  for (const key of path) {
    if (typeof key === "number" || cur?.type === "array") {
      parts.push(String(Number(key) + 1), "member");
      cur = cur?.element ? unwrap(cur.element) : undefined;
    } else if (cur?.type === "record") {
      parts.push(String(key));
      cur = cur.valueType ? unwrap(cur.valueType) : undefined;
    } else {
      const name = lowerFirst(String(key));
      parts.push(name);
      sensitive ||= SENSITIVE.has(name);
      const member: z.ZodType | undefined = cur?.shape?.[String(key)];
      cur = member ? unwrap(member) : undefined;
    }
  }
  return { path: parts.join("."), sensitive };
}

/** Where a NUL sits: in a string value, or in a map key (then `path` is the map's). */
export interface NulAt {
  path: PropertyKey[];
  inKey: boolean;
}

/**
 * Every place in `input` that reaches the handler (members the schema declares, list elements, map
 * keys and values; unknown members are dropped by the schema, so they are not looked at) and holds
 * U+0000, which PostgreSQL's text type cannot store (docs/errors.md#validation-errors).
 */
export function nulsIn(schema: z.ZodType, input: unknown): NulAt[] {
  const out: NulAt[] = [];
  const walk = (d: Def | undefined, v: unknown, path: PropertyKey[]): void => {
    if (typeof v === "string") {
      if (v.includes("\u0000")) out.push({ path, inKey: false });
    } else if (Array.isArray(v)) {
      if (d && d.type !== "array" && d.type !== "unknown") return;
      const el = d?.element ? unwrap(d.element) : undefined;
      for (const [i, x] of v.entries()) walk(el, x, [...path, i]);
    } else if (typeof v === "object" && v !== null) {
      if (d?.type === "object") {
        for (const [k, member] of Object.entries(d.shape ?? {}))
          if (Object.hasOwn(v, k)) walk(unwrap(member), (v as Record<string, unknown>)[k], [...path, k]);
      } else if (!d || d.type === "record" || d.type === "unknown") {
        const valueDef = d?.valueType ? unwrap(d.valueType) : undefined;
        for (const [k, x] of Object.entries(v)) {
          if (k.includes("\u0000")) out.push({ path, inKey: true });
          walk(valueDef, x, [...path, k]);
        }
      }
    }
  };
  walk(unwrap(schema), input, []);
  return out;
}

/**
 * A copy of `input` without the structure members whose value is JSON `null` (src/protocol/validation.ts):
 * at every depth the schema describes (members of structures, structures in lists and map values).
 * Nulls as list elements or map values are kept, so they fail validation as values. The input itself
 * is not changed; what holds no null is returned as is.
 */
export function withoutNulls(schema: z.ZodType, input: unknown): unknown {
  const walk = (d: Def | undefined, v: unknown): unknown => {
    if (!d || v === null || typeof v !== "object") return v;
    if (Array.isArray(v)) {
      if (d.type !== "array" || !d.element) return v;
      const el = unwrap(d.element);
      let changed = false;
      const out = v.map((x) => {
        const y = walk(el, x);
        changed ||= y !== x;
        return y;
      });
      return changed ? out : v;
    }
    if (d.type === "object" || (d.type === "record" && d.valueType)) {
      const memberDef = (k: string): Def | undefined => {
        if (d.type === "record") return d.valueType ? unwrap(d.valueType) : undefined;
        // Own members only: `constructor` or `__proto__` in a body name no member.
        const member = d.shape && Object.hasOwn(d.shape, k) ? d.shape[k] : undefined;
        return member ? unwrap(member) : undefined;
      };
      let changed = false;
      const entries: [string, unknown][] = [];
      for (const [k, x] of Object.entries(v)) {
        if (x === null && d.type === "object") {
          changed = true;
          continue;
        }
        const y = walk(memberDef(k), x);
        changed ||= y !== x;
        entries.push([k, y]);
      }
      // fromEntries defines own properties, so a member named `__proto__` stays data.
      return changed ? Object.fromEntries(entries) : v;
    }
    return v;
  };
  return walk(unwrap(schema), input);
}
