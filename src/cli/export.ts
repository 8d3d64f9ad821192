import { stringify as toYaml } from "yaml";
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
  // `--format yaml` is export's own option; the rest are the server's, naming the store.
  const at = argv.findIndex((a) => a === "--format" || a.startsWith("--format="));
  const given = at < 0 ? "json" : argv[at]?.includes("=") ? argv[at]?.slice(9) : argv[at + 1];
  const rest = at < 0 ? argv : argv.filter((_, i) => i !== at && (argv[at]?.includes("=") || i !== at + 1));
  if (given !== "json" && given !== "yaml") throw new Error(`--format must be json or yaml, not ${given}`);
  const config = loadConfig(rest, process.env);
  if (config === "help") {
    process.stdout.write(
      "Usage: hushpool export [--data DIR | --database-url URL] [--master-key …] [--format json|yaml] > seed.json\n",
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
    process.stdout.write(given === "yaml" ? toYaml(doc) : `${JSON.stringify(doc, null, 2)}\n`);
  } finally {
    await store.close();
  }
}
