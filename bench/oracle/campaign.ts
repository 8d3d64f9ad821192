/**
 * Runs timing-oracle flows × existence profiles against two server processes: a plain one for the
 * real runs and one started with `--bench-delay-micros <µs> --bench-delay-path unknown-user` for the
 * positive controls. Each profile has its own tagged pools on both servers. Shared by
 * bench/oracle-signin.ts, bench/oracle-recovery.ts and bench/oracle-all.ts. The flows: the password
 * and SRP sign-ins (./signin-flows.ts), USER_AUTH's first step (./user-auth-flows.ts), the answers to
 * USER_AUTH's factors (./factor-flows.ts), the code flows (./recovery-flows.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Seeded } from "../auth/seed-users.ts";
import { createClient } from "../lib/http-client.ts";
import { startServerProcess } from "../lib/server.ts";
import {
  FACTOR_FLOWS,
  type FactorFlow,
  type FactorPools,
  factorClasses,
  factorLabel,
  seedFactors,
} from "./factor-flows.ts";
import { type FlowResult, machineLine, measure, printSummary, type Sizes } from "./measure.ts";
import { type ExistenceProfile, parseProfiles } from "./profile.ts";
import {
  prepareRecovery,
  RECOVERY_FLOWS,
  type RecoveryFlow,
  type RecoveryTarget,
  recoveryClasses,
} from "./recovery-flows.ts";
import { flowLabel, SIGN_IN_FLOWS, type SignInFlow, seedSignIn, signInClasses } from "./signin-flows.ts";
import {
  seedUserAuth,
  USER_AUTH_FLOWS,
  USER_AUTH_LABEL,
  type UserAuthFlow,
  userAuthClasses,
} from "./user-auth-flows.ts";

export type Flow = SignInFlow | RecoveryFlow | UserAuthFlow | FactorFlow;

const isSignIn = (f: string): f is SignInFlow => (SIGN_IN_FLOWS as readonly string[]).includes(f);
const isRecovery = (f: string): f is RecoveryFlow => (RECOVERY_FLOWS as readonly string[]).includes(f);
const isUserAuth = (f: string): f is UserAuthFlow => (USER_AUTH_FLOWS as readonly string[]).includes(f);
const isFactor = (f: string): f is FactorFlow => (FACTOR_FLOWS as readonly string[]).includes(f);

function labelOf(flow: Flow): string {
  if (isSignIn(flow)) return flowLabel(flow);
  if (isUserAuth(flow)) return USER_AUTH_LABEL;
  if (isFactor(flow)) return factorLabel(flow);
  return flow;
}

export interface CampaignDefaults {
  samples: number;
  warmup: number;
  profile: string;
  flows: readonly Flow[];
}

export interface Campaign {
  flows: Flow[];
  profiles: ExistenceProfile[];
  sizes: Sizes;
  /** Extra server arguments for every server of the campaign. */
  serverArgs: string[];
}

/** `--samples --control-samples --warmup --delay --floor-ms --profile cognito|strict|both --flows A,B`. */
export function parseCampaign(defaults: CampaignDefaults): Campaign {
  const { values } = parseArgs({
    options: {
      samples: { type: "string", default: String(defaults.samples) },
      "control-samples": { type: "string" },
      warmup: { type: "string", default: String(defaults.warmup) },
      delay: { type: "string", default: "20" },
      // The servers' --code-flow-floor-ms (docs/existence.md#the-time-floor); unset: the server default.
      "floor-ms": { type: "string" },
      profile: { type: "string", default: defaults.profile },
      flows: { type: "string", default: defaults.flows.join(",") },
    },
  });
  const samples = Number(values.samples);
  const flows = String(values.flows).split(",");
  for (const f of flows)
    if (!isSignIn(f) && !isRecovery(f) && !isUserAuth(f) && !isFactor(f))
      throw new Error(`--flows: unknown flow ${f}`);
  return {
    flows: flows as Flow[],
    profiles: parseProfiles(String(values.profile)),
    sizes: {
      samples,
      // 2,000 per class detects the 20 µs control by a wide margin (docs/measuring.md#sample-sizes).
      controlSamples: Number(values["control-samples"] ?? Math.min(samples, 2000)),
      warmup: Number(values.warmup),
      delayMicros: Number(values.delay),
    },
    serverArgs: values["floor-ms"] === undefined ? [] : ["--code-flow-floor-ms", String(values["floor-ms"])],
  };
}

interface Side {
  seeded: Map<ExistenceProfile, Seeded>;
  /** The USER_AUTH pools (./user-auth-flows.ts). */
  userAuth: Map<ExistenceProfile, Seeded>;
  /** The pools of the USER_AUTH factor answers (./factor-flows.ts). */
  factors: Map<ExistenceProfile, FactorPools>;
  recovery: Map<ExistenceProfile, RecoveryTarget>;
  baseUrl: string;
}

