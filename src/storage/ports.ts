/**
 * Storage ports: what the domain needs from a database, in the domain's words. Every method is atomic
 * on its own; `Store.transaction` makes several calls one unit. Times are epoch milliseconds.
 * Adapters: ./sql (SQLite by default, PostgreSQL with --database-url). The contract tests in
 * test/storage run against every adapter.
 */

export type UserStatus =
  | "UNCONFIRMED"
  | "CONFIRMED"
  | "FORCE_CHANGE_PASSWORD"
  | "RESET_REQUIRED"
  | "EXTERNAL_PROVIDER"
  | "ARCHIVED"
  | "COMPROMISED"
  | "UNKNOWN";

/** A JSON document owned by the domain; adapters store it as text and never look inside. */
export type Json = Record<string, unknown>;

export interface PoolRecord {
  id: string;
  name: string;
  /** The pool's settings in UserPoolType shape (without Id, Arn, dates and counts). */
  config: Json;
  createdAt: number;
  modifiedAt: number;
}

export interface ClientRecord {
  poolId: string;
  clientId: string;
  /** Settings in UserPoolClientType shape (without ids, secret and dates). */
  config: Json;
  /** Encrypted client secret (see crypto/secret-box.ts), or null for public clients. */
  secret: string | null;
  createdAt: number;
  modifiedAt: number;
}

export type AliasKind = "email" | "phone_number" | "preferred_username";

export interface UserRecord {
  poolId: string;
  /** Immutable UUID; the primary key inside a pool. */
  sub: string;
  /** Internal username as stored and shown (`Username` in UserType). */
  username: string;
  /** Canonical username used for lookups (lower-cased when the pool is case-insensitive). */
  usernameKey: string;
  /**
   * Canonical values under which this user can also be found and which must be unique in the pool:
   * active (verified) aliases in alias pools, the email/phone sign-in names in username-attribute pools.
   */
  aliases: Partial<Record<AliasKind, string>>;
  status: UserStatus;
  enabled: boolean;
  /** Attribute name → value, without `sub` (rendered from the column). */
  attributes: Record<string, string>;
  /** Encrypted password credential (SRP salt + verifier), or null when none is set. */
  credential: string | null;
  /** When the current password was set (temporary-password expiry, history). */
  credentialSetAt: number | null;
  /** Domain extras that need no index (e.g. tokensRevokedBefore, mfa settings). */
  meta: Json;
  createdAt: number;
  modifiedAt: number;
  /**
   * The row's version as read: 0 when created, one more after each save. `save` writes only when the
   * stored row still has this version (compare-and-set), so a change computed from a stale read never
   * overwrites a newer one (docs/storage.md#concurrency-guarantees-and-the-statement-behind-each).
   */
  version: number;
}

/** Thrown by adapters when a uniqueness rule is broken; `what` names the rule. */
export class UniqueViolation extends Error {
  readonly what: "username" | "sub" | AliasKind | "other";
  constructor(what: UniqueViolation["what"]) {
    super(`unique violation: ${what}`);
    this.what = what;
  }
}

export interface PoolStore {
  /** Inserts; throws UniqueViolation("other") when the id exists. */
  create(pool: PoolRecord): Promise<void>;
  get(id: string): Promise<PoolRecord | null>;
  /** Replaces name/config/modifiedAt; returns false when the pool does not exist. */
  update(pool: PoolRecord): Promise<boolean>;
  /**
   * Compare-and-set: replaces name/config/modifiedAt only while the stored config is still
   * `expected.config` (as read); false when it changed meanwhile or the pool is gone. For changes
   * of one part of the config (tags, custom attributes) that must not lose a concurrent one.
   */
  updateIfUnchanged(pool: PoolRecord, expected: PoolRecord): Promise<boolean>;
  /** Deletes the pool and everything in it (clients, users, codes…); false when absent. */
  delete(id: string): Promise<boolean>;
  /** Ordered by id; `after` is the last id of the previous page. */
  list(limit: number, after?: string): Promise<PoolRecord[]>;
}

