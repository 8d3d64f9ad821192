import { DECOY_PURPOSE } from "../../domain/codes/issue.ts";
import { readable } from "../../messaging/reader.ts";
import type { PageRoute } from "./context.ts";
import { param } from "./context.ts";
import { html, path } from "./html.ts";
import { page, poolNav, when } from "./layout.ts";
import { describePool } from "./shared.ts";

/**
 * The outbox of a pool, newest first. Texts and codes are opened only when the development
 * endpoints are on, exactly where `GET /_hushpool/messages` would show them (docs/security.md#development-endpoints);
 * otherwise only the routing (recipient, purpose, times) is shown. Decoys are never shown.
 * DescribeUserPool is called first, so the pool must exist and the signed-in key must cover it.
 */
const show: PageRoute = {
  method: "GET",
  path: /^\/console\/pools\/([^/]+)\/messages$/,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const pool = await describePool(ctx, poolId);
    const username = ctx.url.searchParams.get("username") ?? "";
    const stored = (await ctx.services.store.outbox.list(poolId, username || undefined))
      .filter((x) => x.purpose !== DECOY_PURPOSE)
      .reverse()
      .slice(0, 200);
    const open = ctx.devEndpoints;
    const base = path`/console/pools/${poolId}/messages`;
    const rows = stored.map((x) => {
      const r = open ? readable(ctx.services.box, x) : null;
      return html`<tr><td>${when(x.createdAt)}</td><td><a href="${path`/console/pools/${poolId}/users/${x.username}`}">${x.username}</a></td>
<td>${x.medium} <span class="mono">${x.destination}</span></td><td>${x.purpose}</td>${
        open
          ? html`<td><code class="code">${r?.code ?? ""}</code></td><td class="mono">${r?.body ?? ""}</td>`
          : ""
      }<td>${x.sentAt ? when(x.sentAt) : html`<span class="muted">queued</span>`}</td></tr>`;
    });
    const body = html`
<form method="get" action="${base}" class="card" role="search" aria-label="Messages of one user">
<label for="m-user">Username</label><input id="m-user" name="username" type="search" value="${username}" autocomplete="off">
<button type="submit">Show</button>${username ? html` <a href="${base}">All users</a>` : ""}</form>
${
  open
    ? html`<p class="muted">Development endpoints are on: texts and codes are shown.</p>`
    : html`<p class="muted">Development endpoints are off: codes and texts stay sealed; only the routing is shown.</p>`
}
<div class="scroll"><table><caption class="muted">${stored.length} message(s)</caption>
<thead><tr><th scope="col">Written</th><th scope="col">User</th><th scope="col">To</th><th scope="col">Purpose</th>${
      open ? html`<th scope="col">Code</th><th scope="col">Text</th>` : ""
    }<th scope="col">Sent</th></tr></thead><tbody>${rows}</tbody></table></div>`;
    return {
      body: page(ctx, `Messages of ${String(pool.Name)}`, body, { nav: poolNav(poolId, "messages") }),
    };
  },
};

export const messageRoutes: PageRoute[] = [show];
