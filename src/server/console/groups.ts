import type { PageRoute } from "./context.ts";
import { param } from "./context.ts";
import { html, path } from "./html.ts";
import { button, done, form, page, poolNav } from "./layout.ts";
import type { Ctx } from "./pools.ts";
import { describePool, intField, listAll, type Rec, text } from "./shared.ts";
import { statusBadge } from "./users.ts";

/** Groups: ListGroups, CreateGroup, GetGroup with ListUsersInGroup, UpdateGroup, DeleteGroup. */

const groupFields = (g: Rec) => html`<div class="row">
<div><label for="g-desc">Description</label><input id="g-desc" name="Description" type="text" maxlength="2048" value="${String(g.Description ?? "")}"></div>
<div><label for="g-prec">Precedence</label><input id="g-prec" name="Precedence" type="number" min="0" value="${g.Precedence === undefined ? "" : String(g.Precedence)}"></div>
<div><label for="g-role">Role ARN</label><input id="g-role" name="RoleArn" type="text" value="${String(g.RoleArn ?? "")}"></div></div>`;

const fieldsOf = (ctx: Ctx): Rec => {
  const precedence = intField(ctx, "Precedence");
  return {
    ...(text(ctx, "Description") ? { Description: text(ctx, "Description") } : {}),
    ...(precedence !== undefined ? { Precedence: precedence } : {}),
    ...(text(ctx, "RoleArn") ? { RoleArn: text(ctx, "RoleArn") } : {}),
  };
};

const list: PageRoute = {
  method: "GET",
  path: /^\/console\/pools\/([^/]+)\/groups$/,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const pool = await describePool(ctx, poolId);
    const groups = await listAll(
      ctx,
      "ListGroups",
      { UserPoolId: poolId },
      "Groups",
      "NextToken",
      "NextToken",
    );
    const body = html`
<div class="scroll"><table><caption class="muted">${groups.length} group(s)</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Description</th><th scope="col">Precedence</th></tr></thead>
<tbody>${groups.map(
      (
        g,
      ) => html`<tr><td><a href="${path`/console/pools/${poolId}/groups/${String(g.GroupName)}`}">${String(g.GroupName)}</a></td>
<td>${String(g.Description ?? "")}</td><td>${g.Precedence === undefined ? "" : String(g.Precedence)}</td></tr>`,
    )}</tbody></table></div>
<h2 id="create-group">Create a group</h2>
${form(
  ctx,
  path`/console/pools/${poolId}/groups`,
  html`<label for="g-name">Group name</label><input id="g-name" name="GroupName" type="text" required maxlength="128" autocomplete="off">
${groupFields({})}<button type="submit">Create group</button>`,
  { label: "Create a group" },
)}`;
    return { body: page(ctx, `Groups of ${String(pool.Name)}`, body, { nav: poolNav(poolId, "groups") }) };
  },
};

const create: PageRoute = {
  method: "POST",
  path: /^\/console\/pools\/([^/]+)\/groups$/,
  back: (m) => path`/console/pools/${param(m, 1)}/groups`,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const name = text(ctx, "GroupName");
    await ctx.call("CreateGroup", { UserPoolId: poolId, GroupName: name, ...fieldsOf(ctx) });
    return done(path`/console/pools/${poolId}/groups/${name}`, "group-created");
  },
};

const show: PageRoute = {
  method: "GET",
  path: /^\/console\/pools\/([^/]+)\/groups\/([^/]+)$/,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const name = param(m, 2);
    const g = (await ctx.call<{ Group: Rec }>("GetGroup", { UserPoolId: poolId, GroupName: name })).Group;
    const members = await listAll(
      ctx,
      "ListUsersInGroup",
      { UserPoolId: poolId, GroupName: name },
      "Users",
      "NextToken",
      "NextToken",
    );
    const base = path`/console/pools/${poolId}/groups/${name}`;
    const body = html`
<h2 id="members-h">Members</h2>
<div class="scroll"><table><caption class="muted">${members.length} member(s)</caption>
<thead><tr><th scope="col">Username</th><th scope="col">Status</th></tr></thead>
<tbody>${members.map(
      (u) =>
        html`<tr><td><a href="${path`/console/pools/${poolId}/users/${String(u.Username)}`}">${String(u.Username)}</a></td><td>${statusBadge(u)}</td></tr>`,
    )}</tbody></table></div>
<h2 id="edit-h">Edit</h2>
${form(ctx, `${base}/update`, html`${groupFields(g)}<button type="submit">Save group</button>`, { label: "Edit group" })}
${button(ctx, `${base}/delete`, "Delete this group", { danger: true, confirm: `Delete group ${name}?` })}`;
    return { body: page(ctx, `Group ${name}`, body, { nav: poolNav(poolId, "groups") }) };
  },
};

const update: PageRoute = {
  method: "POST",
  path: /^\/console\/pools\/([^/]+)\/groups\/([^/]+)\/update$/,
  back: (m) => path`/console/pools/${param(m, 1)}/groups/${param(m, 2)}`,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const name = param(m, 2);
    await ctx.call("UpdateGroup", { UserPoolId: poolId, GroupName: name, ...fieldsOf(ctx) });
    return done(path`/console/pools/${poolId}/groups/${name}`, "group-updated");
  },
};

const remove: PageRoute = {
  method: "POST",
  path: /^\/console\/pools\/([^/]+)\/groups\/([^/]+)\/delete$/,
  back: (m) => path`/console/pools/${param(m, 1)}/groups/${param(m, 2)}`,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    await ctx.call("DeleteGroup", { UserPoolId: poolId, GroupName: param(m, 2) });
    return done(path`/console/pools/${poolId}/groups`, "group-deleted");
  },
};

export const groupRoutes: PageRoute[] = [list, create, show, update, remove];
