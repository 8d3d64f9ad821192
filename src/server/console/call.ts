import { errors } from "../../domain/errors/index.ts";
import { poolArn } from "../../domain/ids.ts";
import { operations } from "../../operations/registry.ts";
import { newRequestId } from "../../protocol/aws-json.ts";
import { validate } from "../../protocol/validation.ts";
import type { Services } from "../../services.ts";
import type { AdminKey } from "../admin-auth/keys.ts";

/** Who is acting: the admin key that signed in, or the local caller of a keyless server. */
export interface Principal {
  key: AdminKey | null;
  remoteAddress: string;
}

/**
 * Every console action is one call of an API operation, made here and nowhere else: the same
 * registry entry, the same input validation, the same request-rate quota and the same handler that
 * `POST /` reaches, so the console can do nothing the API would not do, and answers with the same
 * errors (docs/console.md#security). Only the HTTP admission differs: the console's own
 * session stands for the Signature Version 4, and the key's pool scope is applied exactly as
 * src/server/admin-auth/guard.ts applies it. Only IAM-class (admin plane) operations are called.
 */
export async function callOperation<T = Record<string, unknown>>(
  services: Services,
  who: Principal,
  name: string,
  input: Record<string, unknown>,
): Promise<T> {
  const op = operations.get(name);
  if (op?.auth !== "iam") throw new Error(`the console calls admin operations only, not ${name}`);
  const poolId = typeof input.UserPoolId === "string" ? input.UserPoolId : null;
  if (who.key && who.key.pools !== "*" && (poolId === null || !who.key.pools.has(poolId)))
    throw errors.accessDenied(
      `arn:aws:iam::000000000000:user/${who.key.accessKeyId}`,
      name,
      poolArn(services.config.region, poolId ?? "*"),
    );
  const requestId = newRequestId();
  const log = services.log.child({ requestId, console: who.key?.accessKeyId ?? "local" });
  const valid = validate(op.input, input);
  await services.quotas.admit(name, valid);
  const out = await op.handle(valid, services, { requestId, log, remoteAddress: who.remoteAddress });
  // The audit line of every change made from the console: who, what, which pool; never the input.
  if (!/^(Describe|List|Get|AdminGet|AdminList)/.test(name))
    log.info({ operation: name, poolId }, "console action");
  return out as T;
}
