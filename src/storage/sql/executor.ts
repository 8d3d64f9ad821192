/**
 * The one seam between the SQL stores and a concrete driver. Stores write portable SQL with `?`
 * placeholders (SQLite 3.35+ and PostgreSQL share INSERT … ON CONFLICT and RETURNING); an executor
 * adapts placeholders and reports unique-constraint failures as UniqueConstraintError.
 */
export type SqlValue = string | number | null;
export type Row = Record<string, unknown>;

export interface SqlExecutor {
  readonly dialect: "sqlite" | "postgres";
  all<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T[]>;
  get<T extends Row = Row>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: SqlValue[]): Promise<{ changes: number }>;
  /**
   * Runs `fn` in one transaction; the executor passed to `fn` must be used for every statement in it.
   * Called on a transaction's executor, it opens a savepoint: `fn`'s statements join the transaction,
   * and when `fn` throws only they are undone.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Runs `fn`, whose statements may fail by design (a unique index refusing an insert), so that the
   * failure leaves an enclosing transaction usable: a savepoint inside a transaction (PostgreSQL
   * aborts the whole transaction on a failed statement otherwise), nothing outside one.
   */
  guarded<T>(fn: (db: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs several DDL statements (migrations only). */
  script(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A unique index or primary key refused a write; `constraint` names the index or its columns. */
export class UniqueConstraintError extends Error {
  readonly constraint: string;
  constructor(constraint: string) {
    super(`unique constraint: ${constraint}`);
    this.constraint = constraint;
  }
}
