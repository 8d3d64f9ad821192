import { z } from "zod";

/** Shapes of the MFA and device operations' inputs, from the API model (docs/mfa.md). */
const bool = z.boolean().optional();

/** amazon-cognito-identity-js sends `null` for a factor it leaves alone; null means absent. */
export const factorSettings = z.object({ Enabled: bool, PreferredMfa: bool }).nullable().optional();

export const mfaPreference = {
  SMSMfaSettings: factorSettings,
  SoftwareTokenMfaSettings: factorSettings,
  EmailMfaSettings: factorSettings,
  WebAuthnMfaSettings: z.object({ Enabled: bool }).nullable().optional(),
};

export const mfaOptions = z
  .array(
    z.object({
      DeliveryMedium: z.enum(["SMS", "EMAIL"]).optional(),
      AttributeName: z
        .string()
        .min(1)
        .max(32)
        .regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u)
        .optional(),
    }),
  )
  .max(50);

export const deviceKey = z
  .string()
  .min(1)
  .max(55)
  .regex(/^[\w-]+_[0-9a-f-]+$/);

export const deviceRememberedStatus = z.enum(["remembered", "not_remembered"]);

/** ListDevices / AdminListDevices: Limit 0–60 and an opaque token. */
export const deviceLimit = z.number().int().min(0).max(60).optional();
export const paginationKey = z
  .string()
  .min(1)
  .regex(/^[\S]+$/)
  .optional();
