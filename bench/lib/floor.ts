/**
 * The cryptographic floor of a sign-in on this machine (issue: "close to the cryptographic floor"):
 * the CPU that the indispensable work costs, measured in this process with process.cpuUsage(), so
 * that every sign-in bench can print its server CPU per sign-in as a multiple of it.
 *
 * - one 3072-bit modular exponentiation with a 256-bit exponent (node:crypto, as src/srp/modexp.ts
 *   computes it): the password check, SRP's B, v^u and (A·v^u)^b;
 * - one RS256 signature with a 2048-bit key through node:crypto.sign: the ID and the access token;
 * - one AES-256-GCM open of a sealed credential's size (src/crypto/secret-box.ts);
 * - one refresh-token JWE seal: a 256-bit content key wrapped with RSA-OAEP (2048-bit public key)
 *   and the token's secret sealed with AES-256-GCM (src/tokens/refresh-token.ts). Cognito's refresh
 *   token is such a JWE (docs/tokens.md#token-format), so a compatible server cannot skip it;
 * - one indexed SQLite point lookup of a user-sized row among N rows.
 *
 * Floors: USER_PASSWORD_AUTH = 1 modexp + 2 signatures + 1 open + 1 JWE seal + 1 lookup;
 * USER_SRP_AUTH (both round trips) = 3 modexps + 2 signatures + 1 open + 1 JWE seal + 1 lookup.
 * Everything else a sign-in does (HTTP, JSON, validation, the other reads and the writes, hashing,
 * the equal-work decoy) is overhead that the ratio shows (docs/performance.md#the-cryptographic-floor).
 */
import {
  constants,
  createCipheriv,
  createDiffieHellman,
  generateKeyPairSync,
  publicEncrypt,
  randomBytes,
  sign,
} from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SecretBox } from "../../src/crypto/secret-box.ts";
import { N } from "../../src/srp/group.ts";
import { openSqlite } from "../../src/storage/sql/sqlite-driver.ts";

export interface Floor {
  modexpMs: number;
  rs256SignMs: number;
  aesGcmOpenMs: number;
  /** RSA-OAEP wrap of a 256-bit key + AES-256-GCM seal of a refresh token's secret. */
  jweSealMs: number;
  lookupMs: number;
  lookupRows: number;
  /** 1 modexp + 2 RS256 + 1 AES-GCM open + 1 JWE seal + 1 lookup. */
  passwordMs: number;
  /** 3 modexps + 2 RS256 + 1 AES-GCM open + 1 JWE seal + 1 lookup. */
  srpMs: number;
  /** A refused password attempt (unknown name or wrong password): 1 modexp + 1 open + 1 lookup, no tokens. */
  passwordRefusedMs: number;
  /** A refused SRP attempt, both round trips: 3 modexps + 1 open + 1 lookup, no tokens. */
  srpRefusedMs: number;
}

export interface FloorOptions {
  /** Rows in the lookup table (default 100,000); ignored when `sqlite` is given. */
  rows?: number;
  /** Measure the lookup on an existing hushpool SQLite file instead: `users` by (pool_id, username_key). */
  sqlite?: { file: string; poolId: string; name: (i: number) => string; users: number };
  /** Operations per round (default 200 for the slow ones); 5 rounds, the median round is kept. */
  scale?: number;
}

/** Median over 5 rounds of the mean CPU ms per call (user + system of this process). */
function cpuPerCall(n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < Math.min(20, n); i++) fn(i);
  const rounds: number[] = [];
  let k = 0;
  for (let r = 0; r < 5; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) fn(k++);
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / n / 1000);
  }
  rounds.sort((a, b) => a - b);
  return rounds[2] as number;
}

const PRIME = Buffer.from(N.toString(16), "hex");

export function measureFloor(opts: FloorOptions = {}): Floor {
  const meter = floorMeter(opts);
  try {
    return meter.measure(opts.scale ?? 1);
  } finally {
    meter.close();
  }
}

