import type { Ctx, PageRoute } from "./context.ts";
import { param } from "./context.ts";
import { html, path } from "./html.ts";
import { allSettingsForm, button, done, form, page, poolNav, whenSeconds } from "./layout.ts";
import {
  checked,
  currentSettings,
  describedClients,
  describePool,
  intField,
  parseJsonField,
  type Rec,
  taggedProfile,
  text,
  visiblePools,
  withProfile,
} from "./shared.ts";

/** The pools page (list, create) and a pool's settings page (edit, delete). */

const profileSelect = (current: string | null, serverDefault: string) => html`
<label for="profile">Existence profile</label>
<select id="profile" name="profile" aria-describedby="profile-help">
  <option value=""${current === null ? html` selected` : ""}>Server default (${serverDefault})</option>
  <option value="cognito"${current === "cognito" ? html` selected` : ""}>cognito — Cognito's documented answers</option>
  <option value="strict"${current === "strict" ? html` selected` : ""}>strict — no difference between known and unknown names</option>
</select>
<p id="profile-help" class="muted">Kept as the pool tag <code>hushpool:existence-profile</code> (docs/existence.md).</p>`;

const list: PageRoute = {
  method: "GET",
  path: /^\/console\/pools$/,
  async handle(ctx) {
    const pools = await visiblePools(ctx);
    const rows = pools.map(
      (p) => html`<tr><td><a href="${path`/console/pools/${String(p.Id)}`}">${String(p.Name)}</a></td>
<td><code>${String(p.Id)}</code></td><td>${whenSeconds(p.CreationDate)}</td></tr>`,
    );
    const body = html`
<div class="scroll"><table><caption class="muted">${pools.length} user pool(s)</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Created</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<h2 id="create-pool">Create a user pool</h2>
${form(
  ctx,
  "/console/pools",
  html`<div class="row"><div><label for="pool-name">Pool name</label>
<input id="pool-name" name="PoolName" type="text" required maxlength="128" autocomplete="off"></div>
<div><label for="username-attrs">Sign-in names</label><select id="username-attrs" name="UsernameAttributes">
<option value="">Username (with optional aliases later)</option><option value="email">Email address as username</option>
<option value="phone_number">Phone number as username</option><option value="email,phone_number">Email or phone as username</option></select></div></div>
<label class="check"><input type="checkbox" name="autoVerifyEmail" checked> Send email verification codes (AutoVerifiedAttributes: email)</label>
${profileSelect(null, ctx.services.config.existenceProfile)}
<button type="submit">Create user pool</button>`,
  { label: "Create a user pool" },
)}`;
    return { body: page(ctx, "User pools", body) };
  },
};

const create: PageRoute = {
  method: "POST",
  path: /^\/console\/pools$/,
  back: () => "/console/pools",
  async handle(ctx) {
    const names = text(ctx, "UsernameAttributes");
    const tags = withProfile({}, text(ctx, "profile"));
    const out = await ctx.call<{ UserPool: Rec }>("CreateUserPool", {
      PoolName: text(ctx, "PoolName"),
      ...(names ? { UsernameAttributes: names.split(",") } : {}),
      ...(checked(ctx, "autoVerifyEmail") ? { AutoVerifiedAttributes: ["email"] } : {}),
      ...(Object.keys(tags).length > 0 ? { UserPoolTags: tags } : {}),
    });
    return done(path`/console/pools/${String(out.UserPool.Id)}`, "pool-created");
  },
};

const yesNo = (v: unknown) => (v ? "yes" : "no");

