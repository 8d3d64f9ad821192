import { NO_PROBE, type Probe } from "../../probe.ts";
import type { ClientRecord } from "../../storage/ports.ts";
import type { CognitoError } from "../errors/index.ts";
import { rowFor } from "./table.ts";
import type { ExistenceOperation, Mode, UserState } from "./types.ts";

/** What an operation does next. */
export type Decision = { kind: "proceed" } | { kind: "simulate" } | { kind: "fail"; error: CognitoError };

/**
 * The client's PreventUserExistenceErrors. THE only place the setting is read (docs/existence.md). Admin operations pass null: the setting belongs to app clients (docs/existence.md#legacy-and-enabled-at-a-glance).
 */
export function modeOf(client: Pick<ClientRecord, "config"> | null): Mode {
  return client?.config.PreventUserExistenceErrors === "ENABLED" ? "ENABLED" : "LEGACY";
}

/**
 * Looks up (operation, state) in the table and answers for the client's mode. Operations never throw
 * UserNotFoundException (or any other existence answer) themselves: they throw `decision.error`.
 * The request path passes its services' probe, which sees every decision (src/probe.ts).
 */
export function decide(
  client: Pick<ClientRecord, "config"> | null,
  operation: ExistenceOperation,
  state: UserState,
  probe: Probe = NO_PROBE,
): Decision {
  probe.existenceDecision?.(state);
  const row = rowFor(operation, state);
  const answer = modeOf(client) === "ENABLED" ? row.enabled : row.legacy;
  if (answer.kind === "fail") return { kind: "fail", error: answer.error() };
  return answer;
}

/** `decide`, throwing the error of a `fail` answer; returns "proceed" or "simulate". */
export function decideOrThrow(
  client: Pick<ClientRecord, "config"> | null,
  operation: ExistenceOperation,
  state: UserState,
  probe: Probe = NO_PROBE,
): "proceed" | "simulate" {
  const d = decide(client, operation, state, probe);
  if (d.kind === "fail") throw d.error;
  return d.kind;
}