export interface ClientStore {
  create(client: ClientRecord): Promise<void>;
  get(poolId: string, clientId: string): Promise<ClientRecord | null>;
  /** Finds a client by id alone (the public flows only name the client). */
  find(clientId: string): Promise<ClientRecord | null>;
  /**
   * The client and its pool in one read (every public request needs both: one statement, one round
   * trip on PostgreSQL, instead of two). Null when either is missing.
   */
  findWithPool(clientId: string): Promise<{ client: ClientRecord; pool: PoolRecord } | null>;
  update(client: ClientRecord): Promise<boolean>;
  delete(poolId: string, clientId: string): Promise<boolean>;
  list(poolId: string, limit: number, after?: string): Promise<ClientRecord[]>;
  /**
   * Replaces the client's sealed secret value with `next` only while it is still `expected`
   * (compare-and-set; sealed values never repeat). False when the client is gone or its secret
   * changed in between (a concurrent AddUserPoolClientSecret or DeleteUserPoolClientSecret).
   */
  swapSecret(
    poolId: string,
    clientId: string,
    expected: string | null,
    next: string | null,
    modifiedAt: number,
  ): Promise<boolean>;
}

/** Searchable attributes of ListUsers (Cognito's documented set). */
export type SearchAttribute =
  | "username"
  | "email"
  | "phone_number"
  | "name"
  | "given_name"
  | "family_name"
  | "preferred_username"
  | "cognito:user_status"
  | "status"
  | "sub";

export interface UserQuery {
  filter?: { attribute: SearchAttribute; op: "=" | "^="; value: string };
  limit: number;
  /** Opaque cursor returned as `next` by the previous page. */
  cursor?: string;
}

export interface UserStore {
  /** Inserts; throws UniqueViolation("username" | alias kind) on a clash. */
  create(user: UserRecord): Promise<void>;
  /**
   * Inserts many users in one transaction, for bulk loads (benchmark seeding, import jobs): all of
   * them or none. Throws UniqueViolation, as `create` does, when any of them clashes with a stored
   * user or with another of the batch, and then none is inserted. Rows are sent in multi-row
   * statements, so a batch of thousands costs a few round trips; split very large loads into batches
   * of a few thousand, so that one transaction does not hold the writer (SQLite's one write lock, or
   * PostgreSQL's index locks on the same keys) for long. An empty batch writes nothing.
   */
  insertMany(users: readonly UserRecord[]): Promise<void>;
  findByUsername(poolId: string, usernameKey: string): Promise<UserRecord | null>;
  findBySub(poolId: string, sub: string): Promise<UserRecord | null>;
  findByAlias(poolId: string, kind: AliasKind, key: string): Promise<UserRecord | null>;
  /**
   * Replaces every mutable field of the user identified by (poolId, sub) if the stored row still has
   * `user.version`, and adds one to the stored version. Returns false, writing nothing, when the user
   * does not exist or was saved by someone else since `user` was read (read it again and re-apply the
   * change). Throws UniqueViolation when a new alias is held by someone else.
   */
  save(user: UserRecord): Promise<boolean>;
  /**
   * Atomically removes alias `kind` from whoever holds `key` (clearing it from their `aliases` and
   * setting `<kind>_verified` to "false" in their attributes), then saves `user` (compare-and-set, as
   * `save`). False, with nothing written, when `user` is missing or stale. ForceAliasCreation.
   */
  saveTakingAlias(user: UserRecord, kind: AliasKind, key: string): Promise<boolean>;
  delete(poolId: string, sub: string): Promise<boolean>;
  list(poolId: string, query: UserQuery): Promise<{ users: UserRecord[]; next?: string }>;
  count(poolId: string): Promise<number>;
}

/** A group of a pool (AWS API reference, GroupType); absent optional members are null. */
export interface GroupRecord {
  poolId: string;
  /** The name as created; lookups use it exactly (case-sensitive). */
  name: string;
  description: string | null;
  roleArn: string | null;
  precedence: number | null;
  createdAt: number;
  modifiedAt: number;
}

