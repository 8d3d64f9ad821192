import { createCipheriv, createDecipheriv } from "node:crypto";
import { pooledRandomBytes } from "./random-pool.ts";

/**
 * AES-256-GCM for secrets at rest (password verifiers, client secrets, signing keys): a database dump
 * alone allows no offline guessing without the master key, which lives outside the database
 * (../../docs/security.md). Format: `v1.<base64url(iv[12] | tag[16] | ciphertext)>`.
 * `context` is bound as additional authenticated data so a sealed value cannot be moved to another row.
 */
export class SecretBox {
  private readonly key: Buffer;
  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error("master key must be 32 bytes");
    this.key = key;
  }

  seal(plain: Buffer | string, context: string): string {
    const iv = pooledRandomBytes(12);
    const c = createCipheriv("aes-256-gcm", this.key, iv);
    c.setAAD(Buffer.from(context, "utf8"));
    const ct = Buffer.concat([
      c.update(typeof plain === "string" ? Buffer.from(plain, "utf8") : plain),
      c.final(),
    ]);
    return `v1.${Buffer.concat([iv, c.getAuthTag(), ct]).toString("base64url")}`;
  }

  /** Returns the plaintext, or null when the value is not ours or was tampered with. */
  open(sealed: string, context: string): Buffer | null {
    if (!sealed.startsWith("v1.")) return null;
    const raw = Buffer.from(sealed.slice(3), "base64url");
    if (raw.length < 28) return null;
    try {
      const d = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, 12));
      d.setAAD(Buffer.from(context, "utf8"));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]);
    } catch {
      return null;
    }
  }

  openString(sealed: string, context: string): string | null {
    return this.open(sealed, context)?.toString("utf8") ?? null;
  }
}
