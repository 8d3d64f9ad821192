import type { PoolRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import type { MutablePoolSettings } from "./pool-settings.ts";

/**
 * The first factors a pool offers to choice-based sign-in (USER_AUTH): its
 * `Policies.SignInPolicy.AllowedFirstAuthFactors`
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignInPolicyType.html,
 * docs/authentication.md#configuration).
 */
export type FirstFactor = "PASSWORD" | "EMAIL_OTP" | "SMS_OTP" | "WEB_AUTHN";

const FIRST_FACTORS: readonly FirstFactor[] = ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"];
const isFirstFactor = (f: string): f is FirstFactor => (FIRST_FACTORS as readonly string[]).includes(f);

/**
 * CreateUserPool / UpdateUserPool refusals, after the model's own constraints (1–4 values of the
 * enum, checked at the edge):
 * - SOFTWARE_TOKEN is an AuthFactorType but "Do not include this value in AllowedFirstAuthFactors"
 *   (the API reference): InvalidParameterException;
 * - PASSWORD must be in the list: Cognito pools always keep password sign-in (decision; the console
 *   offers no way to remove it);
 * - a LITE pool offers no passwordless factor (Essentials and Plus features,
 *   https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html):
 *   FeatureUnavailableInTierException. Pools without UserPoolTier are Essentials, Cognito's default
 *   for new pools.
 */
export function assertSignInPolicy(s: MutablePoolSettings): void {
  const factors = s.Policies?.SignInPolicy?.AllowedFirstAuthFactors;
  if (factors === undefined) return;
  for (const f of factors) if (!isFirstFactor(f)) throw errors.notAFirstFactor(f);
  if (!factors.includes("PASSWORD")) throw errors.passwordFactorRequired();
  if (s.UserPoolTier === "LITE" && factors.some((f) => f !== "PASSWORD"))
    throw errors.featureUnavailableInTier();
}

/** The pool's first factors in its own order (["PASSWORD"] for pools created before the setting). */
export function allowedFirstFactors(pool: PoolRecord): FirstFactor[] {
  const c = pool.config as { Policies?: { SignInPolicy?: { AllowedFirstAuthFactors?: string[] } } };
  const list = c.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ["PASSWORD"];
  return list.filter(isFirstFactor);
}

/** Whether the pool allows passwordless sign-up: an OTP first factor (SignUp without Password). */
export const allowsPasswordless = (pool: PoolRecord): boolean =>
  allowedFirstFactors(pool).some((f) => f === "EMAIL_OTP" || f === "SMS_OTP");
