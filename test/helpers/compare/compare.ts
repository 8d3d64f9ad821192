import { type Normalised, normalise } from "./normalise.ts";
import type { RawAnswer } from "./raw-http.ts";

/**
 * The comparator: a known and an unknown name's answers to the same request, as a list of
 * differences (empty when a caller could not tell them apart from the bytes). Status, header names
 * in order, every header value, and the body member by member (key order included), after
 * ./normalise.ts has replaced what is fresh on every request.
 */
export interface Difference {
  /** Which answer of a case (a lockout sequence has eight; most cases one). */
  step: string;
  aspect: "status" | "header-names" | "header" | "body" | "stability";
  /** Header name or body path ("" for the whole). */
  path: string;
  known: string;
  unknown: string;
}

const show = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));

function diffBody(k: unknown, u: unknown, path: string, out: Omit<Difference, "step">[]): void {
  const kObj = k !== null && typeof k === "object" && !Array.isArray(k);
  const uObj = u !== null && typeof u === "object" && !Array.isArray(u);
  if (kObj && uObj) {
    const ko = k as Record<string, unknown>;
    const uo = u as Record<string, unknown>;
    const kKeys = Object.keys(ko);
    const uKeys = Object.keys(uo);
    if (kKeys.join(",") !== uKeys.join(",")) {
      out.push({ aspect: "body", path: `${path}{keys}`, known: kKeys.join(","), unknown: uKeys.join(",") });
    }
    for (const key of kKeys) {
      if (key in uo) diffBody(ko[key], uo[key], path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (Array.isArray(k) && Array.isArray(u) && k.length === u.length) {
    for (const [i, x] of k.entries()) diffBody(x, u[i], `${path}[${i}]`, out);
    return;
  }
  if (show(k) !== show(u)) out.push({ aspect: "body", path, known: show(k), unknown: show(u) });
}

export function compareNormalised(k: Normalised, u: Normalised, step = ""): Difference[] {
  const out: Omit<Difference, "step">[] = [];
  if (k.status !== u.status) {
    out.push({ aspect: "status", path: "", known: String(k.status), unknown: String(u.status) });
  }
  if (k.headerNames.join("\n") !== u.headerNames.join("\n")) {
    out.push({
      aspect: "header-names",
      path: "",
      known: k.headerNames.join(", "),
      unknown: u.headerNames.join(", "),
    });
  }
  for (const [name, kv] of k.headers) {
    const uv = u.headers.get(name);
    if (uv !== undefined && uv !== kv) out.push({ aspect: "header", path: name, known: kv, unknown: uv });
  }
  diffBody(k.body, u.body, "", out);
  return out.map((d) => ({ step, ...d }));
}

/** One answer and the name its request carried. */
export interface Sent {
  answer: RawAnswer;
  typed: string;
}

/** Differences between the known and the unknown name's answer to one request. */
export function compareAnswers(known: Sent, unknown: Sent, step = ""): Difference[] {
  return compareNormalised(
    normalise(known.answer, known.typed),
    normalise(unknown.answer, unknown.typed),
    step,
  );
}

/**
 * Deterministic fakes: a value that is deterministic for a known name (its SALT, its masked
 * destination) must be just as stable for an unknown one, on a second identical request.
 */
export function compareStability(
  known: [RawAnswer, RawAnswer],
  unknown: [RawAnswer, RawAnswer],
  step = "repeat",
): Difference[] {
  const changed = (pair: [RawAnswer, RawAnswer]): string[] => {
    const [a, b] = [normalise(pair[0]).deterministic, normalise(pair[1]).deterministic];
    return Object.keys({ ...a, ...b })
      .filter((p) => a[p] !== b[p])
      .sort();
  };
  const k = changed(known).join(",");
  const u = changed(unknown).join(",");
  if (k === u) return [];
  return [
    {
      step,
      aspect: "stability",
      path: "",
      known: `changes: ${k || "none"}`,
      unknown: `changes: ${u || "none"}`,
    },
  ];
}
