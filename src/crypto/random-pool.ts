import { randomBytes, randomFillSync } from "node:crypto";

/**
 * Random bytes for identifiers, keys and IVs, drawn from a buffer refilled 4 KiB at a time from the
 * same CSPRNG as `crypto.randomBytes` (node:crypto's own `randomUUID` buffers its entropy the same way).
 * A password sign-in draws six small values (three UUIDv7 ids, the refresh secret, the JWE's content
 * key and IV); an SRP sign-in also its secret exponent b, its session id and the IVs of the sealed
 * session. One call into OpenSSL per 4 KiB instead of one per value (~10 µs each here) is ~0.1 ms less
 * CPU per sign-in (docs/performance.md#near-the-floor). Handed-out bytes are copied and zeroed in the
 * buffer, so the pool never keeps a copy of a secret it gave away. Each process (and each cluster
 * worker, a process of its own) has its own pool.
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
