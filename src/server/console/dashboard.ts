import type { PageRoute } from "./context.ts";
import { html, path } from "./html.ts";
import { page } from "./layout.ts";
import { type Rec, visiblePools } from "./shared.ts";

/**
 * Sign-in activity over the last hour, where something counts it. Until the server exports sign-in
 * metrics this is null and the dashboard says "n/a" (docs/console.md#dashboard).
 */
export interface Activity {
  signIns: number;
  failures: number;
  lockouts: number;
}
export type ActivitySource = () => Promise<Activity | null>;

export function dashboardRoute(activity: ActivitySource): PageRoute {
  return {
    method: "GET",
    path: /^\/console\/?$/,
    async handle(ctx) {
      const pools = (await visiblePools(ctx)).slice(0, 60);
      // ListUserPools gives no user counts: DescribeUserPool's EstimatedNumberOfUsers does.
      const described = await Promise.all(
        pools.map((p) =>
          p.EstimatedNumberOfUsers !== undefined
            ? p
            : ctx
                .call<{ UserPool: Rec }>("DescribeUserPool", { UserPoolId: String(p.Id) })
                .then((d) => d.UserPool),
        ),
      );
      const users = described.reduce((n, p) => n + Number(p.EstimatedNumberOfUsers ?? 0), 0);
      const a = await activity();
      const stat = (label: string, v: number | null | undefined) =>
        html`<div><b>${v === null || v === undefined ? "n/a" : String(v)}</b>${label}</div>`;
      const body = html`
<section aria-labelledby="activity-h"><h2 id="activity-h">At a glance</h2>
<div class="stats">${stat("user pools", described.length)}${stat("users", users)}${stat("sign-ins, last hour", a?.signIns)}${stat(
        "failed sign-ins, last hour",
        a?.failures,
      )}${stat("lockouts, last hour", a?.lockouts)}</div>
${a ? "" : html`<p class="muted">Sign-in activity needs the server's metrics; this server does not count it yet.</p>`}</section>
<h2 id="pools-h">User pools</h2>
<div class="scroll"><table><thead><tr><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Users</th></tr></thead>
<tbody>${
        described.length === 0
          ? html`<tr><td colspan="3"><a href="/console/pools#create-pool">Create the first user pool</a></td></tr>`
          : described.map(
              (p) =>
                html`<tr><td><a href="${path`/console/pools/${String(p.Id)}`}">${String(p.Name)}</a></td><td><code>${String(p.Id)}</code></td><td>${String(p.EstimatedNumberOfUsers ?? 0)}</td></tr>`,
            )
      }</tbody></table></div>`;
      return { body: page(ctx, "Dashboard", body) };
    },
  };
}
