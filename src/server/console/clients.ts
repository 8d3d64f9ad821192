import { EXPLICIT_AUTH_FLOWS } from "../../domain/pools/client-settings.ts";
import type { PageRoute } from "./context.ts";
import { param } from "./context.ts";
import { type Html, html, path } from "./html.ts";
import { allSettingsForm, button, done, form, page, poolNav, whenSeconds } from "./layout.ts";
import type { Ctx } from "./pools.ts";
import { peeBadge } from "./pools.ts";
import {
  checked,
  currentClientSettings,
  describeClient,
  describedClients,
  describePool,
  intField,
  parseJsonField,
  type Rec,
  text,
} from "./shared.ts";

/**
 * App clients: the list with each one's PreventUserExistenceErrors, create, edit, delete. A client
 * secret is shown only in the answer to a POST ("Show secret"), never in a URL and never on the GET
 * page, and that answer is not cached (docs/console.md#app-clients).
 */

const FLOWS = EXPLICIT_AUTH_FLOWS.filter((f) => f.startsWith("ALLOW_"));

const flowBoxes = (selected: readonly string[]) =>
  html`<fieldset><legend>Explicit auth flows</legend>${FLOWS.map(
    (f) =>
      html`<label class="check"><input type="checkbox" name="flow" value="${f}"${selected.includes(f) ? html` checked` : ""}> ${f}</label>`,
  )}</fieldset>`;

const peeChoice = (current: string) => html`
<fieldset class="prominent"><legend>PreventUserExistenceErrors</legend>
<label class="check"><input type="radio" name="PreventUserExistenceErrors" value="ENABLED"${current === "ENABLED" ? html` checked` : ""}> ENABLED — unknown names get the same answers as wrong passwords and codes</label>
<label class="check"><input type="radio" name="PreventUserExistenceErrors" value="LEGACY"${current !== "ENABLED" ? html` checked` : ""}> LEGACY — UserNotFoundException and friends reveal whether a user exists</label>
</fieldset>`;

const list: PageRoute = {
  method: "GET",
  path: /^\/console\/pools\/([^/]+)\/clients$/,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const pool = await describePool(ctx, poolId);
    const described = await describedClients(ctx, poolId);
    const body = html`
<div class="scroll"><table><caption class="muted">${described.length} app client(s)</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Client id</th><th scope="col">PreventUserExistenceErrors</th><th scope="col">Secret</th></tr></thead>
<tbody>${described.map(
      (
        c,
      ) => html`<tr><td><a href="${path`/console/pools/${poolId}/clients/${String(c.ClientId)}`}">${String(c.ClientName)}</a></td>
<td><code>${String(c.ClientId)}</code></td><td>${peeBadge(c.PreventUserExistenceErrors)}</td><td>${c.ClientSecret ? "yes" : "no"}</td></tr>`,
    )}</tbody></table></div>
<h2 id="create-client">Create an app client</h2>
${form(
  ctx,
  path`/console/pools/${poolId}/clients`,
  html`<label for="client-name">Client name</label><input id="client-name" name="ClientName" type="text" required maxlength="128" autocomplete="off">
${peeChoice("ENABLED")}
${flowBoxes(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])}
<label class="check"><input type="checkbox" name="GenerateSecret"> Generate a client secret</label>
<button type="submit">Create app client</button>`,
  { label: "Create an app client" },
)}`;
    return {
      body: page(ctx, `App clients of ${String(pool.Name)}`, body, { nav: poolNav(poolId, "clients") }),
    };
  },
};

const create: PageRoute = {
  method: "POST",
  path: /^\/console\/pools\/([^/]+)\/clients$/,
  back: (m) => path`/console/pools/${param(m, 1)}/clients`,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const out = await ctx.call<{ UserPoolClient: Rec }>("CreateUserPoolClient", {
      UserPoolId: poolId,
      ClientName: text(ctx, "ClientName"),
      PreventUserExistenceErrors: text(ctx, "PreventUserExistenceErrors") || "ENABLED",
      ExplicitAuthFlows: ctx.form.getAll("flow"),
      GenerateSecret: checked(ctx, "GenerateSecret"),
    });
    return done(
      path`/console/pools/${poolId}/clients/${String(out.UserPoolClient.ClientId)}`,
      "client-created",
    );
  },
};

