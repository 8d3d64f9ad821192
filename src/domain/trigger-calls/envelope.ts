import type { Services } from "../../services.ts";
import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import type { EnvelopeInput, StringMap, TriggerRunner } from "../../triggers/index.ts";
import { poolConfig } from "../pools/pool.ts";

/**
 * What the operations and flows share when they call a trigger (docs/triggers.md, "What is wired"):
 * the pool's runner, the event envelope, and the user as Cognito shows it to functions.
 */
export type TriggerDeps = Pick<Services, "triggers" | "config" | "log">;

/** The runner for this pool's LambdaConfig (one invoker per server, docs/triggers.md#the-event-contract). */
export const runnerFor = (deps: TriggerDeps, pool: PoolRecord): TriggerRunner =>
  deps.triggers(poolConfig(pool).LambdaConfig);

/**
 * The envelope fields an operation knows. `clientId` undefined means an admin operation, which
 * Cognito reports as `CLIENT_ID_NOT_APPLICABLE` (docs/triggers.md#the-event-contract).
 */
export function envelopeFor(
  deps: Pick<Services, "config">,
  pool: PoolRecord,
  userName: string,
  clientId: string | undefined,
): EnvelopeInput {
  return {
    region: deps.config.region,
    userPoolId: pool.id,
    userName,
    ...(clientId !== undefined ? { clientId } : {}),
  };
}

/**
 * A user's attributes as trigger events carry them (docs/triggers.md#the-event-contract, observed event samples): string
 * values, `sub` first, `cognito:user_status`, and `cognito:email_alias` / `cognito:phone_number_alias`
 * when that alias is active in an alias pool.
 */
export function eventAttributes(pool: PoolRecord, user: UserRecord): StringMap {
  const { sub: _sub, ...rest } = user.attributes;
  const aliases = poolConfig(pool).AliasAttributes ?? [];
  const out: StringMap = { sub: user.sub, ...rest, "cognito:user_status": user.status };
  if (aliases.includes("email") && user.aliases.email !== undefined && rest.email) {
    out["cognito:email_alias"] = rest.email;
  }
  if (aliases.includes("phone_number") && user.aliases.phone_number !== undefined && rest.phone_number) {
    out["cognito:phone_number_alias"] = rest.phone_number;
  }
  return out;
}

/** AttributeType lists (ValidationData) as the string map events carry; absent stays absent. */
export function attributeMap(list: ReadonlyArray<{ Name: string; Value?: string | undefined }> | undefined) {
  if (!list) return undefined;
  return Object.fromEntries(list.map((a) => [a.Name, a.Value ?? ""])) as StringMap;
}
