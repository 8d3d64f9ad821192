import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";

/**
 * The data directory holds the master key and the SQLite database: only the server's own user may
 * read them (docs/security.md#secrets-at-rest). The directory is created 0700 and its files 0600;
 * existing ones, from older versions or another umask, are tightened at start.
 */
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
const STICKY = 0o1000;

/**
 * Creates `dir` (and its parents) and makes it 0700. An existing directory is tightened only when it
 * is this user's and is not a shared sticky directory such as /tmp: narrowing someone else's
 * directory is not the server's to do (the files inside are 0600 regardless).
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  const st = statSync(dir);
  const ours = process.getuid === undefined || st.uid === process.getuid();
  if ((st.mode & 0o077) !== 0 && ours && (st.mode & STICKY) === 0) chmodSync(dir, DIR_MODE);
}

/** Makes an existing file 0600 (a no-op when it is absent or already private). */
export function tightenFile(file: string): void {
  if (!existsSync(file)) return;
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, FILE_MODE);
}

/**
 * Creates `file` empty with mode 0600 if it does not exist, then tightens it. SQLite gives the
 * database's -wal and -shm files the database file's mode, so creating the database file this way
 * before SQLite opens it keeps them private too.
 */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, "a", FILE_MODE));
  tightenFile(file);
}