const settings: PageRoute = {
  method: "GET",
  path: /^\/console\/pools\/([^/]+)$/,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const pool = await describePool(ctx, poolId);
    const described = await describedClients(ctx, poolId, 60);
    const profile = taggedProfile(pool);
    const effective = profile ?? ctx.services.config.existenceProfile;
    const policy = ((pool.Policies as Rec | undefined)?.PasswordPolicy as Rec | undefined) ?? {};
    const admin = (pool.AdminCreateUserConfig as Rec | undefined) ?? {};
    const auto = (pool.AutoVerifiedAttributes as string[] | undefined) ?? [];
    const base = path`/console/pools/${poolId}`;
    const body = html`
<section class="prominent" aria-labelledby="existence-h">
<h2 id="existence-h">User existence</h2>
<p class="big">Existence profile: <strong>${effective}</strong>${profile === null ? html` <span class="muted">(server default)</span>` : ""}</p>
<div class="scroll"><table><caption class="muted">PreventUserExistenceErrors per app client</caption>
<thead><tr><th scope="col">App client</th><th scope="col">PreventUserExistenceErrors</th></tr></thead><tbody>${
      described.length === 0
        ? html`<tr><td colspan="2" class="muted">No app clients yet.</td></tr>`
        : described.map(
            (
              c,
            ) => html`<tr><td><a href="${path`/console/pools/${poolId}/clients/${String(c.ClientId)}`}">${String(c.ClientName)}</a></td>
<td>${peeBadge(c.PreventUserExistenceErrors)}</td></tr>`,
          )
    }</tbody></table></div></section>
<dl class="kv"><dt>Id</dt><dd><code>${poolId}</code></dd><dt>ARN</dt><dd><code>${String(pool.Arn ?? "")}</code></dd>
<dt>Estimated users</dt><dd>${String(pool.EstimatedNumberOfUsers ?? 0)}</dd>
<dt>Sign-in names</dt><dd>${((pool.UsernameAttributes as string[] | undefined) ?? ["username"]).join(", ")}${
      pool.AliasAttributes ? html` (aliases: ${(pool.AliasAttributes as string[]).join(", ")})` : ""
    }</dd><dt>Created</dt><dd>${whenSeconds(pool.CreationDate)}</dd><dt>Modified</dt><dd>${whenSeconds(pool.LastModifiedDate)}</dd></dl>
<h2 id="common-h">Common settings</h2>
${form(
  ctx,
  `${base}/settings`,
  html`${profileSelect(profile, ctx.services.config.existenceProfile)}
<fieldset><legend>Password policy</legend><div class="row">
<div><label for="minlen">Minimum length</label><input id="minlen" name="MinimumLength" type="number" min="6" max="99" value="${String(policy.MinimumLength ?? 8)}"></div>
<div><label for="tempdays">Temporary password validity (days)</label><input id="tempdays" name="TemporaryPasswordValidityDays" type="number" min="0" max="365" value="${String(policy.TemporaryPasswordValidityDays ?? 7)}"></div></div>
${["RequireUppercase", "RequireLowercase", "RequireNumbers", "RequireSymbols"].map(
  (k) =>
    html`<label class="check"><input type="checkbox" name="${k}"${policy[k] ? html` checked` : ""}> ${k}</label>`,
)}</fieldset>
<label class="check"><input type="checkbox" name="autoEmail"${auto.includes("email") ? html` checked` : ""}> Verify email addresses (AutoVerifiedAttributes: email)</label>
<label class="check"><input type="checkbox" name="autoPhone"${auto.includes("phone_number") ? html` checked` : ""}> Verify phone numbers (AutoVerifiedAttributes: phone_number)</label>
<label class="check"><input type="checkbox" name="adminOnly"${admin.AllowAdminCreateUserOnly ? html` checked` : ""}> Only administrators create users (AllowAdminCreateUserOnly)</label>
<label class="check"><input type="checkbox" name="deletionProtection"${pool.DeletionProtection === "ACTIVE" ? html` checked` : ""}> Deletion protection</label>
<label for="mfa">MFA</label><select id="mfa" name="MfaConfiguration">${["OFF", "OPTIONAL", "ON"].map(
    (v) => html`<option${pool.MfaConfiguration === v ? html` selected` : ""}>${v}</option>`,
  )}</select>
<button type="submit">Save settings</button>`,
  { label: "Common settings" },
)}
${allSettingsForm(ctx, {
  operation: "UpdateUserPool",
  note: "Every setting UpdateUserPool accepts, as JSON. UpdateUserPool replaces them all: a setting left out goes back to its default.",
  action: `${base}/settings-json`,
  id: "settings-json",
  rows: 18,
  settings: currentSettings(pool),
  label: "All settings",
})}
<h2 id="danger-h">Delete</h2>
<p>Deleting the pool deletes its users, groups and app clients. ${yesNo(pool.DeletionProtection === "ACTIVE") === "yes" ? "Deletion protection is on: turn it off first." : ""}</p>
${button(ctx, `${base}/delete`, "Delete this user pool", { danger: true, confirm: `Delete user pool ${String(pool.Name)} and all its users?` })}`;
    return { body: page(ctx, String(pool.Name), body, { nav: poolNav(poolId, "settings") }) };
  },
};