/**
 * The floor's inputs prepared once (keys, the Diffie-Hellman object, the lookup's database), so that a
 * bench can measure the floor again and again between its batches: on a shared virtual machine the
 * CPU's speed drifts over seconds (a tight loop of modexps reads ~20 % slower in its first second than
 * after it), so a ratio is fairest against the floor measured next to it in time
 * (bench/signin-throughput.ts --rounds).
 */
export interface FloorMeter {
  /** The floor now; `scale` multiplies the operations per round (default 1: 200 slow, 5,000 fast). */
  measure(scale?: number): Floor;
  close(): void;
}

export function floorMeter(opts: Omit<FloorOptions, "scale"> = {}): FloorMeter {
  // 3072-bit modexp, 256-bit exponent: y^e mod N through OpenSSL, the way src/srp/modexp.ts does it
  // (one Diffie-Hellman object reused: making one costs ~1.4 s on Node 24).
  const dh = createDiffieHellman(PRIME, Buffer.from([2]));
  const bases = Array.from({ length: 16 }, () => {
    dh.setPrivateKey(randomBytes(32));
    return dh.generateKeys();
  });
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const payload = Buffer.from(JSON.stringify({ sub: "x".repeat(36), pad: "y".repeat(600) }));
  const box = new SecretBox(randomBytes(32));
  const credential = JSON.stringify({ salt: "ab".repeat(16), verifier: "cd".repeat(384) });
  const sealed = box.seal(credential, "credential:pool:sub");
  // The refresh token as src/tokens/refresh-token.ts builds it: fresh key, OAEP (SHA-1) wrap, GCM seal.
  const aad = Buffer.from("eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ", "ascii");
  const lookup = opts.sqlite ? lookupInHushpool(opts.sqlite) : lookupSynthetic(opts.rows ?? 100_000);

  return {
    measure(scale = 1) {
      const slow = Math.max(10, Math.round(200 * scale));
      const fast = Math.max(100, Math.round(5000 * scale));
      const modexpMs = cpuPerCall(slow, (i) => {
        dh.setPrivateKey(randomBytes(32));
        return dh.computeSecret(bases[i % bases.length] as Buffer);
      });
      const rs256SignMs = cpuPerCall(slow, () => sign("sha256", payload, privateKey));
      const aesGcmOpenMs = cpuPerCall(fast, () => box.open(sealed, "credential:pool:sub"));
      const jweSealMs = cpuPerCall(fast, () => {
        const cek = randomBytes(32);
        const wrapped = publicEncrypt(
          { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha1" },
          cek,
        );
        const cipher = createCipheriv("aes-256-gcm", cek, randomBytes(12));
        cipher.setAAD(aad);
        return [wrapped, cipher.update("s".repeat(43), "utf8"), cipher.final(), cipher.getAuthTag()];
      });
      const lookupMs = cpuPerCall(fast, lookup.get);
      const common = 2 * rs256SignMs + aesGcmOpenMs + jweSealMs + lookupMs;
      return {
        modexpMs,
        rs256SignMs,
        aesGcmOpenMs,
        jweSealMs,
        lookupMs,
        lookupRows: lookup.rows,
        passwordMs: modexpMs + common,
        srpMs: 3 * modexpMs + common,
        passwordRefusedMs: modexpMs + aesGcmOpenMs + lookupMs,
        srpRefusedMs: 3 * modexpMs + aesGcmOpenMs + lookupMs,
      };
    },
    close: lookup.close,
  };
}

interface Lookup {
  rows: number;
  get: (i: number) => unknown;
  close: () => void;
}

/** A point lookup on a users-shaped table of `rows` rows (a 1.2 kB sealed-credential-sized column). */
function lookupSynthetic(rows: number): Lookup {
  const dir = mkdtempSync(join(tmpdir(), "hushpool-floor-"));
  const db = openSqlite(join(dir, "floor.sqlite"));
  const close = (): void => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("cache_size = -65536");
    db.pragma("mmap_size = 268435456");
    db.exec(
      "CREATE TABLE users (pool_id TEXT NOT NULL, sub TEXT NOT NULL, username_key TEXT NOT NULL, attributes TEXT NOT NULL, credential TEXT, PRIMARY KEY (pool_id, sub))",
    );
    db.exec("CREATE UNIQUE INDEX users_name ON users (pool_id, username_key)");
    const insert = db.prepare("INSERT INTO users VALUES (?, ?, ?, ?, ?)");
    const blob = "v1.".concat("A".repeat(1200));
    db.transaction(() => {
      for (let i = 0; i < rows; i++) {
        insert.run("us-east-1_bench", `sub-${i}`, `user${String(i).padStart(7, "0")}`, '{"email":"x"}', blob);
      }
    })();
    const get = db.prepare("SELECT * FROM users WHERE pool_id = ? AND username_key = ?");
    return {
      rows,
      get: (i) => get.get("us-east-1_bench", `user${String((i * 7919) % rows).padStart(7, "0")}`),
      close,
    };
  } catch (e) {
    close();
    throw e;
  }
}

