/** SHA-256 / HMAC helpers in the shapes AuthenticationHelper.js uses (docs/srp.md#group-and-helpers). */
import { createHash, createHmac } from "node:crypto";

/** Lowercase hex SHA-256 of bytes. */
export const sha256Hex = (data: Buffer): string => createHash("sha256").update(data).digest("hex");

/** The clients' `hash(str)`: hex SHA-256 of the UTF-8 encoding of a string. */
export const hashUtf8 = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");

/** The clients' `hexHash(hex)`: hex SHA-256 of the bytes a hex string denotes. */
export const hexHash = (hex: string): string => sha256Hex(Buffer.from(hex, "hex"));

/** HMAC-SHA256 over the concatenation of the parts. */
export function hmacSha256(key: Buffer, ...parts: Buffer[]): Buffer {
  const h = createHmac("sha256", key);
  for (const p of parts) h.update(p);
  return h.digest();
}
