import { z } from "zod";

/**
 * Building blocks for checking what a trigger returned. Cognito's own functions are often written in
 * Go, Java or .NET, whose serializers emit `null` for unset fields, so every optional field accepts
 * `null` and is normalised to "absent". A field of the wrong type makes Cognito answer
 * `InvalidLambdaResponseException: Unrecognizable lambda output` (docs/errors.md, docs/triggers.md#pretokengeneration).
 */
export const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((v): z.output<T> | undefined => v ?? undefined);

export const stringMap = z.record(z.string(), z.string());
export const stringList = z.array(z.string());

/** A response part with only the listed fields checked; extra fields pass through untouched. */
export const responseShape = <S extends z.ZodRawShape>(shape: S) => z.looseObject(shape);

/** Triggers with no response fields (PostConfirmation, PreAuthentication, PostAuthentication). */
export const noResponse = z.looseObject({});

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Splits a returned value into the event and its `response` part, or null when it is not an event.
 * An event is a JSON object with a `response` member (an object, or null read as empty). Cognito
 * rejects null, "" and {} from a migration function as "not an event" (docs/triggers.md#worked-example-user-migration-and-preventuserexistenceerrors, docs/triggers.md#usermigration); the same
 * test applies to every trigger so a handler that forgets `return event` fails the same way.
 */
export function splitReturnedEvent(value: unknown): { event: JsonObject; response: unknown } | null {
  if (!isJsonObject(value) || !("response" in value)) return null;
  return { event: value, response: value.response ?? {} };
}

/** Drops the keys whose value normalised to undefined, so "absent" reads the same however it came. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
  return out as T;
}
