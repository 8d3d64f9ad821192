/**
 * Timing oracle for sign-up and recovery under PreventUserExistenceErrors = ENABLED
 * (docs/measuring.md#the-timing-oracle-test): ForgotPassword, ResendConfirmationCode,
 * ConfirmForgotPassword and ConfirmSignUp, each a random interleaving of a real user and an unknown
 * name, over loopback, against a server in a child process. Then the positive control: a second
 * server that busy-waits on the unknown-user path (`--bench-delay-path unknown-user`,
 * src/bench-delay.ts) must be DETECTED. The classes are described in bench/oracle/recovery-flows.ts.
 *
 *   npx tsx bench/oracle-recovery.ts [--samples 1000] [--control-samples N] [--warmup 200] [--delay 20]
 *                                    [--profile cognito|strict|both] [--flows A,B]
 */
import { parseCampaign, runCampaign } from "./oracle/campaign.ts";
import { RECOVERY_FLOWS } from "./oracle/recovery-flows.ts";

const campaign = parseCampaign({ samples: 1000, warmup: 200, profile: "cognito", flows: RECOVERY_FLOWS });
process.exitCode = (await runCampaign(campaign)) ? 0 : 1;