/**
 * Groups and memberships (docs/admin-users.md#groups). Memberships name the user by sub and are
 * indexed both ways: pool+group → users, pool+user → groups. Names are unique in a pool regardless
 * of letter case; lookups are exact.
 */
export interface GroupStore {
  /** Inserts; throws UniqueViolation("other") when the name, ignoring case, is taken in the pool. */
  create(group: GroupRecord): Promise<void>;
  get(poolId: string, name: string): Promise<GroupRecord | null>;
  /** Replaces description/roleArn/precedence/modifiedAt; false when the group does not exist. */
  update(group: GroupRecord): Promise<boolean>;
  /** Deletes the group and its memberships; false when absent. */
  delete(poolId: string, name: string): Promise<boolean>;
  /** Ordered by name (byte order); `after` is the last name of the previous page. */
  list(poolId: string, limit: number, after?: string): Promise<GroupRecord[]>;
  count(poolId: string): Promise<number>;
  /** Adds the membership; adding an existing one changes nothing. */
  addMember(poolId: string, name: string, sub: string): Promise<void>;
  isMember(poolId: string, name: string, sub: string): Promise<boolean>;
  /** Removes the membership; false when there was none. */
  removeMember(poolId: string, name: string, sub: string): Promise<boolean>;
  /** The user's groups, ordered by name; `after` is the last name of the previous page. */
  groupsOf(poolId: string, sub: string, limit: number, after?: string): Promise<GroupRecord[]>;
  countGroupsOf(poolId: string, sub: string): Promise<number>;
  /** The group's members, ordered by sub; `after` is the last sub of the previous page. */
  membersOf(poolId: string, name: string, limit: number, after?: string): Promise<UserRecord[]>;
}

export interface CodeRecord {
  poolId: string;
  /** Whom the code belongs to: a user's sub. */
  subject: string;
  /** What it confirms: SIGN_UP, FORGOT_PASSWORD, VERIFY:<attribute>, … */
  purpose: string;
  /** HMAC of the code (never the code itself). */
  codeHash: string;
  createdAt: number;
  expiresAt: number;
}

export interface CodeStore {
  /** Stores a code, replacing any outstanding one for (poolId, subject, purpose): only the latest is valid. */
  put(code: CodeRecord): Promise<void>;
  get(poolId: string, subject: string, purpose: string): Promise<CodeRecord | null>;
  /** Deletes the code only if it still has `codeHash`; true for exactly one caller (single use). */
  take(poolId: string, subject: string, purpose: string, codeHash: string): Promise<boolean>;
  deleteAll(poolId: string, subject: string): Promise<void>;
}

export interface CounterState {
  count: number;
  firstAt: number;
  lastAt: number;
}

/**
 * When `CounterStore.claim` refuses. The counter restarts (and the claim is granted) first when its
 * window since firstAt or its idle time since lastAt has passed.
 */
export interface ClaimRule {
  windowMs?: number;
  idleMs?: number;
  /** Refused once `max` claims were granted in the current window. */
  max?: number;
  /**
   * Refused while locked: with `count` claims granted (count ≥ free), until
   * lastAt + stepsMs[min(count − free, stepsMs.length − 1)]. Integers.
   */
  lock?: { free: number; stepsMs: readonly number[] };
}

