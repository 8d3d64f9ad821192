import type { KeyStore } from "../ports.ts";
import type { SqlExecutor } from "./executor.ts";

export function sqlKeyStore(db: SqlExecutor): KeyStore {
  return {
    async get(name) {
      const r = await db.get<{ value: string }>("SELECT value FROM secrets WHERE name = ?", [name]);
      return r ? r.value : null;
    },
    async putIfAbsent(name, value) {
      await db.run("INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", [
        name,
        value,
      ]);
      const r = await db.get<{ value: string }>("SELECT value FROM secrets WHERE name = ?", [name]);
      if (!r) throw new Error(`secret ${name} vanished`);
      return r.value;
    },
    async put(name, value) {
      await db.run(
        "INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        [name, value],
      );
    },
  };
}
