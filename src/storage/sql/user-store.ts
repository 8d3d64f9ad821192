import type { AliasKind, SearchAttribute, UserRecord, UserStore } from "../ports.ts";
import { UniqueViolation } from "../ports.ts";
import type { SqlExecutor, SqlValue } from "./executor.ts";
import { UniqueConstraintError } from "./executor.ts";

export interface UserRow {
  [k: string]: unknown;
  pool_id: string;
  sub: string;
  username: string;
  username_key: string;
  alias_email: string | null;
  alias_phone_number: string | null;
  alias_preferred_username: string | null;
  status: string;
  enabled: number;
  attributes: string;
  credential: string | null;
  credential_set_at: number | string | null;
  meta: string;
  created_at: number | string;
  modified_at: number | string;
  version: number | string;
}

const ALIAS_COLUMNS: Record<AliasKind, string> = {
  email: "alias_email",
  phone_number: "alias_phone_number",
  preferred_username: "alias_preferred_username",
};

/** ListUsers attribute → indexed column (see migrations: users_s_*_idx). */
const SEARCH_COLUMNS: Record<SearchAttribute, string> = {
  username: "username",
  sub: "sub",
  email: "s_email",
  phone_number: "s_phone_number",
  name: "s_name",
  given_name: "s_given_name",
  family_name: "s_family_name",
  preferred_username: "s_preferred_username",
  "cognito:user_status": "s_user_status",
  status: "s_status",
};

export function toRecord(r: UserRow): UserRecord {
  const aliases: UserRecord["aliases"] = {};
  if (r.alias_email !== null) aliases.email = r.alias_email;
  if (r.alias_phone_number !== null) aliases.phone_number = r.alias_phone_number;
  if (r.alias_preferred_username !== null) aliases.preferred_username = r.alias_preferred_username;
  return {
    poolId: r.pool_id,
    sub: r.sub,
    username: r.username,
    usernameKey: r.username_key,
    aliases,
    status: r.status as UserRecord["status"],
    enabled: Number(r.enabled) === 1,
    attributes: JSON.parse(r.attributes),
    credential: r.credential,
    credentialSetAt: r.credential_set_at === null ? null : Number(r.credential_set_at),
    meta: JSON.parse(r.meta),
    createdAt: Number(r.created_at),
    modifiedAt: Number(r.modified_at),
    version: Number(r.version),
  };
}

/** Column values for every mutable field, in MUTABLE order. */
function mutableValues(u: UserRecord): SqlValue[] {
  const a = u.attributes;
  return [
    u.username,
    u.usernameKey,
    u.aliases.email ?? null,
    u.aliases.phone_number ?? null,
    u.aliases.preferred_username ?? null,
    u.status,
    u.enabled ? 1 : 0,
    JSON.stringify(a),
    u.credential,
    u.credentialSetAt,
    JSON.stringify(u.meta),
    u.modifiedAt,
    a.email ?? null,
    a.phone_number ?? null,
    a.name ?? null,
    a.given_name ?? null,
    a.family_name ?? null,
    a.preferred_username ?? null,
    u.status.toLowerCase(),
    u.enabled ? "Enabled" : "Disabled",
  ];
}

const MUTABLE = [
  "username",
  "username_key",
  "alias_email",
  "alias_phone_number",
  "alias_preferred_username",
  "status",
  "enabled",
  "attributes",
  "credential",
  "credential_set_at",
  "meta",
  "modified_at",
  "s_email",
  "s_phone_number",
  "s_name",
  "s_given_name",
  "s_family_name",
  "s_preferred_username",
  "s_user_status",
  "s_status",
];

function uniqueViolation(e: UniqueConstraintError): UniqueViolation {
  const c = e.constraint;
  for (const [kind, col] of Object.entries(ALIAS_COLUMNS)) {
    if (c.includes(col)) return new UniqueViolation(kind as AliasKind);
  }
  if (c.includes("username_key")) return new UniqueViolation("username");
  return new UniqueViolation("sub");
}

