import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { KeyStore } from "../storage/ports.ts";
import type { SecretBox } from "./secret-box.ts";

/**
 * The server's secret seed, shared through the store (so every node gives the same simulated answer)
 * and sealed with the master key. Everything that must be a stable, unguessable function of a name —
 * simulated SALT / USER_ID_FOR_SRP / verifier, simulated CodeDeliveryDetails, attempt-counter keys,
 * code hashes — is an HMAC under a key derived from this seed for one purpose.
 */
export class ServerSecrets {
  private readonly seed: Buffer;
  private readonly derived = new Map<string, Buffer>();
  constructor(seed: Buffer) {
    this.seed = seed;
  }

  static async load(keys: KeyStore, box: SecretBox): Promise<ServerSecrets> {
    const sealed = await keys.putIfAbsent("seed", box.seal(randomBytes(32), "secret:seed"));
    const seed = box.open(sealed, "secret:seed");
    if (!seed) throw new Error("the stored seed cannot be opened with this master key");
    return new ServerSecrets(seed);
  }

  /** The key for one purpose (e.g. "srp-salt", "counter", "code"). */
  key(purpose: string): Buffer {
    let k = this.derived.get(purpose);
    if (!k) {
      k = createHmac("sha256", this.seed).update(`hushpool/${purpose}`).digest();
      this.derived.set(purpose, k);
    }
    return k;
  }

  /** HMAC-SHA256 of the parts (joined unambiguously) under the purpose's key. */
  mac(purpose: string, ...parts: string[]): Buffer {
    const h = createHmac("sha256", this.key(purpose));
    for (const p of parts) h.update(`${Buffer.byteLength(p)}:${p}|`);
    return h.digest();
  }

  macHex(purpose: string, ...parts: string[]): string {
    return this.mac(purpose, ...parts).toString("hex");
  }
}

/** Constant-time equality for secrets of any length (lengths are not secret). */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const x = typeof a === "string" ? Buffer.from(a) : a;
  const y = typeof b === "string" ? Buffer.from(b) : b;
  if (x.length !== y.length) {
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}
