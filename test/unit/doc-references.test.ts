import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

/**
 * Keeps the references self-contained: (a) every doc reference in the code and the docs resolves to a
 * file in the repository, and an anchor to a heading in it; (b) nothing cites a document that is not
 * in the repository (the design notes and behaviour notes the project started from).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SELF = "test/unit/doc-references.test.ts";
const SOURCE_DIRS = ["src", "test", "bench", "scripts"];
const SOURCE_FILE = /\.(?:ts|mts|cts|mjs|cjs|js)$/;

const rel = (abs: string): string => relative(ROOT, abs).split(sep).join("/");

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...walk(abs));
    else out.push(abs);
  }
  return out;
}

const sourceFiles = SOURCE_DIRS.flatMap((d) => walk(join(ROOT, d)))
  .filter((f) => SOURCE_FILE.test(f))
  .map(rel)
  .filter((f) => f !== SELF);
const docFiles = [
  ...readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
  "README.md",
];
const read = (file: string): string => readFileSync(join(ROOT, file), "utf8");
const lineOf = (text: string, index: number): number => text.slice(0, index).split("\n").length;

/** GitHub's heading anchor: lower case, punctuation removed, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/<\/?a\b[^>]*>/g, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
}

/** Markdown text without fenced code blocks (their lines become empty, so line numbers hold). */
function withoutFences(text: string): string {
  let fenced = false;
  return text
    .split("\n")
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return "";
      }
      return fenced ? "" : line;
    })
    .join("\n");
}

const anchorCache = new Map<string, Set<string>>();
/** The anchors a Markdown file defines: heading slugs (with GitHub's -1, -2 suffixes) and `<a id>`s. */
function anchorsOf(file: string): Set<string> {
  const cached = anchorCache.get(file);
  if (cached) return cached;
  const text = read(file);
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFences(text).split("\n")) {
    const m = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1] ?? "");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1] ?? "");
  anchorCache.set(file, anchors);
  return anchors;
}

interface Ref {
  from: string;
  line: number;
  /** Repository-relative path of the target. */
  target: string;
  anchor?: string;
  /** A heading named in quotes after the path: `docs/x.md, "Some heading"`. */
  heading?: string;
  raw: string;
}

