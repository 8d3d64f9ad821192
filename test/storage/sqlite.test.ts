import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../../src/storage/open-store.ts";
import { storeContract } from "./contract.ts";

storeContract("sqlite", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "hushpool-store-"));
  const store = await openStore({ dataDir });
  return {
    store,
    async cleanup() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});
