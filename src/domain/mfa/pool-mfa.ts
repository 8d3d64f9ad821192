import type { PoolRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { type PoolConfig, poolConfig } from "../pools/pool.ts";

/** The three MFA factors, by their ChallengeNameType names (docs/mfa.md). */
export const MFA_FACTORS = ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"] as const;
export type MfaFactor = (typeof MFA_FACTORS)[number];

export type MfaMode = "OFF" | "ON" | "OPTIONAL";

/**
 * What SetUserPoolMfaConfig stores besides MfaConfiguration, SmsAuthenticationMessage and
 * SmsConfiguration (which are UserPoolType members and live there): kept in the pool config under
 * `MfaFactors`, hidden from DescribeUserPool (../pools/pool.ts renderPool) and kept by UpdateUserPool.
 */
export interface MfaFactorsConfig {
  sms: boolean;
  totp: boolean;
  email: { Message?: string; Subject?: string } | null;
  webAuthn?: Record<string, unknown>;
}

export interface PoolMfa {
  mode: MfaMode;
  sms: boolean;
  totp: boolean;
  email: { Message?: string; Subject?: string } | null;
  smsMessage: string | undefined;
  webAuthn: Record<string, unknown> | undefined;
}

/**
 * The pool's MFA settings. A pool never given SetUserPoolMfaConfig has SMS MFA exactly when MFA is
 * not OFF and it has an SmsConfiguration (how CreateUserPool turned MFA on before the factor settings
 * existed); software-token and email MFA are off until SetUserPoolMfaConfig turns them on.
 */
export function poolMfa(pool: PoolRecord): PoolMfa {
  const c = poolConfig(pool);
  const mode = (c.MfaConfiguration ?? "OFF") as MfaMode;
  const f = c.MfaFactors as MfaFactorsConfig | undefined;
  return {
    mode,
    sms: f ? f.sms : mode !== "OFF" && Boolean(c.SmsConfiguration?.SnsCallerArn),
    totp: f?.totp ?? false,
    email: f?.email ?? null,
    smsMessage: c.SmsAuthenticationMessage,
    webAuthn: f?.webAuthn,
  };
}

/** The factors the pool offers, in Cognito's order. */
export function poolFactors(m: PoolMfa): MfaFactor[] {
  return MFA_FACTORS.filter((f) =>
    f === "SMS_MFA" ? m.sms : f === "SOFTWARE_TOKEN_MFA" ? m.totp : !!m.email,
  );
}

export interface MfaConfigInput {
  SmsMfaConfiguration?:
    | {
        SmsAuthenticationMessage?: string | undefined;
        SmsConfiguration?: {
          SnsCallerArn: string;
          ExternalId?: string | undefined;
          SnsRegion?: string | undefined;
        };
      }
    | undefined;
  SoftwareTokenMfaConfiguration?: { Enabled?: boolean | undefined } | undefined;
  EmailMfaConfiguration?: { Message?: string | undefined; Subject?: string | undefined } | undefined;
  MfaConfiguration?: MfaMode | undefined;
  WebAuthnConfiguration?: Record<string, unknown> | undefined;
}

const defined = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * SetUserPoolMfaConfig applied to a pool config (decisions in docs/mfa.md#pool-settings): the three
 * factor settings are replaced as a whole (an omitted one turns that factor off), MfaConfiguration
 * omitted means OFF, WebAuthnConfiguration omitted is kept. SMS needs an SmsConfiguration on the
 * request or the pool; email needs the pool to send with Amazon SES (EmailSendingAccount DEVELOPER,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-email-message.html);
 * ON or OPTIONAL needs at least one factor.
 */
export function appliedMfaConfig(c: PoolConfig, input: MfaConfigInput): PoolConfig {
  const next: PoolConfig = { ...c };
  const old = c.MfaFactors as MfaFactorsConfig | undefined;
  const sms = input.SmsMfaConfiguration;
  if (sms) {
    const smsConfiguration = sms.SmsConfiguration ?? c.SmsConfiguration;
    if (!smsConfiguration?.SnsCallerArn) throw errors.smsConfigurationMissing();
    next.SmsConfiguration = defined({ ...smsConfiguration });
    if (sms.SmsAuthenticationMessage !== undefined)
      next.SmsAuthenticationMessage = sms.SmsAuthenticationMessage;
  }
  const email = input.EmailMfaConfiguration;
  if (email && c.EmailConfiguration?.EmailSendingAccount !== "DEVELOPER")
    throw errors.emailMfaNeedsDeveloper();
  const factors: MfaFactorsConfig = {
    sms: Boolean(sms),
    totp: input.SoftwareTokenMfaConfiguration?.Enabled === true,
    email: email ? defined({ Message: email.Message, Subject: email.Subject }) : null,
    ...(input.WebAuthnConfiguration
      ? { webAuthn: input.WebAuthnConfiguration }
      : old?.webAuthn
        ? { webAuthn: old.webAuthn }
        : {}),
  };
  const mode = input.MfaConfiguration ?? "OFF";
  if (mode !== "OFF" && !factors.sms && !factors.totp && !factors.email) throw errors.mfaWithoutFactor();
  next.MfaConfiguration = mode;
  next.MfaFactors = { ...factors };
  return next;
}

/** GetUserPoolMfaConfig's (and SetUserPoolMfaConfig's) answer. */
export function renderMfaConfig(pool: PoolRecord): Record<string, unknown> {
  const m = poolMfa(pool);
  const c = poolConfig(pool);
  return {
    ...(m.sms
      ? {
          SmsMfaConfiguration: defined({
            SmsAuthenticationMessage: m.smsMessage,
            SmsConfiguration: c.SmsConfiguration,
          }),
        }
      : {}),
    SoftwareTokenMfaConfiguration: { Enabled: m.totp },
    ...(m.email ? { EmailMfaConfiguration: m.email } : {}),
    MfaConfiguration: m.mode,
    ...(m.webAuthn ? { WebAuthnConfiguration: m.webAuthn } : {}),
  };
}
