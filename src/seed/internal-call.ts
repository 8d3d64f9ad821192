import { operations } from "../operations/registry.ts";
import { validate } from "../protocol/validation.ts";
import type { Services } from "../services.ts";

/**
 * Calls an API operation as an internal caller: the same registry entry, input validation and
 * handler a request reaches, without the HTTP edge (no admission, no quotas). The seed applies
 * itself through this, so a seeded pool is exactly what the API would have made.
 */
export async function callOperation(
  services: Services,
  name: string,
  input: object,
): Promise<Record<string, unknown>> {
  const op = operations.get(name);
  if (!op) throw new Error(`no operation ${name}`);
  const out = await op.handle(validate(op.input, input), services, {
    requestId: "seed",
    log: services.log,
    remoteAddress: "internal",
  });
  return out as Record<string, unknown>;
}
