import type { SecretBox } from "../crypto/secret-box.ts";
import type { KeyStore } from "../storage/ports.ts";
import {
  generateRing,
  generateStoredKey,
  importKey,
  type KeyUse,
  type LoadedKey,
  parseRing,
  rotateRing,
  type StoredRing,
} from "./keyring.ts";

export type { LoadedKey } from "./keyring.ts";

export interface TokenKeysOptions {
  /** Epoch milliseconds; injectable for tests. */
  clock?: () => number;
  /** How old the in-memory ring may get before it is re-read (other nodes may have rotated). */
  refreshIntervalMs?: number;
  /** Minimum gap between re-reads caused by an unknown `kid` (so junk tokens cannot hammer the store). */
  unknownKidIntervalMs?: number;
}

/** Name of the sealed key ring in the KeyStore, and the SecretBox context bound to it. */
export const TOKEN_KEYS_NAME = "token-keys";

/**
 * The server's token keys: one set for all pools (docs/tokens.md explains why). Generated on first
 * start and stored sealed with putIfAbsent, so nodes sharing a database converge on the first writer's
 * keys; every node then reads the ring back and never uses a key that lost the race.
 */
export class TokenKeys {
  private ring: LoadedKey[] = [];
  private loadedAt = 0;
  private reloading: Promise<void> | null = null;
  private readonly clock: () => number;
  private readonly refreshIntervalMs: number;
  private readonly unknownKidIntervalMs: number;

  private constructor(
    private readonly store: KeyStore,
    private readonly box: SecretBox,
    opts: TokenKeysOptions,
  ) {
    this.clock = opts.clock ?? Date.now;
    this.refreshIntervalMs = opts.refreshIntervalMs ?? 60_000;
    this.unknownKidIntervalMs = opts.unknownKidIntervalMs ?? 5_000;
  }

  static async load(store: KeyStore, box: SecretBox, opts: TokenKeysOptions = {}): Promise<TokenKeys> {
    const keys = new TokenKeys(store, box, opts);
    if ((await store.get(TOKEN_KEYS_NAME)) === null) {
      const fresh = await generateRing(keys.clock());
      await store.putIfAbsent(TOKEN_KEYS_NAME, keys.seal(fresh));
    }
    await keys.reload();
    return keys;
  }

  /** The current key of a use (signing for id/access, encryption for refresh). */
  async current(use: KeyUse): Promise<LoadedKey> {
    await this.reloadIfOlderThan(this.refreshIntervalMs);
    const key = this.ring.find((k) => k.use === use && k.retiredAt === null);
    if (!key) throw new Error(`no current ${use} key`);
    return key;
  }

  /** Every key of a use, current first, then retired ones newest first. */
  async all(use: KeyUse): Promise<LoadedKey[]> {
    await this.reloadIfOlderThan(this.refreshIntervalMs);
    return this.ring.filter((k) => k.use === use);
  }

  /** The key `kid` if it is a key of `use`; re-reads the store once in a while for kids made elsewhere. */
  async find(kid: string, use: KeyUse): Promise<LoadedKey | null> {
    const hit = (): LoadedKey | null => this.ring.find((k) => k.kid === kid && k.use === use) ?? null;
    const known = hit();
    if (known) return known;
    await this.reloadIfOlderThan(this.unknownKidIntervalMs);
    return hit();
  }

  /**
   * Adds new current ID and access keys (and a refresh key with `refreshKey: true`); the previous ones
   * stay for verification until every token they signed has expired. Other nodes pick the new ring up
   * within `refreshIntervalMs`. Run by an operator (`rotateTokenKeys`), not over HTTP.
   */
  async rotate(opts: { refreshKey?: boolean } = {}): Promise<{ added: string[] }> {
    const now = this.clock();
    const stored = await this.store.get(TOKEN_KEYS_NAME);
    if (stored === null) throw new Error("no token keys stored");
    const uses: KeyUse[] = opts.refreshKey ? ["id", "access", "refresh"] : ["id", "access"];
    const fresh = await Promise.all(uses.map((use) => generateStoredKey(use, now)));
    await this.store.put(TOKEN_KEYS_NAME, this.seal(rotateRing(this.unseal(stored), fresh, now)));
    // Adopt whatever the store now holds: if two operators rotated at once, the last write wins everywhere.
    await this.reload();
    return { added: fresh.map((k) => k.kid) };
  }

  /** Re-reads the ring from the store (imports only keys not seen before). */
  async reload(): Promise<void> {
    this.reloading ??= this.readRing().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private async reloadIfOlderThan(ms: number): Promise<void> {
    if (this.clock() - this.loadedAt >= ms) await this.reload();
  }

  private async readRing(): Promise<void> {
    const stored = await this.store.get(TOKEN_KEYS_NAME);
    if (stored === null) throw new Error("no token keys stored");
    const ring = this.unseal(stored);
    const byKid = new Map(this.ring.map((k) => [k.kid, k]));
    const loaded = await Promise.all(
      ring.keys.map(async (k) => {
        const prev = byKid.get(k.kid);
        return prev
          ? { ...prev, retiredAt: k.retiredAt }
          : importKey(k.kid, k.use, k.createdAt, k.retiredAt, k.jwk);
      }),
    );
    // Current keys first, then retired ones from the most recently retired.
    this.ring = loaded.sort(
      (a, b) => (b.retiredAt ?? Number.MAX_SAFE_INTEGER) - (a.retiredAt ?? Number.MAX_SAFE_INTEGER),
    );
    this.loadedAt = this.clock();
  }

  private seal(ring: StoredRing): string {
    return this.box.seal(JSON.stringify(ring), TOKEN_KEYS_NAME);
  }

  private unseal(sealed: string): StoredRing {
    const text = this.box.openString(sealed, TOKEN_KEYS_NAME);
    if (text === null) throw new Error("the stored token keys cannot be opened with this master key");
    return parseRing(text);
  }
}

/** For a future CLI: rotate the server's token keys in the store behind `keyStore`. */
export async function rotateTokenKeys(
  keyStore: KeyStore,
  box: SecretBox,
  opts: { refreshKey?: boolean } = {},
): Promise<{ added: string[] }> {
  const keys = await TokenKeys.load(keyStore, box);
  return keys.rotate(opts);
}