/** The same lookup on the bench's own database (read-only), the user row by (pool_id, username_key). */
function lookupInHushpool(s: NonNullable<FloorOptions["sqlite"]>): Lookup {
  const db = openSqlite(s.file, { readonly: true, fileMustExist: true });
  db.pragma("cache_size = -65536");
  db.pragma("mmap_size = 268435456");
  const get = db.prepare("SELECT * FROM users WHERE pool_id = ? AND username_key = ?");
  return {
    rows: s.users,
    get: (i) => get.get(s.poolId, s.name((i * 7919) % s.users)),
    close: () => db.close(),
  };
}

export function printFloor(f: Floor): void {
  const ms = (x: number) => `${x.toFixed(3)} ms`;
  console.log(`floor (CPU of this process, median of 5 rounds):`);
  console.log(`  3072-bit modexp, 256-bit exponent   ${ms(f.modexpMs)}`);
  console.log(`  RS256 sign (node:crypto, 2048-bit)  ${ms(f.rs256SignMs)}`);
  console.log(`  AES-256-GCM open (1.1 kB sealed)    ${(f.aesGcmOpenMs * 1000).toFixed(1)} µs`);
  console.log(`  refresh-token JWE seal (RSA-OAEP + GCM) ${(f.jweSealMs * 1000).toFixed(1)} µs`);
  console.log(`  SQLite indexed lookup (${f.lookupRows} rows) ${(f.lookupMs * 1000).toFixed(1)} µs`);
  console.log(`  USER_PASSWORD_AUTH floor (1 modexp + 2 RS256 + open + JWE + lookup)  ${ms(f.passwordMs)}`);
  console.log(`  USER_SRP_AUTH floor (3 modexps + 2 RS256 + open + JWE + lookup)      ${ms(f.srpMs)}`);
  console.log(
    `  refused USER_PASSWORD_AUTH floor (1 modexp + open + lookup)          ${ms(f.passwordRefusedMs)}`,
  );
  console.log(`  refused USER_SRP_AUTH floor (3 modexps + open + lookup)              ${ms(f.srpRefusedMs)}`);
}

/**
 * The floor a sign-in bench divides by: a flow's, or with `refused` (unknown names, wrong passwords)
 * the refused attempt's, which has no signatures and no JWE.
 */
export function floorFor(f: Floor, flow: "password" | "srp", refused = false): number {
  if (flow === "password") return refused ? f.passwordRefusedMs : f.passwordMs;
  return refused ? f.srpRefusedMs : f.srpMs;
}

/** "2.31 ms = 1.42× floor" */
export const ratioText = (cpuMsPerOp: number, floorMs: number): string =>
  `${cpuMsPerOp.toFixed(2)} ms = ${(cpuMsPerOp / floorMs).toFixed(2)}× floor (${floorMs.toFixed(2)} ms)`;