export const peeBadge = (v: unknown) =>
  v === "ENABLED"
    ? html`<span class="badge ok">ENABLED</span>`
    : html`<span class="badge warn">${String(v ?? "LEGACY")}</span> <span class="muted">errors reveal whether a user exists</span>`;

const saveCommon: PageRoute = {
  method: "POST",
  path: /^\/console\/pools\/([^/]+)\/settings$/,
  back: (m) => path`/console/pools/${param(m, 1)}`,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const pool = await describePool(ctx, poolId);
    const current = currentSettings(pool);
    const policies = (current.Policies as Rec | undefined) ?? {};
    const auto = [
      ...(checked(ctx, "autoEmail") ? ["email"] : []),
      ...(checked(ctx, "autoPhone") ? ["phone_number"] : []),
    ];
    await ctx.call("UpdateUserPool", {
      ...current,
      UserPoolId: poolId,
      UserPoolTags: withProfile(
        current.UserPoolTags as Record<string, string> | undefined,
        text(ctx, "profile"),
      ),
      Policies: {
        ...policies,
        PasswordPolicy: {
          ...((policies.PasswordPolicy as Rec | undefined) ?? {}),
          MinimumLength: intField(ctx, "MinimumLength"),
          TemporaryPasswordValidityDays: intField(ctx, "TemporaryPasswordValidityDays"),
          RequireUppercase: checked(ctx, "RequireUppercase"),
          RequireLowercase: checked(ctx, "RequireLowercase"),
          RequireNumbers: checked(ctx, "RequireNumbers"),
          RequireSymbols: checked(ctx, "RequireSymbols"),
        },
      },
      AutoVerifiedAttributes: auto,
      AdminCreateUserConfig: {
        ...((current.AdminCreateUserConfig as Rec | undefined) ?? {}),
        AllowAdminCreateUserOnly: checked(ctx, "adminOnly"),
      },
      DeletionProtection: checked(ctx, "deletionProtection") ? "ACTIVE" : "INACTIVE",
      MfaConfiguration: text(ctx, "MfaConfiguration") || "OFF",
    });
    return done(path`/console/pools/${poolId}`, "pool-updated");
  },
};

const saveJson: PageRoute = {
  method: "POST",
  path: /^\/console\/pools\/([^/]+)\/settings-json$/,
  back: (m) => path`/console/pools/${param(m, 1)}`,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    await ctx.call("UpdateUserPool", { ...parseJsonField(ctx, "settings"), UserPoolId: poolId });
    return done(path`/console/pools/${poolId}`, "pool-updated");
  },
};

const remove: PageRoute = {
  method: "POST",
  path: /^\/console\/pools\/([^/]+)\/delete$/,
  back: (m) => path`/console/pools/${param(m, 1)}`,
  async handle(ctx, m) {
    await ctx.call("DeleteUserPool", { UserPoolId: param(m, 1) });
    return done("/console/pools", "pool-deleted");
  },
};

export const poolRoutes: PageRoute[] = [list, create, settings, saveCommon, saveJson, remove];
export type { Ctx };
