/** Constant-time comparisons for secrets (docs/security.md#comparing-secrets). */
import { timingSafeEqual } from "node:crypto";

/**
 * True when the two byte strings are equal. The time depends only on the lengths, which are public
 * here (both sides are fixed-width: 384-byte group elements, 32-byte MACs, 44-char base64).
 */
export function equalBytes(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) {
    // Same work as a successful-length comparison, so a length mismatch is not a shortcut.
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** Constant-time equality of two strings, compared as UTF-8 bytes. */
export const equalStrings = (a: string, b: string): boolean =>
  equalBytes(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
