import { randomBytes, randomFillSync } from "node:crypto";

/**
 * Random bytes for token identifiers and keys, drawn from a buffer refilled 4 KiB at a time from the
 * same CSPRNG as `crypto.randomBytes` (node:crypto's own `randomUUID` buffers its entropy the same way).
 * A sign-in draws six small values (three UUIDv7 ids, the refresh secret, the JWE's content key and
 * IV); one call into OpenSSL per 4 KiB instead of one per value is ~0.1 ms less CPU per sign-in on the
 * development machine (docs/performance.md#near-the-floor). Handed-out bytes are copied and zeroed in
 * the buffer, so the pool never keeps a copy of a key it gave away.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

export function pooledRandomBytes(n: number): Buffer {
  if (n > POOL_BYTES / 8) return randomBytes(n);
  if (offset + n > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.allocUnsafe(n);
  pool.copy(out, 0, offset, offset + n);
  pool.fill(0, offset, offset + n);
  offset += n;
  return out;
}
