import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Metrics } from "../metrics.ts";
import type { Store } from "../storage/ports.ts";

/** Request latencies: a Cognito request takes milliseconds; SRP and triggers take tens to hundreds. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Trigger calls: Cognito waits up to 5 s per attempt, three attempts (docs/triggers.md#the-event-contract). */
const TRIGGER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

/**
 * The Prometheus metrics of one server (`--metrics`, docs/operating.md#metrics), in a registry of
 * its own (several servers may share a process in tests). Label values come only from fixed sets
 * (src/metrics.ts): no user name, id, address or secret ever becomes a label.
 */
export class PromMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<"operation" | "status" | "error_type">;
  private readonly latency: Histogram<"operation">;
  private readonly signIns: Counter<"operation" | "outcome">;
  private readonly triggers: Histogram<"trigger" | "outcome">;
  private readonly quotas: Counter<"category">;
  private readonly events: Counter<"event">;

  constructor(store: Pick<Store, "outbox">) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "hushpool_" });
    this.requests = new Counter({
      name: "hushpool_requests_total",
      help: "Requests answered, by operation (or route), HTTP status and error __type (empty when none).",
      labelNames: ["operation", "status", "error_type"],
      registers,
    });
    this.latency = new Histogram({
      name: "hushpool_request_duration_seconds",
      help: "Time from the request's arrival to the end of its answer, by operation (or route).",
      labelNames: ["operation"],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.signIns = new Counter({
      name: "hushpool_sign_in_total",
      help: "Sign-in steps answered, by operation and outcome: tokens, a challenge name, or the error __type.",
      labelNames: ["operation", "outcome"],
      registers,
    });
    this.triggers = new Histogram({
      name: "hushpool_trigger_duration_seconds",
      help: "Lambda trigger calls (every attempt of one call), by trigger and outcome.",
      labelNames: ["trigger", "outcome"],
      buckets: TRIGGER_BUCKETS,
      registers,
    });
    this.quotas = new Counter({
      name: "hushpool_quota_refusals_total",
      help: "Requests refused with TooManyRequestsException by the request-rate quotas, by category.",
      labelNames: ["category"],
      registers,
    });
    this.events = new Counter({
      name: "hushpool_events_total",
      help: "Counted events of the user-pool semantics, by event.",
      labelNames: ["event"],
      registers,
    });
    new Gauge({
      name: "hushpool_outbox_depth",
      help: "Messages waiting in the outbox to be sent (decoys included), read from the store at each scrape.",
      registers,
      async collect() {
        this.set(await store.outbox.countUnsent());
      },
    });
  }

  request(operation: string, status: number, errorType: string, seconds: number): void {
    this.requests.inc({ operation, status: String(status), error_type: errorType });
    this.latency.observe({ operation }, seconds);
  }

  signIn(operation: string, outcome: string): void {
    this.signIns.inc({ operation, outcome });
  }

  triggerCall(trigger: string, outcome: string, seconds: number): void {
    this.triggers.observe({ trigger, outcome }, seconds);
  }

  quotaRefused(category: string): void {
    this.quotas.inc({ category });
  }

  count(event: string): void {
    this.events.inc({ event });
  }

  /** The exposition text for GET /metrics. */
  async render(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
