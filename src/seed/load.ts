import { readFile } from "node:fs/promises";
import { parseSeed, type SeedDocument, SeedError } from "./schema.ts";

/** Reads and validates a JSON seed file (docs/seeding.md#the-format). */
export async function loadSeedFile(path: string): Promise<SeedDocument> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new SeedError(`cannot read seed file ${path}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SeedError(`seed file ${path} is not JSON: ${(e as Error).message}`);
  }
  return parseSeed(raw);
}
