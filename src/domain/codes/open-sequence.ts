import type { Services } from "../../services.ts";
import type { ClientRecord, PoolRecord } from "../../storage/ports.ts";
import { requireClientAndPool } from "../pools/lookup.ts";
import { checkSecretHash } from "../pools/secret-hash.ts";
import { canonicalName } from "../users/username.ts";
import { type AttemptCharge, type AttemptKind, chargeAttempt } from "./attempts.ts";
import { ensureSignUpDecoys } from "./decoy-rows.ts";
import type { Channel } from "./delivery.ts";

/** What both code sequences (./request-code.ts, ./enter-code.ts) start from. */
export interface OpenedSequence {
  client: ClientRecord;
  pool: PoolRecord;
  /** The per-name attempt charge, already counted. */
  charge: AttemptCharge;
}

/**
 * The opening both code sequences share, before anything about the user is read, so it says nothing
 * about users (docs/existence.md#checks-made-before-the-table-the-same-answer-for-every-name): the
 * client and its pool, SECRET_HASH, the operation's pool-wide refusal, the pool's sign-up decoy rows
 * (on both paths, so a masked read or write finds a row as a real user's does: ./decoy-rows.ts), and
 * the attempt charge for the name as typed (./attempts.ts).
 */
export async function openCodeSequence(
  deps: Pick<Services, "store" | "box" | "secrets" | "clock">,
  args: {
    request: { ClientId: string; Username: string; SecretHash?: string | undefined };
    operation: string;
    channel: Channel;
    attempt: AttemptKind;
    checkPool?: ((pool: PoolRecord) => void) | undefined;
  },
): Promise<OpenedSequence> {
  const req = args.request;
  const { client, pool } = await requireClientAndPool(deps.store, req.ClientId);
  checkSecretHash(deps.box, client, req.Username, req.SecretHash);
  args.checkPool?.(pool);
  if (args.channel === "sign-up") await ensureSignUpDecoys(deps, pool.id);
  const name = canonicalName(pool, req.Username);
  const charge = await chargeAttempt(deps, {
    poolId: pool.id,
    purpose: args.operation,
    kind: args.attempt,
    name,
  });
  return { client, pool, charge };
}
