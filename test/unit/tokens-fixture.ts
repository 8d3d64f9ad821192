import { randomBytes } from "node:crypto";
import { SecretBox } from "../../src/crypto/secret-box.ts";
import { openStore } from "../../src/storage/open-store.ts";
import type { Store } from "../../src/storage/ports.ts";
import { issuerFor, type MintInput, TokenKeys } from "../../src/tokens/index.ts";

/** Shared set-up for the tokens-*.test.ts files: an in-memory SQLite store and a settable clock. */
export const BASE_URL = "http://localhost:9229";
export const POOL_ID = "local_abcDEF123";
export const CLIENT_ID = "63c35pra6tui4vlgt06nr8la2f";
export const ISSUER = issuerFor(BASE_URL, POOL_ID);

export interface Fixture {
  store: Store;
  box: SecretBox;
  keys: TokenKeys;
  clock: { now: number };
  deps: { keys: TokenKeys; tokens: Store["tokens"] };
}

export async function fixture(now = Date.now()): Promise<Fixture> {
  const store = await openStore({ dataDir: ":memory:" });
  const box = new SecretBox(randomBytes(32));
  const clock = { now };
  const keys = await TokenKeys.load(store.keys, box, { clock: () => clock.now });
  return { store, box, keys, clock, deps: { keys, tokens: store.tokens } };
}

export function mintInput(now: number, over: Partial<MintInput> = {}): MintInput {
  return {
    issuer: ISSUER,
    poolId: POOL_ID,
    clientId: CLIENT_ID,
    user: {
      sub: "07d42af8-0000-4000-8000-000000000001",
      username: "yonsama010",
      attributes: { email_verified: "true", locale: "ja", email: "y@example.com", "custom:team": "7" },
    },
    authTime: now,
    accessValiditySeconds: 3600,
    idValiditySeconds: 3600,
    refreshValiditySeconds: 30 * 86400,
    includeRefresh: true,
    now,
    ...over,
  };
}

/** Decodes one base64url JSON part of a compact token. */
export function part(token: string, i: number): Record<string, unknown> {
  const p = token.split(".")[i];
  if (p === undefined) throw new Error("no such part");
  return JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as Record<string, unknown>;
}
