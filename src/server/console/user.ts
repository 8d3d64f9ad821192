import type { PageRoute } from "./context.ts";
import { param } from "./context.ts";
import { html, path } from "./html.ts";
import { button, done, form, page, poolNav, whenSeconds } from "./layout.ts";
import type { Ctx } from "./pools.ts";
import { listAll, type Rec, text } from "./shared.ts";
import { statusBadge } from "./users.ts";

/**
 * One user: AdminGetUser, and every admin action on it, each one operation: AdminConfirmSignUp,
 * AdminDisableUser / AdminEnableUser, AdminResetUserPassword, AdminSetUserPassword,
 * AdminUserGlobalSignOut, AdminDeleteUser, AdminUpdateUserAttributes / AdminDeleteUserAttributes,
 * AdminAddUserToGroup / AdminRemoveUserFromGroup.
 */

const userPath = (poolId: string, username: string) => path`/console/pools/${poolId}/users/${username}`;

const show: PageRoute = {
  method: "GET",
  path: /^\/console\/pools\/([^/]+)\/users\/([^/]+)$/,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const username = param(m, 2);
    const u = await ctx.call<Rec>("AdminGetUser", { UserPoolId: poolId, Username: username });
    const attrs = (u.UserAttributes as { Name: string; Value?: string }[] | undefined) ?? [];
    const groups = await listAll(
      ctx,
      "AdminListGroupsForUser",
      { UserPoolId: poolId, Username: username },
      "Groups",
      "NextToken",
      "NextToken",
    );
    const all = await listAll(ctx, "ListGroups", { UserPoolId: poolId }, "Groups", "NextToken", "NextToken");
    const mine = new Set(groups.map((g) => String(g.GroupName)));
    const others = all.filter((g) => !mine.has(String(g.GroupName)));
    const base = userPath(poolId, String(u.Username));
    const mfa = (u.UserMFASettingList as string[] | undefined) ?? [];
    const body = html`
<dl class="kv"><dt>Status</dt><dd>${statusBadge(u)}</dd>
<dt>Created</dt><dd>${whenSeconds(u.UserCreateDate)}</dd><dt>Modified</dt><dd>${whenSeconds(u.UserLastModifiedDate)}</dd>
<dt>MFA</dt><dd>${mfa.length > 0 ? mfa.join(", ") : html`<span class="muted">none</span>`}${u.PreferredMfaSetting ? html` (preferred ${String(u.PreferredMfaSetting)})` : ""}</dd></dl>
<h2 id="actions-h">Actions</h2>
<p>${u.UserStatus === "UNCONFIRMED" ? button(ctx, `${base}/confirm`, "Confirm") : ""}${
      u.Enabled === false
        ? button(ctx, `${base}/enable`, "Enable")
        : button(ctx, `${base}/disable`, "Disable")
    }${button(ctx, `${base}/reset-password`, "Reset password", { confirm: "Reset this user's password? They will need a code to set a new one." })}${button(
      ctx,
      `${base}/sign-out`,
      "Sign out everywhere",
    )}${button(ctx, `${base}/delete`, "Delete user", { danger: true, confirm: `Delete user ${String(u.Username)}?` })}</p>
${form(
  ctx,
  `${base}/password`,
  html`<div class="row"><div><label for="set-password">New password</label><input id="set-password" name="Password" type="password" required autocomplete="new-password"></div></div>
<label class="check"><input type="checkbox" name="Permanent"> Permanent (otherwise the user must change it at the next sign-in)</label>
<button type="submit">Set password</button>`,
  { label: "Set password" },
)}
<h2 id="attributes-h">Attributes</h2>
<div class="scroll"><table><thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col"><span class="muted">Action</span></th></tr></thead>
<tbody>${attrs.map(
      (a) =>
        html`<tr><td><code>${a.Name}</code></td><td class="mono">${a.Value ?? ""}</td><td>${
          a.Name === "sub"
            ? ""
            : button(ctx, `${base}/attributes/delete`, "Delete", {
                fields: { name: a.Name },
                confirm: `Delete attribute ${a.Name}?`,
              })
        }</td></tr>`,
    )}</tbody></table></div>
${form(
  ctx,
  `${base}/attributes`,
  html`<div class="row"><div><label for="attr-name">Attribute name</label><input id="attr-name" name="name" type="text" required placeholder="email, custom:plan, …" autocomplete="off"></div>
<div><label for="attr-value">Value</label><input id="attr-value" name="value" type="text" autocomplete="off"></div></div>
<button type="submit">Save attribute</button>`,
  { label: "Set an attribute" },
)}
<h2 id="groups-h">Groups</h2>
<ul>${
      groups.length === 0
        ? html`<li class="muted">In no group.</li>`
        : groups.map(
            (g) =>
              html`<li><a href="${path`/console/pools/${poolId}/groups/${String(g.GroupName)}`}">${String(g.GroupName)}</a> ${button(
                ctx,
                `${base}/groups/remove`,
                "Remove",
                { fields: { group: String(g.GroupName) } },
              )}</li>`,
          )
    }</ul>
${
  others.length > 0
    ? form(
        ctx,
        `${base}/groups/add`,
        html`<label for="add-group">Add to group</label><select id="add-group" name="group">${others.map(
          (g) => html`<option>${String(g.GroupName)}</option>`,
        )}</select> <button type="submit">Add</button>`,
        { label: "Add to a group" },
      )
    : ""
}`;
    return { body: page(ctx, `User ${String(u.Username)}`, body, { nav: poolNav(poolId, "users") }) };
  },
};

