import type { SecretBox } from "../crypto/secret-box.ts";
import type { OutboxStore } from "../storage/ports.ts";
import { openContent, sealContent } from "./content.ts";

const BATCH = 100;

/**
 * Seals the outbox rows that versions before sealing wrote in clear: those present at the upgrade,
 * and those an older node writes during a rolling upgrade (docs/security.md#secrets-at-rest). Each row
 * keeps its text exactly (./content.ts openContent); `OutboxStore.seal` writes only rows still in
 * clear, so nodes doing this at once do not collide. Returns how many rows this call sealed.
 */
export async function sealUnsealedRows(outbox: OutboxStore, box: SecretBox): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await outbox.listUnsealed(BATCH);
    let sealed = 0;
    for (const m of rows) {
      const content = openContent(box, m);
      if (content && (await outbox.seal(m.id, sealContent(box, m, content)))) sealed++;
    }
    total += sealed;
    // A short batch was the last; a batch with nothing sealed means another node holds the rest.
    if (rows.length < BATCH || sealed === 0) return total;
  }
}
