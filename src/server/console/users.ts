import { CognitoError } from "../../domain/errors/index.ts";
import type { PageRoute } from "./context.ts";
import { param } from "./context.ts";
import { html, path } from "./html.ts";
import { done, form, page, poolNav, whenSeconds } from "./layout.ts";
import { checked, describePool, type Rec, text } from "./shared.ts";

/**
 * The users of a pool: ListUsers with its filter grammar (`email ^= "ali"`, `status = "Enabled"`,
 * docs/admin-users.md), a page at a time, and AdminCreateUser. The filter and the page token are
 * in the URL (GET, bookmarkable; neither is a secret); a temporary password only ever in a POST body.
 */

export const attr = (u: Rec, name: string): string =>
  ((u.Attributes ?? u.UserAttributes) as { Name: string; Value?: string }[] | undefined)?.find(
    (a) => a.Name === name,
  )?.Value ?? "";

export const statusBadge = (u: Rec) =>
  html`${u.Enabled === false ? html`<span class="badge bad">Disabled</span> ` : ""}<span class="badge ${
    u.UserStatus === "CONFIRMED" ? "ok" : "muted"
  }">${String(u.UserStatus ?? "")}</span>`;

const list: PageRoute = {
  method: "GET",
  path: /^\/console\/pools\/([^/]+)\/users$/,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const pool = await describePool(ctx, poolId);
    const filter = ctx.url.searchParams.get("filter") ?? "";
    const token = ctx.url.searchParams.get("page") ?? "";
    const base = path`/console/pools/${poolId}/users`;
    let users: Rec[] = [];
    let next: string | undefined;
    let error: string | undefined;
    try {
      const out = await ctx.call<{ Users: Rec[]; PaginationToken?: string }>("ListUsers", {
        UserPoolId: poolId,
        Limit: 25,
        ...(filter ? { Filter: filter } : {}),
        ...(token ? { PaginationToken: token } : {}),
      });
      users = out.Users;
      next = out.PaginationToken;
    } catch (e) {
      // A filter ListUsers refuses is shown next to the filter, with the API's own words.
      if (!(e instanceof CognitoError)) throw e;
      error = `${e.type}: ${e.message}`;
    }
    const q = (extra: Record<string, string>) =>
      `${base}?${new URLSearchParams({ ...(filter ? { filter } : {}), ...extra })}`;
    const body = html`
<form method="get" action="${base}" class="card" role="search" aria-label="Find users">
<label for="filter">Filter (ListUsers grammar)</label>
<input id="filter" name="filter" type="search" value="${filter}" placeholder='email ^= "alice"' aria-describedby="filter-help" autocomplete="off">
<p id="filter-help" class="muted"><code>attribute = "value"</code> or <code>attribute ^= "prefix"</code> on username, email, phone_number, name, given_name, family_name, preferred_username, cognito:user_status, status, sub.</p>
<button type="submit">Search</button>${filter ? html` <a href="${base}">Clear</a>` : ""}</form>
<div class="scroll"><table><caption class="muted">${users.length} user(s) on this page</caption>
<thead><tr><th scope="col">Username</th><th scope="col">Email</th><th scope="col">Phone</th><th scope="col">Status</th><th scope="col">Created</th></tr></thead>
<tbody>${users.map(
      (
        u,
      ) => html`<tr><td><a href="${path`/console/pools/${poolId}/users/${String(u.Username)}`}">${String(u.Username)}</a></td>
<td>${attr(u, "email")}</td><td>${attr(u, "phone_number")}</td><td>${statusBadge(u)}</td><td>${whenSeconds(u.UserCreateDate)}</td></tr>`,
    )}</tbody></table></div>
<p>${token ? html`<a href="${q({})}">First page</a> ` : ""}${next ? html`<a href="${q({ page: next })}" rel="next">Next page</a>` : ""}</p>
<h2 id="create-user">Create a user</h2>
${form(
  ctx,
  base,
  html`<div class="row"><div><label for="new-username">Username</label><input id="new-username" name="Username" type="text" required maxlength="128" autocomplete="off"></div>
<div><label for="new-email">Email</label><input id="new-email" name="email" type="text" inputmode="email" autocomplete="off"></div>
<div><label for="new-phone">Phone number</label><input id="new-phone" name="phone_number" type="text" inputmode="tel" placeholder="+15555550100" autocomplete="off"></div></div>
<div class="row"><div><label for="new-temp">Temporary password (blank: generated)</label><input id="new-temp" name="TemporaryPassword" type="password" autocomplete="new-password"></div></div>
<label class="check"><input type="checkbox" name="emailVerified"> Mark the email address verified</label>
<label class="check"><input type="checkbox" name="suppress"> Do not send the invitation (MessageAction SUPPRESS)</label>
<button type="submit">Create user</button>`,
  { label: "Create a user" },
)}`;
    return {
      body: page(ctx, `Users of ${String(pool.Name)}`, body, {
        nav: poolNav(poolId, "users"),
        ...(error ? { error } : {}),
      }),
    };
  },
};

const create: PageRoute = {
  method: "POST",
  path: /^\/console\/pools\/([^/]+)\/users$/,
  back: (m) => path`/console/pools/${param(m, 1)}/users`,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const attributes = [
      ...(text(ctx, "email") ? [{ Name: "email", Value: text(ctx, "email") }] : []),
      ...(text(ctx, "phone_number") ? [{ Name: "phone_number", Value: text(ctx, "phone_number") }] : []),
      ...(checked(ctx, "emailVerified") ? [{ Name: "email_verified", Value: "true" }] : []),
    ];
    const temp = ctx.form.get("TemporaryPassword") ?? "";
    const out = await ctx.call<{ User: Rec }>("AdminCreateUser", {
      UserPoolId: poolId,
      Username: text(ctx, "Username"),
      ...(attributes.length > 0 ? { UserAttributes: attributes } : {}),
      ...(temp ? { TemporaryPassword: temp } : {}),
      ...(checked(ctx, "suppress") ? { MessageAction: "SUPPRESS" } : {}),
    });
    return done(path`/console/pools/${poolId}/users/${String(out.User.Username)}`, "user-created");
  },
};

export const userListRoutes: PageRoute[] = [list, create];
