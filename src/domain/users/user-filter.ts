import type { SearchAttribute, UserQuery } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";

/** ListUsers' searchable attributes (docs/admin-users.md); custom attributes are not searchable. */
const SEARCHABLE: ReadonlySet<string> = new Set<SearchAttribute>([
  "username",
  "email",
  "phone_number",
  "name",
  "given_name",
  "family_name",
  "preferred_username",
  "cognito:user_status",
  "status",
  "sub",
]);

/**
 * `AttributeName Filter-Type "AttributeValue"` with `=` (exact) or `^=` (prefix); quotes and
 * backslashes inside the value are escaped with `\` (ListUsers API reference, docs/admin-users.md). Spaces
 * around the operator are optional. The attribute name is anything up to the operator so that an
 * unknown one (e.g. `custom:tenant`) gets the "search attribute" message rather than a parse error.
 */
const GRAMMAR = /^\s*([^\s=^"]+)\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/su;

/**
 * Parses a ListUsers Filter. An empty (or blank) filter means all users. Messages as an emulator
 * that copies Cognito's reports them (inferred wording; docs/admin-users.md).
 */
export function parseUserFilter(text: string | undefined): UserQuery["filter"] {
  if (text === undefined || text.trim() === "") return undefined;
  const m = GRAMMAR.exec(text);
  if (!m) throw errors.filterParseError();
  const [, attribute = "", op, raw = ""] = m;
  if (!SEARCHABLE.has(attribute)) throw errors.invalidSearchAttribute(attribute);
  return {
    attribute: attribute as SearchAttribute,
    op: op === "^=" ? "^=" : "=",
    value: raw.replace(/\\(.)/gsu, "$1"),
  };
}
