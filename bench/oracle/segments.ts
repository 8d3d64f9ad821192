/**
 * In-process evidence for the recovery oracles (docs/measuring.md#in-process-segments): runs the
 * code flows' operations directly on a real SQLite store, real and unknown names interleaved, and
 * records every store call with whether it found a row (hit/miss, rows changed) and its time. Prints,
 * per flow and class, the store-call patterns (how often each), the handler's p50 and cropped mean,
 * its time outside store calls (p50) and each store call's p50. Deterministic evidence first (the
 * patterns must be equal), times second (same process, no loopback: small shifts show with fewer samples).
 *   npx tsx bench/oracle/segments.ts [--n 2000] [--profile cognito|strict] [--flows A,B]
 */
import { parseArgs } from "node:util";
import { CognitoError } from "../../src/domain/errors/index.ts";
import { EXISTENCE_PROFILE_TAG } from "../../src/domain/existence/index.ts";
import { confirmForgotPassword } from "../../src/operations/confirm-forgot-password.ts";
import { confirmSignUp } from "../../src/operations/confirm-sign-up.ts";
import { forgotPassword } from "../../src/operations/forgot-password.ts";
import type { Operation, RequestContext } from "../../src/operations/operation.ts";
import { resendConfirmationCode } from "../../src/operations/resend-confirmation-code.ts";
import { signUp } from "../../src/operations/sign-up.ts";
import type { Services } from "../../src/services.ts";
import type { Store } from "../../src/storage/ports.ts";
import { poolWithClients, putUser } from "../../test/helpers/fixtures.ts";
import { startTestServer } from "../../test/helpers/server.ts";
import { interleaving } from "../lib/oracle.ts";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "2000" },
    profile: { type: "string", default: "cognito" },
    flows: { type: "string" },
  },
});
const N = Number(values.n);
const only = values.flows?.split(",");
const p50 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const PORTS = new Set(["users", "codes", "counters", "outbox", "pools", "clients"]);

let log: string[] = [];
let times: Map<string, number> = new Map();
let storeTotal = 0;
const outcome = (r: unknown): string => {
  if (r === null || r === undefined) return "miss";
  if (typeof r === "boolean") return String(r);
  if (typeof r === "object" && r !== null && "changes" in r)
    return `chg${String((r as { changes: number }).changes)}`;
  if (typeof r === "object" && r !== null && "granted" in r)
    return `granted:${String((r as { granted: unknown }).granted)}`;
  return "hit";
};
function recording(store: Store): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === "transaction")
        return <T>(fn: (tx: Store) => Promise<T>) => target.transaction((tx) => fn(recording(tx)));
      const port: unknown = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string" || !PORTS.has(prop) || typeof port !== "object" || port === null)
        return port;
      return new Proxy(port, {
        get(p, method) {
          const f: unknown = Reflect.get(p, method);
          if (typeof f !== "function") return f;
          return async (...args: unknown[]) => {
            const t0 = performance.now();
            const r: unknown = await Reflect.apply(f, p, args);
            const key = `${prop}.${String(method)}:${outcome(r)}`;
            log.push(key);
            const us = (performance.now() - t0) * 1000;
            storeTotal += us;
            times.set(key, (times.get(key) ?? 0) + us);
            return r;
          };
        },
      });
    },
  });
}

const s = await startTestServer();
const base = s.app.services;
const services: Services = { ...base, store: recording(base.store) };
const ctx: RequestContext = { requestId: "seg", log: base.log, remoteAddress: "127.0.0.1" };
const p = await poolWithClients(s, {
  AutoVerifiedAttributes: ["email"],
  UserPoolTags: { [EXISTENCE_PROFILE_TAG]: values.profile ?? "cognito" },
});
const ClientId = p.clients.ENABLED;
const names = (pre: string) => Array.from({ length: N }, (_, i) => `${pre}${String(i).padStart(6, "0")}`);
const confirmed = names("c");
const unconfirmed = names("u");
for (const u of confirmed)
  await putUser(s, p.poolId, {
    username: u,
    attributes: { email: `${u}@example.com`, email_verified: "true" },
  });
for (const u of unconfirmed)
  await signUp.handle(
    {
      ClientId,
      Username: u,
      Password: "Passw0rd!",
      UserAttributes: [{ Name: "email", Value: `${u}@example.com` }],
    },
    base,
    ctx,
  );

async function call(op: Operation, input: Record<string, unknown>): Promise<number> {
  const t0 = performance.now();
  try {
    await op.handle(input, services, ctx);
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e;
  }
  return (performance.now() - t0) * 1000;
}
type Flow = {
  name: string;
  op: Operation;
  real: string[];
  unknown: string[];
  extra?: Record<string, unknown>;
};
const flows: Flow[] = [
  { name: "ForgotPassword", op: forgotPassword, real: confirmed, unknown: names("k") },
  { name: "ResendConfirmationCode", op: resendConfirmationCode, real: unconfirmed, unknown: names("k") },
  {
    name: "ConfirmForgotPassword",
    op: confirmForgotPassword,
    real: confirmed,
    unknown: names("k"),
    extra: { ConfirmationCode: "000000", Password: "N3w-Passw0rd!" },
  },
  {
    name: "ConfirmSignUp",
    op: confirmSignUp,
    real: unconfirmed,
    unknown: names("k"),
    extra: { ConfirmationCode: "000000" },
  },
];
for (const f of flows) {
  if (only && !only.includes(f.name)) continue;
  const mk = () => ({
    t: [] as number[],
    rest: [] as number[],
    pat: new Map<string, number>(),
    times: new Map<string, number[]>(),
  });
  const stats = { real: mk(), unknown: mk() };
  const order = [...interleaving(N)].map((c) => (c === 0 ? ("real" as const) : ("unknown" as const)));
  const q = { real: [...f.real], unknown: [...f.unknown] };
  for (const cls of order) {
    const Username = q[cls].shift() as string;
    log = [];
    times = new Map();
    storeTotal = 0;
    const t = await call(f.op, { ClientId, Username, ...f.extra });
    const st = stats[cls];
    st.t.push(t);
    st.rest.push(t - storeTotal);
    const pat = log.join(" ");
    st.pat.set(pat, (st.pat.get(pat) ?? 0) + 1);
    for (const [k, v] of times) st.times.set(k, [...(st.times.get(k) ?? []), v]);
  }
  console.log(`\n== ${f.name} (${values.profile})`);
  for (const cls of ["real", "unknown"] as const) {
    const st = stats[cls];
    const sorted = [...st.t].sort((a, b) => a - b);
    const med = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const cropped = sorted.slice(0, Math.floor(sorted.length * 0.9));
    const mean = cropped.reduce((a, b) => a + b, 0) / cropped.length;
    console.log(`  ${cls}: p50 ${med.toFixed(1)} µs, cropped mean ${mean.toFixed(1)} µs`);
    for (const [pat, c] of [...st.pat].sort((a, b) => b[1] - a[1]).slice(0, 3))
      console.log(`    ${c}× ${pat}`);
    console.log(
      `    non-store p50 ${p50(st.rest).toFixed(1)} µs; store p50 µs: ${[...st.times].map(([k, v]) => `${k}=${p50(v).toFixed(1)}`).join(" ")}`,
    );
  }
}
await s.stop();
