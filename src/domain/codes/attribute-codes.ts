import { safeEqual } from "../../crypto/server-secrets.ts";
import type { Services } from "../../services.ts";
import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import { newNumericCode } from "../ids.ts";
import { poolConfig } from "../pools/pool.ts";
import { inTransaction } from "../transaction.ts";
import type { CustomText } from "../trigger-calls/custom-message.ts";
import { type CodeDeliveryDetails, type ContactAttribute, maskTarget } from "./delivery.ts";
import { type CodeCheck, codeHash } from "./issue.ts";
import { renderCodeMessage } from "./message.ts";

/**
 * Codes that verify an email or phone number of a signed-in user (GetUserAttributeVerificationCode,
 * UpdateUserAttributes, VerifyUserAttribute). ./issue.ts covers SIGN_UP and FORGOT_PASSWORD only, so
 * this file adds the `VERIFY:<attribute>` purpose with the same rules: six digits, an HMAC at rest,
 * only the latest valid, single use. Lifetime 24 h, like Cognito's verification codes (docs/authentication.md#lockout-and-throttling, docs/authentication.md#code-requests-and-entries).
 */
export const VERIFY_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;

export const verifyPurpose = (attribute: ContactAttribute): string => `VERIFY:${attribute}`;

export const isContactAttribute = (name: string): name is ContactAttribute =>
  name === "email" || name === "phone_number";

type Deps = Pick<Services, "store" | "secrets" | "clock" | "messenger">;

/** Issues a code for the user's current value of `attribute` and queues the message (`text`: CustomMessage). */
export async function issueAttributeCode(
  deps: Deps,
  pool: PoolRecord,
  user: UserRecord,
  attribute: ContactAttribute,
  text?: CustomText,
): Promise<CodeDeliveryDetails> {
  const address = user.attributes[attribute] ?? "";
  const medium = attribute === "email" ? "EMAIL" : "SMS";
  const purpose = verifyPurpose(attribute);
  const code = newNumericCode(6);
  const now = deps.clock.now();
  // The code row and its message commit together (docs/storage.md#transactions).
  await inTransaction(deps, async (tx) => {
    await tx.store.codes.put({
      poolId: pool.id,
      subject: user.sub,
      purpose,
      codeHash: codeHash(deps, pool.id, user.sub, purpose, code),
      createdAt: now,
      expiresAt: now + VERIFY_CODE_LIFETIME_MS,
    });
    const { subject, body } = renderCodeMessage(poolConfig(pool), medium, text);
    await tx.messenger.enqueue({
      poolId: pool.id,
      username: user.username,
      sub: user.sub,
      medium,
      destination: address,
      subject,
      body,
      code,
      purpose,
    });
  });
  return maskTarget({ attribute, medium, address });
}

const ABSENT = "-".repeat(64);

/** Compares in constant time; absent or expired → "expired", different → "mismatch". */
export async function checkAttributeCode(
  deps: Pick<Services, "store" | "secrets" | "clock">,
  pool: PoolRecord,
  user: UserRecord,
  attribute: ContactAttribute,
  code: string,
): Promise<CodeCheck> {
  const purpose = verifyPurpose(attribute);
  const record = await deps.store.codes.get(pool.id, user.sub, purpose);
  const equal = safeEqual(codeHash(deps, pool.id, user.sub, purpose, code), record?.codeHash ?? ABSENT);
  if (!record || record.expiresAt <= deps.clock.now()) return { outcome: "expired", record };
  return { outcome: equal ? "match" : "mismatch", record };
}
