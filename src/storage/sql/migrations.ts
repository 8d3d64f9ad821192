import type { SqlExecutor } from "./executor.ts";

/**
 * Append-only schema migrations. Never edit a released entry: add a new one. One text serves both
 * dialects; `{{C}}` becomes a byte-order collation on PostgreSQL (so prefix ranges behave as in
 * SQLite) and nothing on SQLite; `{{UNLOGGED}}` makes a PostgreSQL table unlogged (no WAL, emptied
 * after a crash) and nothing on SQLite. Times are epoch milliseconds in BIGINT columns.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: `
CREATE TABLE pools (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  config TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL
);
CREATE TABLE clients (
  client_id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  config TEXT NOT NULL,
  secret TEXT,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL
);
CREATE INDEX clients_pool_idx ON clients (pool_id, client_id);
CREATE TABLE users (
  pool_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  username TEXT {{C}} NOT NULL,
  username_key TEXT NOT NULL,
  alias_email TEXT,
  alias_phone_number TEXT,
  alias_preferred_username TEXT,
  status TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  attributes TEXT NOT NULL,
  credential TEXT,
  credential_set_at BIGINT,
  meta TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL,
  s_email TEXT {{C}},
  s_phone_number TEXT {{C}},
  s_name TEXT {{C}},
  s_given_name TEXT {{C}},
  s_family_name TEXT {{C}},
  s_preferred_username TEXT {{C}},
  s_user_status TEXT {{C}} NOT NULL,
  s_status TEXT {{C}} NOT NULL,
  PRIMARY KEY (pool_id, sub)
);
CREATE UNIQUE INDEX users_username_key_uq ON users (pool_id, username_key);
CREATE UNIQUE INDEX users_alias_email_uq ON users (pool_id, alias_email) WHERE alias_email IS NOT NULL;
CREATE UNIQUE INDEX users_alias_phone_number_uq ON users (pool_id, alias_phone_number) WHERE alias_phone_number IS NOT NULL;
CREATE UNIQUE INDEX users_alias_preferred_username_uq ON users (pool_id, alias_preferred_username) WHERE alias_preferred_username IS NOT NULL;
CREATE INDEX users_s_username_idx ON users (pool_id, username, sub);
CREATE INDEX users_s_email_idx ON users (pool_id, s_email, sub);
CREATE INDEX users_s_phone_number_idx ON users (pool_id, s_phone_number, sub);
CREATE INDEX users_s_name_idx ON users (pool_id, s_name, sub);
CREATE INDEX users_s_given_name_idx ON users (pool_id, s_given_name, sub);
CREATE INDEX users_s_family_name_idx ON users (pool_id, s_family_name, sub);
CREATE INDEX users_s_preferred_username_idx ON users (pool_id, s_preferred_username, sub);
CREATE INDEX users_s_user_status_idx ON users (pool_id, s_user_status, sub);
CREATE INDEX users_s_status_idx ON users (pool_id, s_status, sub);
CREATE TABLE codes (
  pool_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  purpose TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (pool_id, subject, purpose)
);
CREATE TABLE counters (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  first_at BIGINT NOT NULL,
  last_at BIGINT NOT NULL
);
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  data TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
CREATE TABLE refresh_tokens (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  origin_jti TEXT NOT NULL,
  auth_time BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (pool_id, sub);
CREATE INDEX refresh_tokens_origin_idx ON refresh_tokens (origin_jti);
CREATE TABLE revoked_origins (
  origin_jti TEXT PRIMARY KEY,
  revoked_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  username TEXT NOT NULL,
  sub TEXT NOT NULL,
  medium TEXT NOT NULL,
  destination TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL,
  code TEXT,
  purpose TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  lease_until BIGINT
);
CREATE INDEX outbox_user_idx ON outbox (pool_id, username, created_at);
CREATE INDEX outbox_pending_idx ON outbox (sent_at, created_at);
CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
  },
  {
    version: 2,
    name: "indexes for housekeeping sweeps",
    sql: `
CREATE INDEX codes_expires_idx ON codes (expires_at);
CREATE INDEX counters_last_idx ON counters (last_at);
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);
CREATE INDEX revoked_origins_expires_idx ON revoked_origins (expires_at);
`,
  },
  // Secrets at rest (docs/security.md#secrets-at-rest).
  {
    version: 3,
    name: "outbox content sealed at rest",
    sql: `
ALTER TABLE outbox ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_unsealed_idx ON outbox (created_at) WHERE sealed = 0;
`,
  },
  // No lost updates and atomic limits (docs/storage.md#transactions).
  {
    version: 4,
    name: "user row versions (compare-and-set saves) and counter refunds",
    sql: `
ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE counters ADD COLUMN prev_last_at BIGINT;
`,
  },
  // Request-rate quotas and bounded storage for unknown names (docs/security.md#quotas).
  {
    version: 5,
    name: "counter expiry (counters written for any name are swept when their window ends); quota windows",
    sql: `
ALTER TABLE counters ADD COLUMN expires_at BIGINT;
CREATE INDEX counters_expires_idx ON counters (expires_at);
CREATE {{UNLOGGED}} TABLE rate_windows (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  window_start BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
`,
  },
  // Groups and memberships (docs/admin-users.md#groups), indexed both ways.
  {
    version: 6,
    name: "groups and group memberships",
    sql: `
CREATE TABLE groups (
  pool_id TEXT NOT NULL,
  name TEXT {{C}} NOT NULL,
  name_key TEXT NOT NULL,
  description TEXT,
  role_arn TEXT,
  precedence BIGINT,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL,
  PRIMARY KEY (pool_id, name)
);
CREATE UNIQUE INDEX groups_name_key_uq ON groups (pool_id, name_key);
CREATE TABLE group_members (
  pool_id TEXT NOT NULL,
  group_name TEXT {{C}} NOT NULL,
  sub TEXT NOT NULL,
  PRIMARY KEY (pool_id, group_name, sub)
);
CREATE INDEX group_members_user_idx ON group_members (pool_id, sub, group_name);
`,
  },
  {
    version: 7,
    name: "TOTP replay guard and tracked devices",
    sql: `
CREATE TABLE totp_steps (
  pool_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  last_step BIGINT NOT NULL,
  PRIMARY KEY (pool_id, sub)
);
CREATE TABLE devices (
  pool_id TEXT NOT NULL,
  device_key TEXT {{C}} NOT NULL,
  sub TEXT NOT NULL,
  group_key TEXT NOT NULL,
  verifier TEXT,
  remembered INTEGER NOT NULL,
  name TEXT,
  last_ip TEXT,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL,
  last_authenticated_at BIGINT NOT NULL,
  PRIMARY KEY (pool_id, device_key)
);
CREATE INDEX devices_user_idx ON devices (pool_id, sub, device_key);
`,
  },
  {
    // Passkeys (docs/passkeys.md): one row per registered WebAuthn credential. The public key is not
    // a secret; the sign counter is compared and set in one statement.
    version: 8,
    name: "webauthn credentials",
    sql: `
CREATE TABLE webauthn_credentials (
  pool_id TEXT NOT NULL,
  credential_id TEXT {{C}} NOT NULL,
  sub TEXT NOT NULL,
  public_key TEXT NOT NULL,
  sign_count BIGINT NOT NULL,
  transports TEXT NOT NULL,
  attachment TEXT,
  friendly_name TEXT NOT NULL,
  rp_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (pool_id, credential_id)
);
CREATE INDEX webauthn_credentials_user_idx ON webauthn_credentials (pool_id, sub, created_at, credential_id);
`,
  },
  {
    version: 9,
    name: "OAuth configuration: domains, resource servers, identity providers, provider links",
    sql: `
CREATE TABLE pool_resources (
  kind TEXT NOT NULL,
  scope TEXT {{C}} NOT NULL,
  name TEXT {{C}} NOT NULL,
  pool_id TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL,
  PRIMARY KEY (kind, scope, name)
);
CREATE INDEX pool_resources_pool_idx ON pool_resources (pool_id, kind);
`,
  },
  // Refresh-token rotation (docs/tokens.md#refresh-token-rotation): when a token was rotated out and
  // until when it still works (the client's RetryGracePeriodSeconds).
  {
    version: 11,
    name: "refresh-token rotation",
    sql: `
ALTER TABLE refresh_tokens ADD COLUMN rotated_at BIGINT;
ALTER TABLE refresh_tokens ADD COLUMN retires_at BIGINT;
`,
  },
  // Sign-in events of users in pools with threat protection (docs/admin-users.md#auth-events),
  // listed newest first per user.
  {
    version: 12,
    name: "auth events",
    sql: `
CREATE TABLE auth_events (
  pool_id TEXT NOT NULL,
  sub TEXT NOT NULL,
  event_id TEXT {{C}} NOT NULL,
  created_at BIGINT NOT NULL,
  data TEXT NOT NULL,
  feedback TEXT,
  PRIMARY KEY (pool_id, sub, event_id)
);
CREATE INDEX auth_events_user_time_idx ON auth_events (pool_id, sub, created_at, event_id);
`,
  },
  // User import jobs (docs/admin-users.md#user-import-jobs): the jobs, with the claim that makes one
  // node run each, and the uploaded CSV files until their job has run.
  {
    version: 13,
    name: "user import jobs",
    sql: `
CREATE TABLE import_jobs (
  pool_id TEXT NOT NULL,
  job_id TEXT {{C}} NOT NULL,
  job_name TEXT NOT NULL,
  role_arn TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  completed_at BIGINT,
  imported BIGINT NOT NULL DEFAULT 0,
  skipped BIGINT NOT NULL DEFAULT 0,
  failed BIGINT NOT NULL DEFAULT 0,
  message TEXT,
  claimed_by TEXT,
  lease_until BIGINT,
  PRIMARY KEY (pool_id, job_id)
);
CREATE INDEX import_jobs_pool_order_idx ON import_jobs (pool_id, created_at, job_id);
CREATE INDEX import_jobs_status_idx ON import_jobs (status);
CREATE TABLE import_files (
  pool_id TEXT NOT NULL,
  job_id TEXT NOT NULL,
  body TEXT NOT NULL,
  uploaded_at BIGINT NOT NULL,
  PRIMARY KEY (pool_id, job_id)
);
`,
  },
  // Fewer B-tree pages per write on the sign-in path (docs/performance.md#fewer-index-pages): every
  // index is written by each insert and delete, and a sign-in inserts and deletes a lockout counter
  // and inserts a refresh token. counters_last_idx served only the backstop sweep of counters without
  // an expiry, which now finds them through counters_expires_idx (`expires_at IS NULL`); a counter
  // with an expiry is swept at it. The origin index served only RevokeToken, whose family is one
  // user's, so (pool_id, sub, origin_jti) serves it and GlobalSignOut's (pool_id, sub) alike.
  {
    version: 14,
    name: "fewer indexes on counters and refresh tokens",
    sql: `
DROP INDEX counters_last_idx;
DROP INDEX refresh_tokens_origin_idx;
DROP INDEX refresh_tokens_user_idx;
CREATE INDEX refresh_tokens_user_origin_idx ON refresh_tokens (pool_id, sub, origin_jti);
`,
  },
];

function render(sql: string, dialect: SqlExecutor["dialect"]): string {
  return sql
    .replaceAll("{{C}}", dialect === "postgres" ? 'COLLATE "C"' : "")
    .replaceAll("{{UNLOGGED}}", dialect === "postgres" ? "UNLOGGED" : "");
}

/**
 * Applies every migration not yet recorded, each in its own transaction. Callers that share a
 * database between processes (PostgreSQL) hold a lock around this call.
 */
export async function migrate(db: SqlExecutor): Promise<number[]> {
  await db.script(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
  );
  const done = new Set(
    (await db.all<{ version: number }>("SELECT version FROM schema_migrations")).map((r) =>
      Number(r.version),
    ),
  );
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.version)) continue;
    await db.transaction(async (tx) => {
      await tx.script(render(m.sql, db.dialect));
      await tx.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
        m.version,
        m.name,
        Date.now(),
      ]);
    });
    applied.push(m.version);
  }
  return applied;
}
