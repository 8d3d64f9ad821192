import { loadConfig } from "../config/config.ts";
import { loadMasterKey } from "../crypto/master-key.ts";
import { SecretBox } from "../crypto/secret-box.ts";
import { exportSeed } from "../seed/export.ts";
import { openStore } from "../storage/open-store.ts";

/**
 * `hushpool export [options]`: reads the store the same options name (--data or --database-url, and
 * the master key) and writes its configuration as a seed file to stdout (docs/seeding.md#export).
 * Client secrets are in it in clear: treat the output as a secret.
 */
export async function runExport(argv: string[]): Promise<void> {
  const config = loadConfig(argv, process.env);
  if (config === "help") {
    process.stdout.write(
      "Usage: hushpool export [--data DIR | --database-url URL] [--master-key …] > seed.json\n",
    );
    return;
  }
  const store = await openStore({
    dataDir: config.data,
    databaseUrl: config.databaseUrl,
    poolSize: config.databasePoolSize,
  });
  try {
    const box = new SecretBox(loadMasterKey({ configured: config.masterKey, dataDir: config.data }));
    const doc = await exportSeed(store, box);
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } finally {
    await store.close();
  }
}
