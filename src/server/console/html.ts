/**
 * The console's templating: a tagged template that escapes every interpolated value unless it is
 * already markup made by this same tag. There is no other way to put text into a page, so a value a
 * user typed (a username, an attribute, a group description, a trigger's error message) can only
 * ever arrive as text, never as markup (docs/console.md#security).
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Value = Html | string | number | boolean | null | undefined | readonly Value[];

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/** Text made safe for element content and for quoted attribute values. */
export const escapeText = (s: string): string => s.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return "";
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(render).join("");
  return escapeText(String(v));
}

/** `html\`<p>${name}</p>\``: every `${…}` is escaped; nested `html` results and arrays of them are kept. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return new Html(out);
}

/** An attribute that is present or absent (`checked`, `selected`, `disabled`). */
export const flag = (on: boolean, name: string): Html => new Html(on ? ` ${name}` : "");

/** A URL path built from fixed segments and escaped (percent-encoded) variable ones. */
export function path(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++)
    out += encodeURIComponent(String(values[i])) + (strings[i + 1] ?? "");
  return out;
}
