import type { Ctx } from "./context.ts";
import { type Html, html, path, type Value } from "./html.ts";

/** The fixed confirmations a redirect may ask for with `?ok=` (never free text from the URL). */
const DONE: Record<string, string> = {
  "pool-created": "User pool created.",
  "pool-updated": "User pool settings saved.",
  "pool-deleted": "User pool deleted.",
  "client-created": "App client created.",
  "client-updated": "App client saved.",
  "client-deleted": "App client deleted.",
  "user-created": "User created.",
  "user-confirmed": "User confirmed.",
  "user-disabled": "User disabled.",
  "user-enabled": "User enabled.",
  "user-reset": "Password reset: the user must set a new one with a code.",
  "user-password": "Password set.",
  "user-deleted": "User deleted.",
  "user-signed-out": "The user's refresh tokens were revoked.",
  "attributes-updated": "Attributes saved.",
  "attributes-deleted": "Attribute deleted.",
  "group-added": "Added to the group.",
  "group-removed": "Removed from the group.",
  "group-created": "Group created.",
  "group-updated": "Group saved.",
  "group-deleted": "Group deleted.",
  "triggers-updated": "Triggers saved.",
};

export const done = (to: string, what: keyof typeof DONE | string): { redirect: string } => ({
  redirect: `${to}${to.includes("?") ? "&" : "?"}ok=${encodeURIComponent(what)}`,
});

/** A POST form carrying the session's CSRF token; `confirm` asks first when the script runs. */
export function form(
  ctx: Pick<Ctx, "csrf">,
  action: string,
  body: Value,
  opts: { confirm?: string; cls?: string; label?: string } = {},
): Html {
  return html`<form method="post" action="${action}" class="${opts.cls ?? "card"}"${
    opts.confirm ? html` data-confirm="${opts.confirm}"` : ""
  }${opts.label ? html` aria-label="${opts.label}"` : ""}><input type="hidden" name="_csrf" value="${ctx.csrf}">${body}</form>`;
}

/**
 * The "All settings" section of a settings page: the whole Update* input as JSON, sent as it is (the
 * operation replaces every setting, so the text starts from the current ones; docs/console.md).
 */
export function allSettingsForm(
  ctx: Pick<Ctx, "csrf">,
  o: {
    operation: string;
    note: string;
    action: string;
    id: string;
    rows: number;
    settings: unknown;
    label: string;
  },
): Html {
  return html`<h2 id="all-h">All settings (${o.operation})</h2>
<p class="muted">${o.note}</p>
${form(
  ctx,
  o.action,
  html`<label for="${o.id}">Settings</label><textarea id="${o.id}" name="settings" rows="${o.rows}" spellcheck="false">${JSON.stringify(
    o.settings,
    null,
    2,
  )}</textarea><button type="submit">Save all settings</button>`,
  { label: o.label },
)}`;
}

/** One button in its own small form (enable, disable, delete, …). */
export const button = (
  ctx: Pick<Ctx, "csrf">,
  action: string,
  text: string,
  opts: { confirm?: string; danger?: boolean; fields?: Record<string, string> } = {},
): Html =>
  form(
    ctx,
    action,
    html`${Object.entries(opts.fields ?? {}).map(
      ([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`,
    )}<button type="submit"${opts.danger ? html` class="danger"` : ""}>${text}</button>`,
    { cls: "inline", ...(opts.confirm ? { confirm: opts.confirm } : {}) },
  );

export type PoolTab = "settings" | "clients" | "users" | "groups" | "triggers" | "messages";

const TABS: [PoolTab, string, string][] = [
  ["settings", "Settings", ""],
  ["clients", "App clients", "/clients"],
  ["users", "Users", "/users"],
  ["groups", "Groups", "/groups"],
  ["triggers", "Triggers", "/triggers"],
  ["messages", "Messages", "/messages"],
];

export function poolNav(poolId: string, current: PoolTab): Html {
  const base = path`/console/pools/${poolId}`;
  return html`<nav class="pool" aria-label="User pool ${poolId}">${TABS.map(
    ([tab, label, suffix]) =>
      html`<a href="${base + suffix}"${tab === current ? html` aria-current="page"` : ""}>${label}</a>`,
  )}</nav>`;
}

/** The page shell: header, optional pool navigation, flash, main content. */
export function page(
  ctx: Ctx | null,
  title: string,
  content: Value,
  opts: { nav?: Html; error?: string } = {},
): Html {
  const ok = ctx?.url.searchParams.get("ok");
  const flash = ok && DONE[ok] ? html`<p class="flash ok" role="status">${DONE[ok]}</p>` : "";
  const error = opts.error ? html`<p class="flash err" role="alert">${opts.error}</p>` : "";
  const who = ctx?.keyed
    ? html`<span class="who">Signed in as <code>${ctx.who.key?.accessKeyId ?? ""}</code></span>${form(
        ctx,
        "/console/sign-out",
        html`<button type="submit">Sign out</button>`,
        { cls: "inline" },
      )}`
    : ctx
      ? html`<span class="who">Local console (no admin keys)</span>`
      : "";
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · hushpool console</title><link rel="stylesheet" href="/console/assets/console.css">
<script src="/console/assets/console.js" defer></script></head>
<body><a class="skip" href="#main">Skip to content</a>
<header><a class="brand" href="/console">hushpool console</a>${
    ctx ? html`<a href="/console/pools">User pools</a>` : ""
  }${who}</header>
${opts.nav ?? ""}<main id="main"><h1>${title}</h1>${flash}${error}${content}</main></body></html>`;
}

/** A user-visible time (UTC, to the second). */
export const when = (ms: number | undefined | null): string =>
  ms
    ? new Date(ms)
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC")
    : "";

/** AWS's SDK shapes give dates as seconds (JSON numbers) from the operations. */
export const whenSeconds = (v: unknown): string =>
  typeof v === "number" ? when(v * 1000) : v instanceof Date ? when(v.getTime()) : "";
