import type { UserRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { MFA_FACTORS, type MfaFactor } from "./pool-mfa.ts";

/**
 * A user's MFA state, kept in the user row's `meta.mfa` and so written with the row's compare-and-set
 * (docs/storage.md#no-lost-updates). TOTP secrets are sealed with the master key (./totp.ts): the row
 * never holds one in clear (docs/security.md#secrets-at-rest).
 */
export interface UserMfa {
  sms?: boolean;
  email?: boolean;
  /** TOTP is an enabled MFA method (SetUserMFAPreference), which needs `totpSecret`. */
  totp?: boolean;
  preferred?: MfaFactor;
  /** The verified TOTP secret, sealed. */
  totpSecret?: string;
  /** A secret AssociateSoftwareToken issued and VerifySoftwareToken has not confirmed yet, sealed. */
  totpPending?: string;
  /** VerifySoftwareToken's FriendlyDeviceName, echoed as FRIENDLY_DEVICE_NAME. */
  totpName?: string;
}

export const userMfa = (u: UserRecord): UserMfa => (u.meta.mfa ?? {}) as UserMfa;

export const withMfa = (u: UserRecord, mfa: UserMfa, now: number): UserRecord => ({
  ...u,
  meta: { ...u.meta, mfa: { ...mfa } },
  modifiedAt: now,
});

/** The user's enabled MFA methods, in Cognito's order (UserMFASettingList). */
export function enabledFactors(m: UserMfa): MfaFactor[] {
  return MFA_FACTORS.filter((f) =>
    f === "SMS_MFA" ? m.sms : f === "SOFTWARE_TOKEN_MFA" ? m.totp && !!m.totpSecret : m.email,
  );
}

/**
 * GetUser / AdminGetUser's MFA members, each omitted when empty, as in real answers
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html):
 * UserMFASettingList, PreferredMfaSetting, and the legacy MFAOptions, which shows SMS only.
 */
export function renderMfaMembers(u: UserRecord): Record<string, unknown> {
  const m = userMfa(u);
  const list = enabledFactors(m);
  return {
    ...(m.sms ? { MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }] } : {}),
    ...(m.preferred && list.includes(m.preferred) ? { PreferredMfaSetting: m.preferred } : {}),
    ...(list.length > 0 ? { UserMFASettingList: list } : {}),
  };
}

export interface FactorSetting {
  Enabled?: boolean | undefined;
  PreferredMfa?: boolean | undefined;
}

export interface PreferenceInput {
  SMSMfaSettings?: FactorSetting | null | undefined;
  SoftwareTokenMfaSettings?: FactorSetting | null | undefined;
  EmailMfaSettings?: FactorSetting | null | undefined;
}

const KEY: Readonly<Record<MfaFactor, "sms" | "totp" | "email">> = {
  SMS_MFA: "sms",
  SOFTWARE_TOKEN_MFA: "totp",
  EMAIL_OTP: "email",
};

/**
 * SetUserMFAPreference / AdminSetUserMFAPreference applied to a user (decisions in
 * docs/mfa.md#user-settings): each settings object is independent and an omitted one leaves its factor
 * as it is; PreferredMfa true makes that factor the only preferred one and needs it enabled; TOTP
 * needs a verified token, SMS a phone_number, email an email.
 */
export function appliedPreference(u: UserRecord, input: PreferenceInput): UserMfa {
  const m: UserMfa = { ...userMfa(u) };
  const settings: [MfaFactor, FactorSetting | null | undefined][] = [
    ["SMS_MFA", input.SMSMfaSettings],
    ["SOFTWARE_TOKEN_MFA", input.SoftwareTokenMfaSettings],
    ["EMAIL_OTP", input.EmailMfaSettings],
  ];
  for (const [factor, s] of settings) {
    if (!s) continue;
    const key = KEY[factor];
    const enable = s.Enabled ?? (s.PreferredMfa === true ? true : m[key] === true);
    if (s.PreferredMfa === true && s.Enabled === false) throw errors.preferredNotEnabled();
    if (enable) assertCanEnable(u, m, factor);
    m[key] = enable;
    if (!enable || s.PreferredMfa === false) {
      if (m.preferred === factor) delete m.preferred;
    }
    if (enable && s.PreferredMfa === true) m.preferred = factor;
  }
  if (m.preferred && !m[KEY[m.preferred]]) delete m.preferred;
  return m;
}

function assertCanEnable(u: UserRecord, m: UserMfa, factor: MfaFactor): void {
  if (factor === "SOFTWARE_TOKEN_MFA" && !m.totpSecret) {
    throw m.totpPending ? errors.totpNotVerified() : errors.totpNotSetUp();
  }
  if (factor === "SMS_MFA" && !u.attributes.phone_number) throw errors.noDeliveryConfig(factor);
  if (factor === "EMAIL_OTP" && !u.attributes.email) throw errors.noDeliveryConfig(factor);
}

/**
 * SetUserSettings / AdminSetUserSettings, the legacy SMS switch: an MFAOptions entry for SMS turns
 * SMS MFA on, an empty list turns it off (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserSettings.html).
 */
export function appliedSettings(
  u: UserRecord,
  options: { DeliveryMedium?: string | undefined; AttributeName?: string | undefined }[],
): UserMfa {
  const wantsSms = options.some((o) => o.DeliveryMedium === "SMS");
  if (wantsSms) return appliedPreference(u, { SMSMfaSettings: { Enabled: true } });
  return appliedPreference(u, { SMSMfaSettings: { Enabled: false } });
}
