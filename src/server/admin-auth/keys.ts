import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Config } from "../../config/config.ts";
import { StartRefused } from "./exposure.ts";

/**
 * The admin keys (docs/security.md#admin-credentials): AWS-style access key pairs that sign the
 * IAM-class operations with Signature Version 4. `pools` is `"*"` or the pool ids the key may act
 * on, like an IAM policy whose Resource lists user-pool ARNs.
 */
export interface AdminKey {
  accessKeyId: string;
  secretAccessKey: string;
  pools: "*" | ReadonlySet<string>;
}

// An access key id ends up in the credential scope (`<id>/<date>/<region>/<service>/aws4_request`):
// no slash, no comma, no white space.
const keyId = z
  .string()
  .regex(/^[\x21-\x7e]+$/, "printable ASCII")
  .refine((s) => !/[/,=]/.test(s), "no / , =");
const entry = z
  .object({
    accessKeyId: keyId,
    secretAccessKey: z.string().min(1),
    pools: z.union([z.literal("*"), z.array(z.string().min(1)).min(1)]),
  })
  .strict();
const file = z.array(entry);

/** Reads --admin-credentials and the single environment key; [] when neither is set. */
export function loadAdminKeys(
  config: Pick<Config, "adminCredentials" | "adminAccessKeyId" | "adminSecretAccessKey">,
): AdminKey[] {
  const keys: AdminKey[] = [];
  if (config.adminCredentials) keys.push(...readKeyFile(config.adminCredentials));
  const { adminAccessKeyId: id, adminSecretAccessKey: secret } = config;
  if (id || secret) {
    if (!id || !secret)
      throw new StartRefused(
        "HUSHPOOL_ADMIN_ACCESS_KEY_ID and HUSHPOOL_ADMIN_SECRET_ACCESS_KEY must be set together",
      );
    const parsed = entry.safeParse({ accessKeyId: id, secretAccessKey: secret, pools: "*" });
    if (!parsed.success)
      throw new StartRefused(`HUSHPOOL_ADMIN_ACCESS_KEY_ID: ${parsed.error.issues[0]?.message}`);
    keys.push(toKey(parsed.data));
  }
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k.accessKeyId))
      throw new StartRefused(`admin access key ${k.accessKeyId} is configured twice`);
    seen.add(k.accessKeyId);
  }
  return keys;
}

function readKeyFile(path: string): AdminKey[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new StartRefused(`--admin-credentials ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StartRefused(`--admin-credentials ${path}: not JSON`);
  }
  const parsed = file.safeParse(json);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; ");
    throw new StartRefused(
      `--admin-credentials ${path}: expected [{accessKeyId, secretAccessKey, pools}]: ${why}`,
    );
  }
  return parsed.data.map(toKey);
}

const toKey = (e: z.infer<typeof entry>): AdminKey => ({
  accessKeyId: e.accessKeyId,
  secretAccessKey: e.secretAccessKey,
  pools: e.pools === "*" || e.pools.includes("*") ? "*" : new Set(e.pools),
});