export interface CounterStore {
  /**
   * Check and count in one statement: when `rule` does not refuse, adds one (lastAt = now) and returns
   * the new state; when it refuses, changes nothing and returns null. Of any number of concurrent
   * claims, from any number of nodes, exactly as many are granted as the rule allows (a rule without
   * `max` or `lock` refuses nothing: a plain counter). The counter restarts from zero first when its
   * window (since firstAt) or its idle time (since lastAt) has passed. The row records when that next
   * happens, and the sweep drops it after that instant (Retention.counterGraceMs): a counter's state
   * is only ever read through the same window or idle rule, so a dropped row reads exactly like one
   * that would restart. Without a window or idle time it expires only by Retention.countersMs.
   */
  claim(key: string, now: number, rule: ClaimRule): Promise<CounterState | null>;
  /**
   * Takes back a granted claim (`claimed` is what `claim` returned): one less, and lastAt as it was
   * before the claim unless a later claim moved it since. For rules that restart by idle time.
   */
  refund(key: string, claimed: CounterState): Promise<void>;
  /**
   * The request-rate quotas' counter (docs/security.md#quotas): atomically adds one to `key` in its
   * current fixed window of `windowMs` (a new window starts at the first increment after the last one
   * ended) and returns the count in that window with the window's start as firstAt. Kept apart from
   * `claim`'s counters, where a write is cheapest: on PostgreSQL an unlogged table, so it costs no
   * WAL flush and a crash only empties windows of a second. Swept once the window has ended.
   */
  incrementWindow(key: string, now: number, windowMs: number): Promise<CounterState>;
  get(key: string): Promise<CounterState | null>;
  clear(key: string): Promise<void>;
}

export interface SessionRecord {
  id: string;
  poolId: string;
  /** Opaque, domain-encrypted state. */
  data: string;
  expiresAt: number;
  usedAt: number | null;
}

export interface SessionStore {
  put(session: SessionRecord): Promise<void>;
  /** Atomically marks the session used and returns it as it was before (usedAt null for the first caller). */
  consume(id: string, now: number): Promise<SessionRecord | null>;
  get(id: string): Promise<SessionRecord | null>;
}

export interface RefreshTokenRecord {
  id: string;
  poolId: string;
  clientId: string;
  sub: string;
  originJti: string;
  authTime: number;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  /** When refresh-token rotation replaced this token (GetTokensFromRefreshToken), or null/absent. */
  rotatedAt?: number | null;
  /** With rotatedAt: the end of the retry grace period; the token is refused from then on. */
  retiresAt?: number | null;
}

/** The refresh tokens of one sign-in: every token of a family (rotation keeps it) shares these. */
export type RefreshFamily = Pick<RefreshTokenRecord, "poolId" | "sub" | "originJti">;

export interface TokenStore {
  putRefresh(token: RefreshTokenRecord): Promise<void>;
  getRefresh(id: string): Promise<RefreshTokenRecord | null>;
  /**
   * Revokes the refresh tokens of a family (one origin_jti, which a sign-in mints for its user) and
   * remembers the origin as revoked until expiresAt. The family names its pool and user too, so the
   * update uses the user's index (pool_id, sub, origin_jti) and the table needs no origin index.
   */
  revokeOrigin(family: RefreshFamily, now: number, expiresAt: number): Promise<void>;
  isOriginRevoked(originJti: string): Promise<boolean>;
  /** Revokes every refresh token of the user (GlobalSignOut). */
  revokeUser(poolId: string, sub: string, now: number): Promise<void>;
  /**
   * Marks a refresh token rotated out at `now`, usable until `retiresAt`. Only the first caller
   * succeeds (true); a token rotated already, or gone, gives false and is left as it was.
   */
  markRotated(id: string, now: number, retiresAt: number): Promise<boolean>;
}

/** One sign-in event of a user (AdminListUserAuthEvents). */
export interface AuthEventRecord {
  poolId: string;
  sub: string;
  eventId: string;
  /** Epoch ms. */
  createdAt: number;
  /** The AuthEventType members other than EventId, CreationDate and EventFeedback (domain-owned). */
  data: Json;
  /** EventFeedback once given, else null. */
  feedback: Json | null;
}

export interface AuthEventStore {
  /** Writes a batch of events at once (one statement per event, one transaction). */
  add(events: AuthEventRecord[]): Promise<void>;
  /**
   * A user's events, newest first (createdAt, then eventId, both descending); `before` is the last
   * event of the previous page.
   */
  list(
    poolId: string,
    sub: string,
    limit: number,
    before?: { createdAt: number; eventId: string },
  ): Promise<AuthEventRecord[]>;
  /** Sets the event's feedback; false when the user has no such event. */
  setFeedback(poolId: string, sub: string, eventId: string, feedback: Json): Promise<boolean>;
}

