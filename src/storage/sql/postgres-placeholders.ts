/**
 * The stores write `?` placeholders (SQLite's); PostgreSQL wants `$1…$n`. The rewrite skips `?`
 * inside quoted strings, quoted identifiers and comments. Dollar-quoted and E'' strings are not
 * recognised; the stores use neither.
 */
const cache = new Map<string, string>();

/** Index just past the end of the token starting at `i` that runs until `close` (or the text's end). */
function skip(sql: string, i: number, close: string): number {
  const at = sql.indexOf(close, i);
  return at === -1 ? sql.length : at + close.length;
}

export function toPositional(sql: string): string {
  const cached = cache.get(sql);
  if (cached !== undefined) return cached;
  let out = "";
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    const two = sql.slice(i, i + 2);
    let end = i + 1;
    if (ch === "'" || ch === '"') end = skip(sql, i + 1, ch);
    else if (two === "--") end = skip(sql, i + 2, "\n");
    else if (two === "/*") end = skip(sql, i + 2, "*/");
    out += ch === "?" ? `$${++n}` : sql.slice(i, end);
    i = end;
  }
  // The stores build SQL from a small fixed set of shapes; the bound only guards against misuse.
  if (cache.size >= 1000) cache.clear();
  cache.set(sql, out);
  return out;
}
