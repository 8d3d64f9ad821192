import type { Logger } from "pino";
import { benchDelayOf } from "./bench-delay.ts";
import { type Config, logsCodes } from "./config/config.ts";

/**
 * The "attention" record: at start the server logs ONE warning that lists every development
 * default in force, so that a deployment that forgot one sees them all in one place
 * (docs/security.md#what-a-production-deployment-configures).
 */
export interface AttentionItem {
  /** The option that changes it. */
  setting: string;
  /** What is in force and why it matters. */
  detail: string;
}

/** Facts known only once the server is assembled. */
export interface StartFacts {
  adminKeys: number;
  devEndpoints: boolean;
}

type Check = (config: Config, facts: StartFacts) => AttentionItem | null;

/**
 * One check per development default. A new default (e.g. codes written to the log) adds one entry
 * here; the record, its test and the docs pick it up.
 */
export const ATTENTION_CHECKS: Check[] = [
  (c) =>
    c.masterKey
      ? null
      : {
          setting: "--master-key",
          detail: `no master key configured: generated and kept beside the data in ${c.data}/master.key`,
        },
  (_c, f) =>
    f.devEndpoints
      ? {
          setting: "--dev-endpoints",
          detail:
            "development endpoints on: /_hushpool/messages shows codes and temporary passwords to local callers",
        }
      : null,
  (c) =>
    logsCodes(c)
      ? {
          setting: "--log-codes",
          detail: "codes and temporary passwords are written to the log by the log sender",
        }
      : null,
  (c, f) => {
    if (f.adminKeys > 0) return null;
    return c.insecureAdmin
      ? {
          setting: "--insecure-admin",
          detail: `admin plane OPEN on ${c.host}: anyone who reaches the port runs every admin operation unsigned`,
        }
      : {
          setting: "--admin-credentials",
          detail:
            "no admin keys: admin operations run unsigned for local callers (loopback peer, local Host)",
        };
  },
  (c) => {
    const delay = benchDelayOf(c);
    return delay
      ? {
          setting: "--bench-delay-micros",
          detail: `bench delay ON: existence decisions on ${delay.path} busy-wait ${delay.micros} µs; a benchmark control`,
        }
      : null;
  },
];

export function attentionItems(config: Config, facts: StartFacts): AttentionItem[] {
  return ATTENTION_CHECKS.map((check) => check(config, facts)).filter((i): i is AttentionItem => i !== null);
}

/** Logs the one attention record (nothing when no development default is in force). */
export function logAttention(log: Logger, items: AttentionItem[]): void {
  if (items.length === 0) return;
  const list = items.map((i) => i.setting).join(", ");
  log.warn({ attention: items }, `ATTENTION: development defaults in force, not for production (${list})`);
}