export type ImportJobStatus =
  | "Created"
  | "Pending"
  | "InProgress"
  | "Stopping"
  | "Expired"
  | "Stopped"
  | "Failed"
  | "Succeeded";

/** A user import job (CreateUserImportJob and its siblings). */
export interface ImportJobRecord {
  poolId: string;
  jobId: string;
  jobName: string;
  roleArn: string;
  status: ImportJobStatus;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  imported: number;
  skipped: number;
  failed: number;
  message: string | null;
}

/** What a running job's node writes back after each batch of rows. */
export interface ImportProgress {
  imported: number;
  skipped: number;
  failed: number;
}

export interface ImportJobStore {
  create(job: ImportJobRecord): Promise<void>;
  get(poolId: string, jobId: string): Promise<ImportJobRecord | null>;
  /** A pool's jobs in creation order (then job id); `after` is the last job of the previous page. */
  list(
    poolId: string,
    limit: number,
    after?: { createdAt: number; jobId: string },
  ): Promise<ImportJobRecord[]>;
  /**
   * Moves a job from one of `from` to `to` with the given fields set (compare-and-set on the status);
   * returns the job as written, or null when it was not in one of `from` (or is gone).
   */
  transition(
    poolId: string,
    jobId: string,
    from: ImportJobStatus[],
    to: ImportJobStatus,
    set: Partial<Pick<ImportJobRecord, "startedAt" | "completedAt" | "message">>,
  ): Promise<ImportJobRecord | null>;
  /**
   * Claims one job to run on `node` until `leaseUntil`: a Pending job, or an InProgress one whose
   * node's lease has lapsed. Exactly one of several nodes asking at once gets a given job; it is
   * returned InProgress, or null when there is none.
   */
  claim(node: string, now: number, leaseUntil: number): Promise<ImportJobRecord | null>;
  /**
   * Writes a running job's counts and renews its lease, while `node` still holds it. Returns the
   * job's status after the write (Stopping when someone asked it to stop), or null when the node no
   * longer holds it.
   */
  progress(
    poolId: string,
    jobId: string,
    node: string,
    counts: ImportProgress,
    leaseUntil: number,
  ): Promise<ImportJobStatus | null>;
  /** Ends a job `node` holds: the final status, counts and message. False when it no longer holds it. */
  finish(
    poolId: string,
    jobId: string,
    node: string,
    status: ImportJobStatus,
    counts: ImportProgress,
    completedAt: number,
    message: string,
  ): Promise<boolean>;
  /** The uploaded CSV (replacing an earlier upload). */
  putFile(poolId: string, jobId: string, body: string, now: number): Promise<void>;
  getFile(poolId: string, jobId: string): Promise<string | null>;
  hasFile(poolId: string, jobId: string): Promise<boolean>;
  deleteFile(poolId: string, jobId: string): Promise<void>;
}

export interface OutboxMessage {
  id: string;
  poolId: string;
  username: string;
  sub: string;
  medium: "EMAIL" | "SMS";
  destination: string;
  /**
   * The content — subject, text, and the code or temporary password it carries — sealed by the
   * messenger with the master key (src/messaging/content.ts); the store never reads it. Rows written
   * in clear by versions before sealing (`sealed: false`) hold the finished text here.
   */
  body: string;
  /** Only in rows written before sealing: the subject in clear; null in sealed rows. */
  subject: string | null;
  /** Only in rows written before sealing: the code or temporary password in clear; null in sealed rows. */
  code: string | null;
  /** False only for rows written in clear by versions before sealing, until the messenger seals them. */
  sealed: boolean;
  purpose: string;
  createdAt: number;
  sentAt: number | null;
}

