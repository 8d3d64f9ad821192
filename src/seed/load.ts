import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { parseSeed, type SeedDocument, SeedError } from "./schema.ts";

/** Whether a seed file is read as YAML: by its name, `.yaml` or `.yml`; anything else is JSON. */
export const isYamlPath = (path: string): boolean => /^\.ya?ml$/i.test(extname(path));

/**
 * Reads and validates a seed file (docs/seeding.md#the-format): JSON, or YAML when its name ends in
 * `.yaml` / `.yml` (the same document: YAML is only another way to write it).
 */
export async function loadSeedFile(path: string): Promise<SeedDocument> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new SeedError(`cannot read seed file ${path}: ${(e as Error).message}`);
  }
  return parseSeed(parseSeedText(path, text));
}

/** The document in a seed file's text, or a SeedError that names the file and, for YAML, the line. */
export function parseSeedText(path: string, text: string): unknown {
  if (isYamlPath(path)) {
    try {
      // YAML 1.2's core schema (no `yes`/`no` booleans, no dates): a value reads as JSON would have it.
      return parseYaml(text, { schema: "core", prettyErrors: true, uniqueKeys: true, maxAliasCount: 100 });
    } catch (e) {
      throw new SeedError(`seed file ${path} is not YAML: ${(e as Error).message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SeedError(`seed file ${path} is not JSON: ${(e as Error).message}`);
  }
}