/** A POST on a user that is one operation with the pool and username, then back to the user (or the list). */
function action(
  suffix: string,
  op: string,
  ok: string,
  extra: (ctx: Ctx) => Rec = () => ({}),
  after: "user" | "list" = "user",
): PageRoute {
  return {
    method: "POST",
    path: new RegExp(`^/console/pools/([^/]+)/users/([^/]+)/${suffix}$`),
    back: (m) => userPath(param(m, 1), param(m, 2)),
    async handle(ctx, m) {
      const poolId = param(m, 1);
      const username = param(m, 2);
      await ctx.call(op, { UserPoolId: poolId, Username: username, ...extra(ctx) });
      return done(after === "user" ? userPath(poolId, username) : path`/console/pools/${poolId}/users`, ok);
    },
  };
}

export const userRoutes: PageRoute[] = [
  show,
  action("confirm", "AdminConfirmSignUp", "user-confirmed"),
  action("disable", "AdminDisableUser", "user-disabled"),
  action("enable", "AdminEnableUser", "user-enabled"),
  action("reset-password", "AdminResetUserPassword", "user-reset"),
  action("sign-out", "AdminUserGlobalSignOut", "user-signed-out"),
  action("delete", "AdminDeleteUser", "user-deleted", undefined, "list"),
  action("password", "AdminSetUserPassword", "user-password", (ctx) => ({
    Password: ctx.form.get("Password") ?? "",
    Permanent: ctx.form.get("Permanent") === "on",
  })),
  action("attributes", "AdminUpdateUserAttributes", "attributes-updated", (ctx) => ({
    UserAttributes: [{ Name: text(ctx, "name"), Value: ctx.form.get("value") ?? "" }],
  })),
  action("attributes/delete", "AdminDeleteUserAttributes", "attributes-deleted", (ctx) => ({
    UserAttributeNames: [text(ctx, "name")],
  })),
  action("groups/add", "AdminAddUserToGroup", "group-added", (ctx) => ({ GroupName: text(ctx, "group") })),
  action("groups/remove", "AdminRemoveUserFromGroup", "group-removed", (ctx) => ({
    GroupName: text(ctx, "group"),
  })),
];