export interface OutboxStore {
  add(message: OutboxMessage): Promise<void>;
  /** Newest last; filtered by username when given. */
  list(poolId: string, username?: string): Promise<OutboxMessage[]>;
  /** Leases up to `limit` unsent messages to one sender until now+leaseMs (one node at a time). */
  claim(limit: number, now: number, leaseMs: number): Promise<OutboxMessage[]>;
  markSent(id: string, now: number): Promise<void>;
  /** Up to `limit` rows written in clear by versions before sealing, oldest first. */
  listUnsealed(limit: number): Promise<OutboxMessage[]>;
  /**
   * Replaces a clear row's content with its sealed form (subject and code emptied). False when the
   * row is gone or was sealed already (another node got there first).
   */
  seal(id: string, body: string): Promise<boolean>;
  /**
   * How many messages wait to be sent (decoys included: a depth that counted only real messages
   * would tell a metrics reader which names have users; docs/operating.md#metrics).
   */
  countUnsent(): Promise<number>;
}

/**
 * A tracked device of a user (docs/mfa.md#remembered-devices). `deviceKey` is unique in the pool;
 * `verifier` is ConfirmDevice's device SRP salt and verifier, sealed by the domain (null until the
 * device is confirmed).
 */
export interface DeviceRecord {
  poolId: string;
  deviceKey: string;
  sub: string;
  groupKey: string;
  verifier: string | null;
  remembered: boolean;
  name: string | null;
  lastIp: string | null;
  createdAt: number;
  modifiedAt: number;
  lastAuthenticatedAt: number;
}

/** MFA state that needs its own rows (docs/mfa.md): the TOTP replay guard and tracked devices. */
export interface MfaStore {
  /**
   * Records `step` (a TOTP time step) as the user's last accepted one when it is later than the one
   * recorded, in one statement; true when recorded. Of concurrent callers with the same step, from
   * any number of nodes, exactly one gets true, so a code is accepted at most once.
   */
  claimTotpStep(poolId: string, sub: string, step: number): Promise<boolean>;
  /** Inserts; throws UniqueViolation("other") when the key exists in the pool. */
  putDevice(device: DeviceRecord): Promise<void>;
  getDevice(poolId: string, deviceKey: string): Promise<DeviceRecord | null>;
  /** Replaces every mutable field; false when the device does not exist. */
  updateDevice(device: DeviceRecord): Promise<boolean>;
  /** False when absent. */
  deleteDevice(poolId: string, deviceKey: string): Promise<boolean>;
  /** The user's devices ordered by key; `after` is the last key of the previous page. */
  listDevices(poolId: string, sub: string, limit: number, after?: string): Promise<DeviceRecord[]>;
}

export interface KeyStore {
  get(name: string): Promise<string | null>;
  /** Stores `value` unless `name` exists; returns the stored value (the first writer wins across nodes). */
  putIfAbsent(name: string, value: string): Promise<string>;
  put(name: string, value: string): Promise<void>;
}

/** What `sweep` keeps: rows younger than these are never removed. */
export interface Retention {
  /** Used or expired challenge sessions are kept this long past expiry (for the "used once" answer). */
  sessionsMs: number;
  /** Counters are dropped this long after their window or idle time has passed (clock skew between nodes). */
  counterGraceMs: number;
  /**
   * Counters without an expiry (rows written before it existed) are dropped once untouched this long.
   * One with an expiry goes at its expiry, when it would restart anyway.
   */
  countersMs: number;
  /** Sent outbox messages are kept this long (the loopback message reader shows them). */
  sentMessagesMs: number;
  /** Sent decoy messages (masked path, never shown by the reader) are kept this long. */
  decoyMessagesMs: number;
}

export interface MaintenanceStore {
  /**
   * Deletes what can no longer matter: expired codes, old sessions, expired or idle counters, expired
   * refresh tokens and revoked-origin marks, old sent messages and sent decoys. Idempotent; several
   * nodes may run it at once. Returns the number of rows removed per table.
   */
  sweep(now: number, retention: Retention): Promise<Record<string, number>>;
  /**
   * The versions of this build's schema migrations that the database has not recorded as applied
   * (empty when the schema is current). Throws when the database cannot be reached; `/ready` asks it
   * (docs/operating.md#health-and-readiness).
   */
  missingMigrations(): Promise<number[]>;
}

