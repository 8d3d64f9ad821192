import type { Services } from "../../services.ts";
import type { CodeRecord } from "../../storage/ports.ts";
import { errors } from "../errors/index.ts";
import { type CodeCheck, consumeCode } from "./issue.ts";

/**
 * What a code entry answers once the code was checked (./issue.ts `checkCode`). Cognito lists the
 * two errors for every operation that takes a code, e.g.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html
 * and …/API_ConfirmForgotPassword.html (Errors): ExpiredCodeException when no code is outstanding or
 * it is past its lifetime, CodeMismatchException when it differs. Returns the stored code for
 * `redeemCode`.
 */
export function acceptedCode(check: CodeCheck): CodeRecord {
  if (check.outcome === "expired") throw errors.expiredCode();
  if (check.outcome === "mismatch" || !check.record) throw errors.codeMismatch();
  return check.record;
}

/**
 * Uses an accepted code up before the operation's effect: codes are single use, and of two requests
 * with the same right code only the one whose take succeeds goes on; the other answers
 * CodeMismatchException, as if the code had already been used.
 */
export async function redeemCode(deps: Pick<Services, "store">, record: CodeRecord): Promise<void> {
  if (!(await consumeCode(deps, record))) throw errors.codeMismatch();
}