export async function runCampaign(c: Campaign): Promise<boolean> {
  const { sizes, profiles } = c;
  const signIn = c.flows.filter(isSignIn);
  const recovery = c.flows.filter(isRecovery);
  const userAuth = c.flows.filter(isUserAuth);
  const factors = c.flows.filter(isFactor);
  const perClass = { real: sizes.samples + sizes.warmup, control: sizes.controlSamples + sizes.warmup };
  const client = createClient({ maxSockets: 4 });
  const dirs = {
    real: mkdtempSync(join(tmpdir(), "hushpool-oracle-a-")),
    control: mkdtempSync(join(tmpdir(), "hushpool-oracle-b-")),
  };
  console.log(machineLine());
  console.log(
    `flows ${c.flows.join(", ")}; profiles ${profiles.join(", ")}; ${sizes.samples} samples per class (control ${sizes.controlSamples}), ${sizes.warmup} warm-up, control +${sizes.delayMicros} µs${c.serverArgs.length > 0 ? `; server ${c.serverArgs.join(" ")}` : ""}\n`,
  );
  const started = Date.now();
  const sides = {} as Record<"real" | "control", Side>;
  const servers = [];
  try {
    for (const kind of ["real", "control"] as const) {
      const seeded = new Map<ExistenceProfile, Seeded>();
      // Sign-in users are written into the data directory before its server starts.
      if (signIn.length > 0)
        for (const p of profiles) seeded.set(p, await seedSignIn(dirs[kind], perClass[kind], p));
      const userAuthSeeded = new Map<ExistenceProfile, Seeded>();
      if (userAuth.length > 0)
        for (const p of profiles) userAuthSeeded.set(p, await seedUserAuth(dirs[kind], perClass[kind], p));
      const factorPools = new Map<ExistenceProfile, FactorPools>();
      if (factors.length > 0)
        for (const p of profiles)
          factorPools.set(p, await seedFactors(dirs[kind], perClass[kind], p, factors));
      const delay = ["--bench-delay-micros", String(sizes.delayMicros), "--bench-delay-path", "unknown-user"];
      const srv = await startServerProcess({
        dataDir: dirs[kind],
        args: [...c.serverArgs, ...(kind === "control" ? delay : [])],
      });
      servers.push(srv);
      const targets = new Map<ExistenceProfile, RecoveryTarget>();
      if (recovery.length > 0) {
        for (const p of profiles)
          targets.set(p, await prepareRecovery(client, srv.baseUrl, perClass[kind], p));
      }
      sides[kind] = {
        seeded,
        userAuth: userAuthSeeded,
        factors: factorPools,
        recovery: targets,
        baseUrl: srv.baseUrl,
      };
    }
    console.log(`setup: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    const results: FlowResult[] = [];
    // Flow outermost: the two profiles of one flow are measured close together in time.
    for (const flow of c.flows) {
      for (const p of profiles) {
        const classesOf = async (side: Side) => {
          if (isFactor(flow)) {
            const pools = side.factors.get(p);
            if (!pools) throw new Error("not seeded");
            return factorClasses(client, side.baseUrl, pools, flow);
          }
          if (isUserAuth(flow)) {
            const seeded = side.userAuth.get(p);
            if (!seeded) throw new Error("not seeded");
            return userAuthClasses(client, side.baseUrl, seeded);
          }
          if (isSignIn(flow)) {
            const seeded = side.seeded.get(p);
            if (!seeded) throw new Error("not seeded");
            return signInClasses(client, side.baseUrl, seeded, flow);
          }
          const target = side.recovery.get(p);
          if (!target) throw new Error("not prepared");
          return recoveryClasses(client, target, flow);
        };
        const label = labelOf(flow);
        results.push(
          await measure(
            label,
            p,
            { real: await classesOf(sides.real), control: await classesOf(sides.control) },
            sizes,
          ),
        );
      }
    }
    const chance = [...(sides.real?.recovery.values() ?? []), ...(sides.real?.factors.values() ?? [])].reduce(
      (n, t) => n + t.chanceMatches,
      0,
    );
    if (chance > 0)
      console.log(`(${chance} real user(s) whose outstanding code happened to be the wrong code sent)`);
    console.log(`\n${machineLine()}; total ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return printSummary(results);
  } finally {
    client.close();
    for (const srv of servers) await srv.stop();
    for (const d of Object.values(dirs)) rmSync(d, { recursive: true, force: true });
  }
}
