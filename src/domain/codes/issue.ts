import { safeEqual } from "../../crypto/server-secrets.ts";
import type { Services } from "../../services.ts";
import type { CodeRecord, PoolRecord, UserRecord } from "../../storage/ports.ts";
import { newNumericCode } from "../ids.ts";
import { poolConfig } from "../pools/pool.ts";
import { inTransaction } from "../transaction.ts";
import type { CustomText } from "../trigger-calls/custom-message.ts";
import type { CodeDeliveryDetails, Target } from "./delivery.ts";
import { renderCodeMessage } from "./message.ts";

/**
 * Confirmation and reset codes: 6 digits; sign-up codes live 24 h, reset codes 1 h (docs/authentication.md#lockout-and-throttling, docs/authentication.md#code-requests-and-entries);
 * only the latest is valid (CodeStore.put replaces); single use (CodeStore.take). Only an HMAC of the
 * code is stored; the clear code goes only into the outbox message, sealed with the master key
 * (docs/security.md#secrets-at-rest). The masked path of an operation
 * uses the decoy functions, which make the same storage calls and MACs on decoy rows.
 */
export type CodePurpose = "SIGN_UP" | "FORGOT_PASSWORD" | "SIGN_IN";

const HOUR = 60 * 60 * 1000;
/**
 * SIGN_IN: the one-time codes of choice-based sign-in (../auth-flows/user-auth/otp.ts), valid for the
 * longest AuthSessionValidity (15 minutes, "MFA code validity period 3–15 minutes",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/limits.html); the challenge session, with
 * the client's own validity, bounds it further.
 */
export const CODE_LIFETIME_MS: Readonly<Record<CodePurpose, number>> = {
  SIGN_UP: 24 * HOUR,
  FORGOT_PASSWORD: HOUR,
  SIGN_IN: HOUR / 4,
};

/** A message's text around the code, when the caller renders it itself (sign-in codes). */
export interface RenderedMessage {
  subject: string | null;
  body: string[];
}

export { DECOY_PURPOSE } from "../../messaging/messenger.ts";

export type CodeDeps = Pick<Services, "store" | "secrets" | "clock" | "messenger">;

/** The stored form of a code, bound to its pool, subject and purpose. */
export const codeHash = (
  deps: Pick<Services, "secrets">,
  poolId: string,
  subject: string,
  purpose: string,
  code: string,
) => deps.secrets.macHex("code", poolId, subject, purpose, code);

async function putCode(
  deps: CodeDeps,
  poolId: string,
  subject: string,
  purpose: CodePurpose,
): Promise<string> {
  const code = newNumericCode(6);
  const now = deps.clock.now();
  await deps.store.codes.put({
    poolId,
    subject,
    purpose,
    codeHash: codeHash(deps, poolId, subject, purpose, code),
    createdAt: now,
    expiresAt: now + CODE_LIFETIME_MS[purpose],
  });
  return code;
}

/**
 * Issues a code to a user and queues the message (one code row, one outbox row, one transaction);
 * `text` is what a CustomMessage function returned (../trigger-calls/custom-message.ts), run by the
 * caller beforehand.
 */
export async function issueCode(
  deps: CodeDeps,
  args: {
    pool: PoolRecord;
    user: UserRecord;
    purpose: CodePurpose;
    target: Target;
    text?: CustomText | undefined;
    rendered?: RenderedMessage;
  },
): Promise<void> {
  const { pool, user, purpose, target } = args;
  await inTransaction(deps, async (tx) => {
    const code = await putCode(tx, pool.id, user.sub, purpose);
    const { subject, body } = args.rendered ?? renderCodeMessage(poolConfig(pool), target.medium, args.text);
    await tx.messenger.enqueue({
      poolId: pool.id,
      username: user.username,
      sub: user.sub,
      medium: target.medium,
      destination: target.address,
      subject,
      body,
      code,
      purpose,
    });
  });
}

/** The code-row write of `issueDecoy` alone, for a masked path whose message is another (./sign-up-notice.ts). */
export async function putDecoyCode(
  deps: CodeDeps,
  args: { poolId: string; decoy: string; purpose: CodePurpose },
): Promise<void> {
  await putCode(deps, args.poolId, args.decoy, args.purpose);
}

/**
 * The masked path's twin of `issueCode`: the same storage calls and MAC, on the name's decoy code row
 * (./delivery.ts decoySubject) and a decoy message, sealed the same way, through the messenger, which
 * never sends it.
 */
export async function issueDecoy(
  deps: CodeDeps,
  args: {
    pool: PoolRecord;
    purpose: CodePurpose;
    decoy: string;
    /** The outbox row's username (./delivery.ts decoyOutboxName). */
    username: string;
    delivery: Pick<CodeDeliveryDetails, "DeliveryMedium" | "Destination">;
    text?: CustomText | undefined;
    rendered?: RenderedMessage;
  },
): Promise<void> {
  const { pool, purpose, decoy, delivery, username } = args;
  await inTransaction(deps, async (tx) => {
    const code = await putCode(tx, pool.id, decoy, purpose);
    const { subject, body } =
      args.rendered ?? renderCodeMessage(poolConfig(pool), delivery.DeliveryMedium, args.text);
    await tx.messenger.enqueueDecoy({
      poolId: pool.id,
      username,
      sub: decoy,
      medium: delivery.DeliveryMedium,
      destination: delivery.Destination,
      subject,
      body,
      // The decoy's own code, sealed like a real one: the same seal over the same amount of text.
      code,
    });
  });
}

export interface CodeCheck {
  outcome: "match" | "mismatch" | "expired";
  /** The stored code (for consumeCode), null when none is outstanding. */
  record: CodeRecord | null;
}

/** Never equal to a real hash (64 hex digits of a MAC); compared when no code is stored. */
const ABSENT = "-".repeat(64);

/**
 * Reads the outstanding code and compares HMACs in constant time. Absent or past its expiry →
 * "expired" (ExpiredCodeException); different → "mismatch" (CodeMismatchException).
 */
export async function checkCode(
  deps: Pick<Services, "store" | "secrets" | "clock">,
  args: { poolId: string; subject: string; purpose: CodePurpose; code: string },
): Promise<CodeCheck> {
  const record = await deps.store.codes.get(args.poolId, args.subject, args.purpose);
  const equal = safeEqual(
    codeHash(deps, args.poolId, args.subject, args.purpose, args.code),
    record?.codeHash ?? ABSENT,
  );
  if (!record || record.expiresAt <= deps.clock.now()) return { outcome: "expired", record };
  return { outcome: equal ? "match" : "mismatch", record };
}

/**
 * The masked path's twin of `checkCode`: the same read and MAC on the name's decoy row (which exists
 * once the name was sent a decoy, as a real user's exists once a code was requested); always a mismatch.
 */
export async function checkDecoyCode(
  deps: Pick<Services, "store" | "secrets" | "clock">,
  args: { poolId: string; purpose: CodePurpose; decoy: string; code: string },
): Promise<"mismatch"> {
  await checkCode(deps, { poolId: args.poolId, subject: args.decoy, purpose: args.purpose, code: args.code });
  return "mismatch";
}

/** Uses the code up; false when another request took it first (then answer CodeMismatchException). */
export function consumeCode(deps: Pick<Services, "store">, record: CodeRecord): Promise<boolean> {
  return deps.store.codes.take(record.poolId, record.subject, record.purpose, record.codeHash);
}
