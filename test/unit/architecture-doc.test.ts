import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

// docs/architecture.md is the map a newcomer reads first; this keeps it true to the tree.
const doc = readFileSync("docs/architecture.md", "utf8");

function folders(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(`${p}/`, ...folders(p));
  }
  return out;
}

/** Every `src/…/` folder the doc names (in backticks or in the layout block). */
function namedFolders(): Set<string> {
  const names = new Set<string>();
  for (const m of doc.matchAll(/(?<![\w/.-])(src\/(?:[\w.-]+\/)+)/g)) names.add(m[1] ?? "");
  return names;
}

test("every folder docs/architecture.md names exists", () => {
  const missing = [...namedFolders()].filter((f) => {
    try {
      return !statSync(f).isDirectory();
    } catch {
      return true;
    }
  });
  assert.deepEqual(missing, [], "folders named in docs/architecture.md that are not in the tree");
});

test("every folder of src/ is named in docs/architecture.md", () => {
  const named = namedFolders();
  const unnamed = folders("src").filter((f) => !named.has(f));
  assert.deepEqual(unnamed, [], "folders of src/ that docs/architecture.md does not name");
});
