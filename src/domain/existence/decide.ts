import { NO_PROBE, type Probe } from "../../probe.ts";
import type { ClientRecord, PoolRecord } from "../../storage/ports.ts";
import type { CognitoError } from "../errors/index.ts";
import { type ExistenceProfile, profileOf } from "./profile.ts";
import { rowFor } from "./table.ts";
import type { Answer, Asker, ExistenceOperation, ExistenceRow, Mode, UserState } from "./types.ts";

/** What an operation does next. */
export type Decision = { kind: "proceed" } | { kind: "simulate" } | { kind: "fail"; error: CognitoError };

/**
 * The client's PreventUserExistenceErrors. THE only place the setting is read (docs/existence.md). Admin operations pass null: the setting belongs to app clients (docs/existence.md#legacy-and-enabled-at-a-glance).
 */
export function modeOf(client: Pick<ClientRecord, "config"> | null): Mode {
  return client?.config.PreventUserExistenceErrors === "ENABLED" ? "ENABLED" : "LEGACY";
}

/** The asker of a public operation: its app client and the pool's profile (./profile.ts). */
export function askerFor(
  client: Pick<ClientRecord, "config">,
  pool: PoolRecord,
  serverDefault: ExistenceProfile,
): Asker {
  return { client, profile: profileOf(pool, serverDefault) };
}

/**
 * A row's answer for a mode and a profile: the cognito profile's column for the mode; in a strict
 * pool the strict answer, or the ENABLED one where the row gives none, whatever the mode
 * (docs/existence.md#the-strict-profile).
 */
export function answerOf(row: ExistenceRow, mode: Mode, profile: ExistenceProfile): Answer {
  if (profile === "strict") return row.strict ?? row.enabled;
  return mode === "ENABLED" ? row.enabled : row.legacy;
}

/**
 * Looks up (operation, state) in the table and answers for the asker's mode and profile. Operations
 * never throw UserNotFoundException (or any other existence answer) themselves: they throw
 * `decision.error`. Admin operations pass null (LEGACY, cognito: their rows agree in every column).
 * The request path passes its services' probe, which sees every decision (src/probe.ts).
 */
export function decide(
  asker: Asker | null,
  operation: ExistenceOperation,
  state: UserState,
  probe: Probe = NO_PROBE,
): Decision {
  probe.existenceDecision?.(state);
  const row = rowFor(operation, state);
  const answer = answerOf(row, modeOf(asker?.client ?? null), asker?.profile ?? "cognito");
  if (answer.kind === "fail") return { kind: "fail", error: answer.error() };
  return answer;
}

/** `decide`, throwing the error of a `fail` answer; returns "proceed" or "simulate". */
export function decideOrThrow(
  asker: Asker | null,
  operation: ExistenceOperation,
  state: UserState,
  probe: Probe = NO_PROBE,
): "proceed" | "simulate" {
  const d = decide(asker, operation, state, probe);
  if (d.kind === "fail") throw d.error;
  return d.kind;
}
