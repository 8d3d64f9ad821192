/**
 * Timing oracle for sign-in under PreventUserExistenceErrors = ENABLED (docs/measuring.md#the-timing-oracle-test):
 * for USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and USER_SRP_AUTH step 1, a random interleaving of
 * "real user, wrong password" and "unknown name", one request in flight, over loopback, against a
 * server in a child process; Welch's t raw and cropped, KS p. Then the positive control: a second
 * server that busy-waits on the unknown-user path (`--bench-delay-path unknown-user`,
 * src/bench-delay.ts) must be DETECTED. The classes are described in bench/oracle/signin-flows.ts.
 *
 *   npx tsx bench/oracle-signin.ts [--samples 2000] [--control-samples N] [--warmup 200] [--delay 20]
 *                                  [--profile cognito|strict|both] [--flows A,B]
 */
import { parseCampaign, runCampaign } from "./oracle/campaign.ts";
import { SIGN_IN_FLOWS } from "./oracle/signin-flows.ts";

const campaign = parseCampaign({ samples: 2000, warmup: 200, profile: "cognito", flows: SIGN_IN_FLOWS });
process.exitCode = (await runCampaign(campaign)) ? 0 : 1;
