import type { PageRoute } from "./context.ts";
import { param } from "./context.ts";
import { html, path } from "./html.ts";
import { done, form, page, poolNav, when } from "./layout.ts";
import { currentSettings, describePool, type Rec, text } from "./shared.ts";

/**
 * Triggers: the pool's LambdaConfig (saved with UpdateUserPool, every other setting sent as it is)
 * and the last calls this node made, from the in-memory ring in src/triggers/recent.ts.
 */
const TRIGGERS = [
  "PreSignUp",
  "CustomMessage",
  "PostConfirmation",
  "PreAuthentication",
  "PostAuthentication",
  "DefineAuthChallenge",
  "CreateAuthChallenge",
  "VerifyAuthChallengeResponse",
  "PreTokenGeneration",
  "UserMigration",
] as const;

const OUTCOME: Record<string, string> = {
  returned: "ok",
  functionError: "bad",
  invocationFailed: "bad",
  nonJson: "warn",
};

const show: PageRoute = {
  method: "GET",
  path: /^\/console\/pools\/([^/]+)\/triggers$/,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const pool = await describePool(ctx, poolId);
    const lc = (pool.LambdaConfig as Rec | undefined) ?? {};
    const ptg = (lc.PreTokenGenerationConfig as Rec | undefined) ?? {};
    const calls = ctx.recent.forPool(poolId);
    const body = html`
${form(
  ctx,
  path`/console/pools/${poolId}/triggers`,
  html`<p class="muted">A Lambda function ARN or, with <code>--functions</code>, a module name per trigger; blank for none.</p>
${TRIGGERS.map(
  (t) =>
    html`<label for="t-${t}">${t}</label><input id="t-${t}" name="${t}" type="text" value="${String(
      t === "PreTokenGeneration" ? (ptg.LambdaArn ?? lc.PreTokenGeneration ?? "") : (lc[t] ?? ""),
    )}" autocomplete="off">`,
)}
<label for="ptg-version">PreTokenGeneration event version</label><select id="ptg-version" name="ptgVersion">${[
    "V1_0",
    "V2_0",
    "V3_0",
  ].map(
    (v) => html`<option${(ptg.LambdaVersion ?? "V1_0") === v ? html` selected` : ""}>${v}</option>`,
  )}</select>
<button type="submit">Save triggers</button>`,
  { label: "Lambda triggers" },
)}
<h2 id="recent-h">Last invocations</h2>
<p class="muted">The last ${ctx.recent.size} trigger calls of this server process, newest first (kept in memory only; other nodes keep their own).</p>
<div class="scroll"><table><thead><tr><th scope="col">Time</th><th scope="col">Trigger source</th><th scope="col">User</th><th scope="col">Function</th><th scope="col">Outcome</th><th scope="col">ms</th></tr></thead>
<tbody>${
      calls.length === 0
        ? html`<tr><td colspan="6" class="muted">No calls since this node started.</td></tr>`
        : calls.map(
            (
              c,
            ) => html`<tr><td>${when(c.at)}</td><td>${c.source}</td><td>${c.userName}</td><td><code>${c.functionArn}</code></td>
<td><span class="badge ${OUTCOME[c.outcome] ?? "muted"}">${c.outcome}</span>${c.detail ? html` <span class="mono">${c.detail}</span>` : ""}</td><td>${String(c.ms)}</td></tr>`,
          )
    }</tbody></table></div>`;
    return {
      body: page(ctx, `Triggers of ${String(pool.Name)}`, body, { nav: poolNav(poolId, "triggers") }),
    };
  },
};

const save: PageRoute = {
  method: "POST",
  path: /^\/console\/pools\/([^/]+)\/triggers$/,
  back: (m) => path`/console/pools/${param(m, 1)}/triggers`,
  async handle(ctx, m) {
    const poolId = param(m, 1);
    const pool = await describePool(ctx, poolId);
    const current = currentSettings(pool);
    const lc: Rec = { ...((current.LambdaConfig as Rec | undefined) ?? {}) };
    for (const t of TRIGGERS) delete lc[t];
    delete lc.PreTokenGenerationConfig;
    for (const t of TRIGGERS) {
      const v = text(ctx, t);
      if (!v) continue;
      if (t === "PreTokenGeneration")
        lc.PreTokenGenerationConfig = { LambdaVersion: text(ctx, "ptgVersion") || "V1_0", LambdaArn: v };
      else lc[t] = v;
    }
    await ctx.call("UpdateUserPool", { ...current, UserPoolId: poolId, LambdaConfig: lc });
    return done(path`/console/pools/${poolId}/triggers`, "triggers-updated");
  },
};

export const triggerRoutes: PageRoute[] = [show, save];
