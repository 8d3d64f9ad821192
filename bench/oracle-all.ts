/**
 * Every existence timing oracle in both profiles (docs/measuring.md#every-flow-in-both-profiles):
 * USER_PASSWORD_AUTH, USER_SRP_AUTH step 1, ForgotPassword, ResendConfirmationCode,
 * ConfirmForgotPassword and ConfirmSignUp, each × cognito and strict, each with its positive control,
 * then one summary table. Exit code 0 only when every flow passes and every control is detected.
 * `--flows USER_AUTH` (choice-based sign-in's first step, ./oracle/user-auth-flows.ts) and the answers
 * to its factors, `USER_AUTH_EMAIL_OTP`, `USER_AUTH_SMS_OTP`, `USER_AUTH_PASSWORD`,
 * `USER_AUTH_PASSWORD_SRP` and `USER_AUTH_WEB_AUTHN` (./oracle/factor-flows.ts), are selectable; they
 * are not in the default set, whose figures are the ones docs/performance.md compares.
 *
 *   npx tsx bench/oracle-all.ts [--samples 10000] [--control-samples 2000] [--warmup 300] [--delay 20]
 *                               [--profile both|cognito|strict] [--flows A,B]
 *
 * Run it on a quiet machine: other load spoils the figures in both directions.
 */
import { parseCampaign, runCampaign } from "./oracle/campaign.ts";

const campaign = parseCampaign({
  samples: 10000,
  warmup: 300,
  profile: "both",
  flows: [
    "USER_PASSWORD_AUTH",
    "USER_SRP_AUTH",
    "ForgotPassword",
    "ResendConfirmationCode",
    "ConfirmForgotPassword",
    "ConfirmSignUp",
  ],
});
process.exitCode = (await runCampaign(campaign)) ? 0 : 1;
