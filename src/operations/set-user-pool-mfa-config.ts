import { z } from "zod";
import { errors } from "../domain/errors/index.ts";
import { appliedMfaConfig, renderMfaConfig } from "../domain/mfa/index.ts";
import { requirePool } from "../domain/pools/lookup.ts";
import { poolConfig } from "../domain/pools/pool.ts";
import { shapes } from "../protocol/validation.ts";
import type { Services } from "../services.ts";
import { defineOperation } from "./operation.ts";

const withCode = /.*\{####\}.*/s;

/**
 * SetUserPoolMfaConfig (docs/mfa.md#pool-settings): MfaConfiguration and the three factors' settings,
 * with the model's constraints (a message must hold `{####}`); answers the stored configuration.
 */
export const setUserPoolMfaConfig = defineOperation(
  "SetUserPoolMfaConfig",
  z.object({
    UserPoolId: shapes.userPoolId,
    SmsMfaConfiguration: z
      .object({
        SmsAuthenticationMessage: z.string().min(6).max(140).regex(withCode).optional(),
        SmsConfiguration: z
          .object({
            SnsCallerArn: z.string().min(20).max(2048),
            ExternalId: z.string().optional(),
            SnsRegion: z.string().min(5).max(32).optional(),
          })
          .optional(),
      })
      .optional(),
    SoftwareTokenMfaConfiguration: z.object({ Enabled: z.boolean().optional() }).optional(),
    EmailMfaConfiguration: z
      .object({
        Message: z.string().min(6).max(20000).regex(withCode).optional(),
        Subject: z.string().min(1).max(140).optional(),
      })
      .optional(),
    MfaConfiguration: z.enum(["OFF", "ON", "OPTIONAL"]).optional(),
    WebAuthnConfiguration: z
      .object({
        RelyingPartyId: z.string().min(1).max(127).optional(),
        UserVerification: z.enum(["required", "preferred"]).optional(),
        FactorConfiguration: z.enum(["SINGLE_FACTOR", "MULTI_FACTOR_WITH_USER_VERIFICATION"]).optional(),
      })
      .optional(),
  }),
  async ({ UserPoolId, ...input }, { store, clock }: Pick<Services, "clock" | "store">) => {
    const pool = await requirePool(store, UserPoolId);
    const config = appliedMfaConfig(poolConfig(pool), input);
    const next = { ...pool, config: { ...config }, modifiedAt: clock.now() };
    if (!(await store.pools.update(next))) throw errors.poolNotFound(UserPoolId);
    return renderMfaConfig(next);
  },
);
