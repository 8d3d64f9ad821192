import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Logger, pino } from "pino";
import { type AttentionItem, attentionItems } from "./attention.ts";
import { benchDelayOf, benchDelayProbe } from "./bench-delay.ts";
import { type Config, logsCodes } from "./config/config.ts";
import { loadMasterKey } from "./crypto/master-key.ts";
import { SecretBox } from "./crypto/secret-box.ts";
import { ServerSecrets } from "./crypto/server-secrets.ts";
import { AuthEventRecorder } from "./domain/auth-events/recorder.ts";
import { parseQuotaSetting, QuotaGate } from "./domain/quotas/index.ts";
import { startHousekeeping } from "./jobs/housekeeping.ts";
import { startImportRunner } from "./jobs/import-runner.ts";
import { Messenger } from "./messaging/messenger.ts";
import { logSender, routedSender, smtpSender, webhookSmsSender } from "./messaging/senders.ts";
import { type Metrics, NO_METRICS } from "./metrics.ts";
import { NO_PROBE, type Probe } from "./probe.ts";
import { seedAtStart } from "./seed/index.ts";
import { checkExposure } from "./server/admin-auth/exposure.ts";
import { createAdminGuard } from "./server/admin-auth/guard.ts";
import { loadAdminKeys } from "./server/admin-auth/keys.ts";
import { createConsole } from "./server/console/index.ts";
import { devEndpointsEnabled } from "./server/dev-routes.ts";
import { createHttpServer } from "./server/http-server.ts";
import { PromMetrics } from "./server/metrics.ts";
import { closeWithDeadline } from "./server/shutdown.ts";
import type { Clock, Services } from "./services.ts";
import { modExpImplementation } from "./srp/index.ts";
import { openStore } from "./storage/open-store.ts";
import { TokenKeys } from "./tokens/token-keys.ts";
import { createTriggerRunnerFactory } from "./triggers/factory.ts";
import { RecentInvocations } from "./triggers/recent.ts";

export interface App {
  services: Services;
  server: Server;
  /** The base URL the server answers on, e.g. http://127.0.0.1:9230. */
  url: string;
  /** The development defaults in force; main.ts logs them as one record after its start line. */
  attention: AttentionItem[];
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now() };

/**
 * The empty probe, unless the benchmarks' positive control is asked for (docs/measuring.md); when
 * it is, the attention record at start says so.
 */
function probeFor(config: Config, log: Logger): Probe {
  const delay = benchDelayOf(config);
  if (delay) return benchDelayProbe(delay);
  if (config.benchDelayMicros !== 0 || config.benchDelayPath !== "")
    log.warn("bench delay OFF: it needs both a positive --bench-delay-micros and a --bench-delay-path");
  return NO_PROBE;
}

export interface StartOptions {
  clock?: Clock;
  /**
   * false: prepare the storage (migrations, secrets, token keys, the seed) without opening the port;
   * the cluster primary does this once before it forks the workers (src/workers.ts).
   */
  listen?: boolean;
  /** false: skip --seed (the primary applied it); workers after the first pass false. */
  seed?: boolean;
  /** false: no housekeeping timers in this process; one worker per node runs them (docs/scaling.md#workers). */
  housekeeping?: boolean;
}

/** Composition root: config → storage → services → server. Nothing else lives here. */
export async function startApp(config: Config, opts: StartOptions = {}): Promise<App> {
  // Refuse an exposed admin plane before touching anything (docs/security.md).
  const adminKeys = loadAdminKeys(config);
  checkExposure(config, adminKeys.length);
  const log = pino({ level: config.logLevel, base: undefined });
  const store = await openStore({
    dataDir: config.data,
    databaseUrl: config.databaseUrl,
    poolSize: config.databasePoolSize,
  });
  const box = new SecretBox(loadMasterKey({ configured: config.masterKey, dataDir: config.data }));
  const secrets = await ServerSecrets.load(store.keys, box);
  const clock = opts.clock ?? systemClock;
  const codes = logsCodes(config);
  const email = config.smtpUrl ? await smtpSender(config.smtpUrl, log, codes) : logSender(log, codes);
  const sender = config.smsWebhookUrl
    ? routedSender({ email, sms: webhookSmsSender(config.smsWebhookUrl) })
    : email;
  const messenger = new Messenger(store.outbox, sender, clock, log, box);
  const tokenKeys = await TokenKeys.load(store.keys, box, { clock: () => clock.now() });
  // The last trigger calls of this node, for the console's triggers page (docs/console.md#triggers).
  const recentInvocations = new RecentInvocations();
  // --metrics (docs/operating.md#metrics): the Prometheus registry; otherwise calls record nothing.
  const prom = config.metrics ? new PromMetrics(store) : undefined;
  const metrics: Metrics = prom ?? NO_METRICS;
  const triggers = createTriggerRunnerFactory(
    {
      lambdaEndpoint: config.lambdaEndpoint,
      functions: config.functions,
      region: config.region,
      observe: (trigger, outcome, seconds) => metrics.triggerCall(trigger, outcome, seconds),
    },
    log,
    recentInvocations,
  );
  const probe = probeFor(config, log);
  const services: Services = {
    config,
    store,
    clock,
    box,
    secrets,
    messenger,
    log,
    tokenKeys,
    triggers,
    probe,
    authEvents: new AuthEventRecorder(store, log),
    quotas: new QuotaGate(parseQuotaSetting(config.quota), {
      store,
      clock,
      refused: (category) => metrics.quotaRefused(category),
    }),
    metrics,
  };
  // --seed (docs/seeding.md), before the port opens; a refused seed stops the start.
  if (opts.seed !== false) {
    await seedAtStart(services).catch(async (e: unknown) => {
      await store.close();
      throw e;
    });
  }

  const devEndpoints = devEndpointsEnabled(config);
  const attention = attentionItems(config, { adminKeys: adminKeys.length, devEndpoints });
  const server = createHttpServer(services, {
    admin: createAdminGuard(config, adminKeys),
    devEndpoints,
    ...(config.console === "on"
      ? { console: createConsole(services, { keys: adminKeys, devEndpoints, recent: recentInvocations }) }
      : {}),
    ...(prom ? { metrics: prom } : {}),
  });
  if (opts.listen === false) {
    const close = async () => {
      await messenger.close();
      await store.close();
    };
    return { services, server, url: "", attention, close };
  }
  // The SRP group's Diffie-Hellman object is built here rather than in the first SignUp or sign-in:
  // on Node 24 building it costs ~1.4 s of CPU (src/srp/modexp.ts, docs/packaging.md#node-versions).
  modExpImplementation();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  if (!config.issuerBaseUrl) services.config = { ...config, issuerBaseUrl: url };
  const stopHousekeeping = opts.housekeeping === false ? () => {} : startHousekeeping(services);
  const stopImports = startImportRunner(services);

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      // Stop accepting, let in-flight requests finish until the deadline, then close storage.
      await closeWithDeadline(server, config.shutdownTimeoutMs, log);
      stopHousekeeping();
      await stopImports();
      await services.authEvents.flush();
      await messenger.close();
      await store.close();
    })();
    return closing;
  };
  return { services, server, url, attention, close };
}
