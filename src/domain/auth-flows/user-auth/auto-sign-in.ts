import { invalidSession } from "../session.ts";
import type { AuthContext, AuthOutcome } from "../types.ts";

/** Auto sign-in with ConfirmSignUp's Session (docs/authentication.md#auto-sign-in): not yet issued. */
export async function autoSignIn(
  _ctx: AuthContext,
  _typed: string,
  _sessionId: string,
): Promise<AuthOutcome> {
  throw invalidSession();
}
