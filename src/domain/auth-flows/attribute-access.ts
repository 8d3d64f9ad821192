import { errors } from "../errors/index.ts";
import type { ClientConfig } from "../pools/client.ts";

/**
 * A client with WriteAttributes may write only those (Cognito's message, commonly observed:
 * `NotAuthorizedException: A client attempted to write unauthorized attribute`). No list = all but
 * the developer-only `dev:` attributes, which no client may write: "You can create and update
 * developer-only attributes only with IAM-authenticated API operations" (AWS's SchemaAttributeType
 * reference; docs/admin-users.md#developer-only-attributes).
 */
export function assertWritable(c: ClientConfig, names: string[]): void {
  const allowed = c.WriteAttributes;
  if (names.some((n) => n.startsWith("dev:") || (allowed && !allowed.includes(n)))) {
    throw errors.unauthorizedAttributeWrite();
  }
}
