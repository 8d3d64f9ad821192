import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensurePrivateDir, tightenFile } from "./private-files.ts";

/**
 * The master key: from configuration (base64, shared by every node on one PostgreSQL database), or
 * generated on first start into `<dataDir>/master.key` with mode 0600 in a 0700 directory (an existing
 * key file is tightened to 0600). Never in the database, never committed (data/ is git-ignored).
 */
export function loadMasterKey(opts: { configured: string; dataDir: string }): Buffer {
  if (opts.configured) {
    const k = Buffer.from(opts.configured, "base64");
    if (k.length !== 32) throw new Error("HUSHPOOL_MASTER_KEY must be 32 bytes, base64-encoded");
    return k;
  }
  if (opts.dataDir === ":memory:") return randomBytes(32);
  const file = join(opts.dataDir, "master.key");
  ensurePrivateDir(opts.dataDir);
  if (existsSync(file)) {
    tightenFile(file);
    const k = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
    if (k.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return k;
  }
  const k = randomBytes(32);
  writeFileSync(file, `${k.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return k;
}