async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UniqueConstraintError) throw uniqueViolation(e);
    throw e;
  }
}

const INSERT = `INSERT INTO users (pool_id, sub, created_at, version, ${MUTABLE.join(", ")}) VALUES (?, ?, ?, ?, ${MUTABLE.map(() => "?").join(", ")})`;
const COLUMNS = 4 + MUTABLE.length;
/** Rows per statement of insertMany: 24 columns × 400 rows stays far below both dialects' parameter limits. */
const INSERT_MANY_ROWS = 400;
const insertRowsSql = (rows: number): string =>
  `INSERT INTO users (pool_id, sub, created_at, version, ${MUTABLE.join(", ")}) VALUES ${Array.from(
    { length: rows },
    () => `(${Array.from({ length: COLUMNS }, () => "?").join(", ")})`,
  ).join(", ")}`;
const INSERT_FULL_CHUNK = insertRowsSql(INSERT_MANY_ROWS);

/** Compare-and-set: writes only over the version the change was computed from (ports.ts `save`). */
const UPDATE = `UPDATE users SET ${MUTABLE.map((c) => `${c} = ?`).join(", ")}, version = version + 1 WHERE pool_id = ? AND sub = ? AND version = ?`;

/** Thrown inside saveTakingAlias's transaction to undo it when a row changed under it. */
class Stale extends Error {}

const encodeCursor = (v: string, sub: string): string =>
  Buffer.from(JSON.stringify([v, sub])).toString("base64url");
function decodeCursor(c: string): [string, string] | null {
  try {
    const v = JSON.parse(Buffer.from(c, "base64url").toString("utf8"));
    if (!Array.isArray(v) || v.length !== 2) return null;
    const [a, b] = v as unknown[];
    return typeof a === "string" && typeof b === "string" ? [a, b] : null;
  } catch {
    return null;
  }
}

/** Thrown for a pagination token this store did not issue. */
export class BadCursor extends Error {}

