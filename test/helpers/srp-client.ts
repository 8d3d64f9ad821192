/**
 * A hand-driven USER_SRP_AUTH client (docs/srp.md#what-the-client-computes): for tests that need to
 * step through the exchange (replay, forged blocks, timestamps) and for the benches. The client
 * half of SRP is the one the managed-login page computes (src/domain/oauth/page-srp.ts). The real
 * amazon-cognito-identity-js is used by the e2e tests that sign in end to end.
 */
import { type PageSrpStart, pageSrpProof, pageSrpStart } from "../../src/domain/oauth/page-srp.ts";

export type SrpClientStart = PageSrpStart;

export const srpStart = (): SrpClientStart => pageSrpStart();

/** The ChallengeResponses of PASSWORD_VERIFIER for `password`, given step 1's ChallengeParameters. */
export function srpRespond(
  poolId: string,
  start: SrpClientStart,
  params: Record<string, string>,
  password: string,
  when: Date = new Date(),
): Record<string, string> {
  return pageSrpProof(poolId, start, params, password, when.getTime());
}