async function detail(ctx: Ctx, poolId: string, clientId: string, reveal: boolean): Promise<Html> {
  const c = await describeClient(ctx, poolId, clientId);
  const base = path`/console/pools/${poolId}/clients/${clientId}`;
  const secret = c.ClientSecret ? String(c.ClientSecret) : null;
  const secretRow = secret
    ? reveal
      ? html`<code id="client-secret">${secret}</code> <button type="button" class="secondary" data-copy="client-secret">Copy</button>`
      : form(ctx, `${base}/secret`, html`<button type="submit" class="secondary">Show secret</button>`, {
          cls: "inline",
        })
    : html`<span class="muted">none</span>`;
  const flows = (c.ExplicitAuthFlows as string[] | undefined) ?? [];
  const units = (c.TokenValidityUnits as Rec | undefined) ?? {};
  const body = html`
<dl class="kv"><dt>Client id</dt><dd><code>${clientId}</code></dd><dt>Client secret</dt><dd>${secretRow}</dd>
<dt>PreventUserExistenceErrors</dt><dd>${peeBadge(c.PreventUserExistenceErrors)}</dd>
<dt>Auth flows</dt><dd>${flows.join(", ")}</dd>
<dt>Token validity</dt><dd>access ${String(c.AccessTokenValidity ?? "")} ${String(units.AccessToken ?? "hours")}, ID ${String(c.IdTokenValidity ?? "")} ${String(units.IdToken ?? "hours")}, refresh ${String(c.RefreshTokenValidity ?? "")} ${String(units.RefreshToken ?? "days")}</dd>
<dt>Created</dt><dd>${whenSeconds(c.CreationDate)}</dd><dt>Modified</dt><dd>${whenSeconds(c.LastModifiedDate)}</dd></dl>
<h2 id="edit-h">Edit</h2>
${form(
  ctx,
  `${base}/update`,
  html`<label for="client-name">Client name</label><input id="client-name" name="ClientName" type="text" required maxlength="128" value="${String(c.ClientName ?? "")}">
${peeChoice(String(c.PreventUserExistenceErrors ?? "LEGACY"))}
${flowBoxes(flows)}
<div class="row"><div><label for="access-v">Access token validity (${String(units.AccessToken ?? "hours")})</label><input id="access-v" name="AccessTokenValidity" type="number" min="1" value="${String(c.AccessTokenValidity ?? "")}"></div>
<div><label for="id-v">ID token validity (${String(units.IdToken ?? "hours")})</label><input id="id-v" name="IdTokenValidity" type="number" min="1" value="${String(c.IdTokenValidity ?? "")}"></div>
<div><label for="refresh-v">Refresh token validity (${String(units.RefreshToken ?? "days")})</label><input id="refresh-v" name="RefreshTokenValidity" type="number" min="0" value="${String(c.RefreshTokenValidity ?? "")}"></div></div>
<label class="check"><input type="checkbox" name="EnableTokenRevocation"${c.EnableTokenRevocation ? html` checked` : ""}> Token revocation</label>
<button type="submit">Save app client</button>`,
  { label: "Edit app client" },
)}
${allSettingsForm(ctx, {
  operation: "UpdateUserPoolClient",
  note: "UpdateUserPoolClient replaces every setting: one left out goes back to its default.",
  action: `${base}/update-json`,
  id: "client-json",
  rows: 14,
  settings: currentClientSettings(c),
  label: "All app client settings",
})}
<h2 id="delete-h">Delete</h2>
${button(ctx, `${base}/delete`, "Delete this app client", { danger: true, confirm: `Delete app client ${String(c.ClientName)}?` })}`;
  return page(ctx, `App client ${String(c.ClientName)}`, body, { nav: poolNav(poolId, "clients") });
}

const show: PageRoute = {
  method: "GET",
  path: /^\/console\/pools\/([^/]+)\/clients\/([^/]+)$/,
  async handle(ctx, m) {
    return { body: await detail(ctx, param(m, 1), param(m, 2), false) };
  },
};

const reveal: PageRoute = {
  method: "POST",
  path: /^\/console\/pools\/([^/]+)\/clients\/([^/]+)\/secret$/,
  back: (m) => path`/console/pools/${param(m, 1)}/clients/${param(m, 2)}`,
  async handle(ctx, m) {
    return { body: await detail(ctx, param(m, 1), param(m, 2), true) };
  },
};

const update: PageRoute = {
  method: "POST",
  path: /^\/console\/pools\/([^/]+)\/clients\/([^/]+)\/update$/,
  back: (m) => path`/console/pools/${param(m, 1)}/clients/${param(m, 2)}`,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const clientId = param(m, 2);
    const current = currentClientSettings(await describeClient(ctx, poolId, clientId));
    await ctx.call("UpdateUserPoolClient", {
      ...current,
      UserPoolId: poolId,
      ClientId: clientId,
      ClientName: text(ctx, "ClientName"),
      PreventUserExistenceErrors: text(ctx, "PreventUserExistenceErrors") || "LEGACY",
      ExplicitAuthFlows: ctx.form.getAll("flow"),
      AccessTokenValidity: intField(ctx, "AccessTokenValidity"),
      IdTokenValidity: intField(ctx, "IdTokenValidity"),
      RefreshTokenValidity: intField(ctx, "RefreshTokenValidity"),
      EnableTokenRevocation: checked(ctx, "EnableTokenRevocation"),
    });
    return done(path`/console/pools/${poolId}/clients/${clientId}`, "client-updated");
  },
};

const updateJson: PageRoute = {
  method: "POST",
  path: /^\/console\/pools\/([^/]+)\/clients\/([^/]+)\/update-json$/,
  back: (m) => path`/console/pools/${param(m, 1)}/clients/${param(m, 2)}`,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const clientId = param(m, 2);
    await ctx.call("UpdateUserPoolClient", {
      ...parseJsonField(ctx, "settings"),
      UserPoolId: poolId,
      ClientId: clientId,
    });
    return done(path`/console/pools/${poolId}/clients/${clientId}`, "client-updated");
  },
};

const remove: PageRoute = {
  method: "POST",
  path: /^\/console\/pools\/([^/]+)\/clients\/([^/]+)\/delete$/,
  back: (m) => path`/console/pools/${param(m, 1)}/clients/${param(m, 2)}`,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    await ctx.call("DeleteUserPoolClient", { UserPoolId: poolId, ClientId: param(m, 2) });
    return done(path`/console/pools/${poolId}/clients`, "client-deleted");
  },
};

export const clientRoutes: PageRoute[] = [list, create, show, reveal, update, updateJson, remove];