export function sqlUserStore(db: SqlExecutor): UserStore {
  // Guarded: an alias clash is an expected failure, and must not abort a caller's transaction.
  const save = (tx: SqlExecutor, u: UserRecord) =>
    guard(() =>
      tx.guarded(
        async (g) => (await g.run(UPDATE, [...mutableValues(u), u.poolId, u.sub, u.version])).changes === 1,
      ),
    );

  return {
    async create(u) {
      await guard(() =>
        db.guarded((g) => g.run(INSERT, [u.poolId, u.sub, u.createdAt, u.version, ...mutableValues(u)])),
      );
    },
    async insertMany(users) {
      if (users.length === 0) return;
      await guard(() =>
        db.transaction(async (tx) => {
          for (let i = 0; i < users.length; i += INSERT_MANY_ROWS) {
            const chunk = users.slice(i, i + INSERT_MANY_ROWS);
            const sql = chunk.length === INSERT_MANY_ROWS ? INSERT_FULL_CHUNK : insertRowsSql(chunk.length);
            await tx.run(
              sql,
              chunk.flatMap((u) => [u.poolId, u.sub, u.createdAt, u.version, ...mutableValues(u)]),
            );
          }
        }),
      );
    },
    async findByUsername(poolId, key) {
      const r = await db.get<UserRow>("SELECT * FROM users WHERE pool_id = ? AND username_key = ?", [
        poolId,
        key,
      ]);
      return r ? toRecord(r) : null;
    },
    async findBySub(poolId, sub) {
      const r = await db.get<UserRow>("SELECT * FROM users WHERE pool_id = ? AND sub = ?", [poolId, sub]);
      return r ? toRecord(r) : null;
    },
    async findByAlias(poolId, kind, key) {
      const col = ALIAS_COLUMNS[kind];
      const r = await db.get<UserRow>(`SELECT * FROM users WHERE pool_id = ? AND ${col} = ?`, [poolId, key]);
      return r ? toRecord(r) : null;
    },
    save: (u) => save(db, u),
    async saveTakingAlias(u, kind, key) {
      try {
        return await db.transaction(async (tx) => {
          const col = ALIAS_COLUMNS[kind];
          const r = await tx.get<UserRow>(`SELECT * FROM users WHERE pool_id = ? AND ${col} = ?`, [
            u.poolId,
            key,
          ]);
          if (r && r.sub !== u.sub) {
            const holder = toRecord(r);
            delete holder.aliases[kind];
            if (kind !== "preferred_username") holder.attributes[`${kind}_verified`] = "false";
            holder.modifiedAt = u.modifiedAt;
            if (!(await save(tx, holder))) throw new Stale();
          }
          if (!(await save(tx, u))) throw new Stale();
          return true;
        });
      } catch (e) {
        if (e instanceof Stale) return false;
        throw e;
      }
    },
    async delete(poolId, sub) {
      return db.transaction(async (tx) => {
        const { changes } = await tx.run("DELETE FROM users WHERE pool_id = ? AND sub = ?", [poolId, sub]);
        await tx.run("DELETE FROM codes WHERE pool_id = ? AND subject = ?", [poolId, sub]);
        await tx.run("DELETE FROM group_members WHERE pool_id = ? AND sub = ?", [poolId, sub]);
        await tx.run("DELETE FROM totp_steps WHERE pool_id = ? AND sub = ?", [poolId, sub]);
        await tx.run("DELETE FROM devices WHERE pool_id = ? AND sub = ?", [poolId, sub]);
        await tx.run("DELETE FROM webauthn_credentials WHERE pool_id = ? AND sub = ?", [poolId, sub]);
        await tx.run(
          "UPDATE refresh_tokens SET revoked_at = ? WHERE pool_id = ? AND sub = ? AND revoked_at IS NULL",
          [Date.now(), poolId, sub],
        );
        return changes === 1;
      });
    },
    async list(poolId, q) {
      const params: SqlValue[] = [poolId];
      let where = "pool_id = ?";
      let order = "sub";
      let sortCol = "sub";
      if (q.filter) {
        const col = SEARCH_COLUMNS[q.filter.attribute];
        const value =
          q.filter.attribute === "cognito:user_status" ? q.filter.value.toLowerCase() : q.filter.value;
        if (q.filter.op === "=") {
          where += ` AND ${col} = ?`;
          params.push(value);
        } else {
          // Prefix match as an index range: [value, value + U+10FFFF).
          where += ` AND ${col} >= ? AND ${col} < ?`;
          params.push(value, `${value}\u{10FFFF}`);
          if (col !== "sub") {
            order = `${col}, sub`;
            sortCol = col;
          }
        }
      }
      if (q.cursor) {
        const c = decodeCursor(q.cursor);
        if (!c) throw new BadCursor();
        if (sortCol === "sub") {
          where += " AND sub > ?";
          params.push(c[1]);
        } else {
          where += ` AND (${sortCol} > ? OR (${sortCol} = ? AND sub > ?))`;
          params.push(c[0], c[0], c[1]);
        }
      }
      params.push(q.limit + 1);
      const rows = await db.all<UserRow>(
        `SELECT * FROM users WHERE ${where} ORDER BY ${order} LIMIT ?`,
        params,
      );
      const more = rows.length > q.limit;
      const page = rows.slice(0, q.limit);
      const users = page.map(toRecord);
      const last = page[page.length - 1];
      if (!more || !last) return { users };
      const sortValue = sortCol === "sub" ? last.sub : String(last[sortCol] ?? "");
      return { users, next: encodeCursor(sortValue, last.sub) };
    },
    async count(poolId) {
      const r = await db.get<{ n: number | string }>("SELECT COUNT(*) AS n FROM users WHERE pool_id = ?", [
        poolId,
      ]);
      return Number(r?.n ?? 0);
    },
  };
}
