import type { Store } from "../ports.ts";

/** Placeholder until the PostgreSQL adapter lands (issue 6). */
export async function openPostgresStore(_url: string): Promise<Store> {
  throw new Error("PostgreSQL storage is not available yet");
}