/** `docs/<name>.md`, optionally `#anchor`, optionally followed by a quoted heading; repo-relative. */
const DOC_PATH = /(?<![\w./-])(?:\.\.\/)*docs\/([\w.-]+\.md)(?:#([\w-]+))?(?:,?\s+"([A-Z][^"\n]*)")?/g;

function docPathRefs(file: string, text: string): Ref[] {
  return [...text.matchAll(DOC_PATH)].map((m) => ({
    from: file,
    line: lineOf(text, m.index ?? 0),
    target: `docs/${m[1] ?? ""}`,
    ...(m[2] ? { anchor: m[2] } : {}),
    ...(m[3] ? { heading: m[3] } : {}),
    raw: m[0],
  }));
}

/** Relative Markdown links (`[text](other.md#anchor)`, `[text](#anchor)`), resolved against the file. */
function markdownLinks(file: string, text: string): Ref[] {
  const refs: Ref[] = [];
  const body = withoutFences(text);
  for (const m of body.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const href = m[1] ?? "";
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // http:, https:, mailto:
    const [path = "", anchor] = href.split("#");
    const target = path === "" ? file : rel(resolve(ROOT, dirname(file), decodeURI(path)));
    refs.push({
      from: file,
      line: lineOf(body, m.index ?? 0),
      target,
      ...(anchor ? { anchor } : {}),
      raw: href,
    });
  }
  return refs;
}

function problem(ref: Ref): string | null {
  const where = `${ref.from}:${ref.line}: ${ref.raw}`;
  if (!existsSync(join(ROOT, ref.target))) return `${where} → ${ref.target} does not exist`;
  if (!ref.target.endsWith(".md")) return null;
  const anchors = anchorsOf(ref.target);
  if (ref.anchor !== undefined && !anchors.has(ref.anchor))
    return `${where} → no heading #${ref.anchor} in ${ref.target}`;
  if (ref.heading !== undefined && !anchors.has(slug(ref.heading)))
    return `${where} → no heading "${ref.heading}" in ${ref.target}`;
  return null;
}

test("(a) every doc reference in the code and the docs resolves to a file and a heading", () => {
  const refs: Ref[] = [];
  for (const f of sourceFiles) refs.push(...docPathRefs(f, read(f)));
  for (const f of docFiles) {
    const text = read(f);
    refs.push(...docPathRefs(f, text), ...markdownLinks(f, text));
  }
  assert.ok(refs.length > 100, `only ${refs.length} references found: is the scan broken?`);
  const problems = refs.map(problem).filter((p): p is string => p !== null);
  assert.deepEqual(problems, [], `${problems.length} broken doc references:\n${problems.join("\n")}`);
});

test("the slugs follow GitHub's rules", () => {
  assert.equal(slug("USER_SRP_AUTH"), "user_srp_auth");
  assert.equal(slug("`User pool client <id> does not exist.`"), "user-pool-client-id-does-not-exist");
  assert.equal(slug("The masked path: same answer, same work"), "the-masked-path-same-answer-same-work");
  assert.equal(slug("`--functions DIR`: in-process modules"), "--functions-dir-in-process-modules");
  assert.equal(
    slug("Decisions where Cognito's behaviour is not documented"),
    "decisions-where-cognitos-behaviour-is-not-documented",
  );
});

/**
 * Citations of documents that are not in the repository. `issue <n>` counts only in comments (and
 * anywhere in the docs); TODO(#<n>) is the way to name a tracker item. A bare section code in
 * parentheses, `(docs/triggers.md#usermigration)` or `(docs/srp.md#what-the-client-computes, docs/srp.md#the-wire-exchange)`, counts only in source comments: the existence rows' Source
 * strings and the tables generated from them use such codes as data (docs/existence.md, "Reading the
 * Source column").
 */
const OUTSIDE: { what: string; re: RegExp; commentsOnly?: true; sourceOnly?: true }[] = [
  { what: "behaviour-notes section", re: /\b[Ss]pec (?:section \d+|[A-L](?:\.\d+)?\b|\d\b)/g },
  { what: "design note", re: /no-oracle|(?<!docs\/)\barchitecture\.md\b/g },
  { what: "behaviour notes", re: /cognito-behaviour|cognito-surface/g },
  { what: "shared notes", re: /\bshared\/(?:spec|seeds|design)\b/g },
  { what: "numbered source", re: /\[S\d+\]|\bobs S\d+\b/g },
  { what: "tracker issue", re: /\bissues? \d+\b/g, commentsOnly: true },
  {
    what: "behaviour-notes section",
    re: /\([A-L]\.\d+(?:\s*[,/]\s*[A-L]\.\d+)*[),]/g,
    commentsOnly: true,
    sourceOnly: true,
  },
];

/** Deliberate exceptions: file and the exact matched text, each with its reason. None today. */
const ALLOWED: readonly { file: string; text: string; why: string }[] = [];

/** Whether `index` in `text` sits in a comment: after `//` on its line, or on a `*` / `/*` line. */
function inComment(text: string, index: number): boolean {
  const start = text.lastIndexOf("\n", index - 1) + 1;
  const before = text.slice(start, index);
  return /^\s*(?:\/\*|\*)/.test(before) || before.includes("//");
}

test("(b) no source file or doc cites a document outside the repository", () => {
  const found: string[] = [];
  const scan = (file: string, isSource: boolean) => {
    const text = read(file);
    for (const { what, re, commentsOnly, sourceOnly } of OUTSIDE) {
      if (sourceOnly && !isSource) continue;
      for (const m of text.matchAll(re)) {
        const index = m.index ?? 0;
        if (commentsOnly && isSource && !inComment(text, index)) continue;
        if (ALLOWED.some((a) => a.file === file && a.text === m[0])) continue;
        found.push(`${file}:${lineOf(text, index)}: ${m[0]} (${what})`);
      }
    }
  };
  for (const f of sourceFiles) scan(f, true);
  for (const f of docFiles) scan(f, false);
  assert.deepEqual(
    found,
    [],
    `${found.length} citations of documents outside the repository (rewrite them to docs/ or AWS pages):\n${found.join("\n")}`,
  );
});
