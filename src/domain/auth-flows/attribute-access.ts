import { errors } from "../errors/index.ts";
import type { ClientConfig } from "../pools/client.ts";

/**
 * A client with WriteAttributes may write only those (Cognito's message, commonly observed:
 * `NotAuthorizedException: A client attempted to write unauthorized attribute`). No list = all.
 */
export function assertWritable(c: ClientConfig, names: string[]): void {
  const allowed = c.WriteAttributes;
  if (!allowed) return;
  if (names.some((n) => !allowed.includes(n))) {
    throw errors.unauthorizedAttributeWrite();
  }
}
