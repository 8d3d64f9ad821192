/**
 * One sign-in through the operation handlers, in process (no HTTP), for the benches that measure a
 * handler's CPU (bench/signin-cpu.ts, bench/ab-handlers.ts, bench/signin-breakdown.ts): a
 * USER_PASSWORD_AUTH InitiateAuth, or both USER_SRP_AUTH steps with the client's maths from
 * test/helpers/srp-client.ts. The client's maths runs in the same process, so it is timed apart and
 * returned, for the caller to subtract.
 */
import { srpRespond, srpStart } from "../../test/helpers/srp-client.ts";
import { BENCH_PASSWORD, type Seeded } from "./seed-users.ts";

/** An operation's handler, as src/operations exports it (typed loosely: A/B runs import another tree's). */
export interface Handler {
  handle(input: unknown, services: unknown, ctx: unknown): Promise<unknown>;
}

export interface HandlerTarget {
  initiate: Handler;
  respond: Handler;
  services: { log: unknown };
  seeded: Seeded;
}

export interface HandlerSignInOptions {
  flow: "password" | "srp";
  /** The name to sign in as. */
  name: string;
  /** Unknown names: the refusal (NotAuthorizedException) is the expected answer, not an error. */
  refused?: boolean;
  /** Runs the client's maths; a bench that times crypto calls can keep them out (default: just runs it). */
  clientSide?: <T>(fn: () => T) => T;
}

const usSince = (c: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(c);
  return d.user + d.system;
};

/** One sign-in; returns the CPU (µs) the client's side of it took in this process. */
export async function handlerSignIn(t: HandlerTarget, o: HandlerSignInOptions): Promise<number> {
  const ctx = { requestId: "bench", log: t.services.log, remoteAddress: "127.0.0.1" };
  const expected = (e: unknown): void => {
    if (!o.refused) throw e;
  };
  if (o.flow === "password") {
    await t.initiate
      .handle(
        {
          ClientId: t.seeded.clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: o.name, PASSWORD: BENCH_PASSWORD },
        },
        t.services,
        ctx,
      )
      .catch(expected);
    return 0;
  }
  const around = o.clientSide ?? (<T>(fn: () => T): T => fn());
  let clientUs = 0;
  const client = <T>(fn: () => T): T =>
    around(() => {
      const c = process.cpuUsage();
      try {
        return fn();
      } finally {
        clientUs += usSince(c);
      }
    });
  const start = client(() => srpStart());
  const step1 = (await t.initiate.handle(
    {
      ClientId: t.seeded.clientId,
      AuthFlow: "USER_SRP_AUTH",
      AuthParameters: { USERNAME: o.name, SRP_A: start.srpA },
    },
    t.services,
    ctx,
  )) as { ChallengeParameters: Record<string, string> };
  const responses = client(() =>
    srpRespond(t.seeded.poolId, start, step1.ChallengeParameters, BENCH_PASSWORD),
  );
  await t.respond
    .handle(
      { ClientId: t.seeded.clientId, ChallengeName: "PASSWORD_VERIFIER", ChallengeResponses: responses },
      t.services,
      ctx,
    )
    .catch(expected);
  return clientUs;
}