/**
 * A registered passkey (WebAuthn credential, docs/passkeys.md). Ids and the COSE public key are
 * base64url, as the WebAuthn JSON forms carry them.
 */
export interface PasskeyRecord {
  poolId: string;
  sub: string;
  credentialId: string;
  publicKey: string;
  signCount: number;
  transports: string[];
  /** `platform` or `cross-platform` when the client said so. */
  attachment: string | null;
  friendlyName: string;
  rpId: string;
  createdAt: number;
}

export interface PasskeyStore {
  /** Throws UniqueViolation when the pool already has this credential id. */
  add(p: PasskeyRecord): Promise<void>;
  /** A user's passkeys, oldest first (then by id). */
  listFor(poolId: string, sub: string): Promise<PasskeyRecord[]>;
  find(poolId: string, credentialId: string): Promise<PasskeyRecord | null>;
  /**
   * Sets the sign counter only if it still is `expected` (compare-and-set): of two sign-ins with the
   * same counter value, one wins. False when it changed or the credential is gone.
   */
  setSignCount(poolId: string, credentialId: string, expected: number, next: number): Promise<boolean>;
  /** Deletes the user's credential; false when the user has no such credential. */
  delete(poolId: string, sub: string, credentialId: string): Promise<boolean>;
}

/**
 * The OAuth configuration of a pool (docs/oauth.md): its domains, resource servers, identity providers
 * and the links of external identities to users. One record shape for all four; `scope` is the pool
 * id, or "" for domains, whose names are unique across pools.
 */
export type ResourceKind = "domain" | "resource-server" | "identity-provider" | "provider-link";

export interface ResourceRecord {
  kind: ResourceKind;
  /** The pool id, or "" for a domain (unique on the whole server). */
  scope: string;
  /** The domain prefix, resource-server identifier, provider name, or `<provider>\n<subject>` of a link. */
  name: string;
  /** The pool it belongs to (deleted with it). */
  poolId: string;
  body: Json;
  createdAt: number;
  modifiedAt: number;
}

export interface ResourceStore {
  /** UniqueViolation("other") when (kind, scope, name) exists. */
  create(r: ResourceRecord): Promise<void>;
  get(kind: ResourceKind, scope: string, name: string): Promise<ResourceRecord | null>;
  /** False when the record does not exist. */
  update(r: ResourceRecord): Promise<boolean>;
  delete(kind: ResourceKind, scope: string, name: string): Promise<boolean>;
  /** Name order, names after `after`. */
  list(kind: ResourceKind, scope: string, limit: number, after?: string): Promise<ResourceRecord[]>;
  /** Every record of a kind that belongs to the pool (domains of a pool). */
  ofPool(kind: ResourceKind, poolId: string): Promise<ResourceRecord[]>;
  count(kind: ResourceKind, scope: string): Promise<number>;
}

export interface Store {
  readonly kind: "sqlite" | "postgres";
  /**
   * Runs `fn` in one transaction: every write made through `tx` commits together or not at all (a
   * process killed half way leaves none of them). Inside `fn` use only `tx`, never this store (on
   * SQLite this store's statements wait for the transaction to end), and do no slow work (triggers,
   * delivery): only the reads and writes that belong together. `tx.transaction` nests as a savepoint.
   * A throw rolls back and is rethrown.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  pools: PoolStore;
  clients: ClientStore;
  users: UserStore;
  groups: GroupStore;
  passkeys: PasskeyStore;
  resources: ResourceStore;
  codes: CodeStore;
  counters: CounterStore;
  sessions: SessionStore;
  tokens: TokenStore;
  authEvents: AuthEventStore;
  importJobs: ImportJobStore;
  outbox: OutboxStore;
  keys: KeyStore;
  mfa: MfaStore;
  maintenance: MaintenanceStore;
  close(): Promise<void>;
}
