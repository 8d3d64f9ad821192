import { randomBytes } from "node:crypto";
import type { Services } from "../../../services.ts";
import type { ClientRecord, PoolRecord, UserRecord } from "../../../storage/ports.ts";
import { clientConfig } from "../../pools/client.ts";
import { findUser } from "../../users/username.ts";
import { flowAllowed } from "../params.ts";
import { expiredSession, invalidSession, usedSession } from "../session.ts";
import type { AuthContext, AuthOutcome } from "../types.ts";
import { afterPasswordlessFactor } from "./finish.ts";

/**
 * Auto sign-in after sign-up (docs/authentication.md#auto-sign-in): ConfirmSignUp "returns a session
 * identifier that you can use to immediately sign in the confirmed user"
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html),
 * which InitiateAuth USER_AUTH accepts as its Session: tokens, no challenge, once, for that user and
 * client, within the client's AuthSessionValidity. The code the user just entered was the factor.
 * Issued only to clients that allow USER_AUTH, and only after a right code, so it tells nothing a
 * caller without the code could learn.
 */
interface AutoSignInState {
  poolId: string;
  clientId: string;
  sub: string;
}

const context = (id: string) => `auto-sign-in:${id}`;

export async function issueAutoSignInSession(
  deps: Pick<Services, "box" | "clock" | "store">,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
): Promise<string | undefined> {
  const c = clientConfig(client);
  if (!flowAllowed(c, "USER_AUTH")) return undefined;
  const id = randomBytes(32).toString("base64url");
  const state: AutoSignInState = { poolId: pool.id, clientId: client.clientId, sub: user.sub };
  await deps.store.sessions.put({
    id,
    poolId: pool.id,
    data: deps.box.seal(JSON.stringify(state), context(id)),
    expiresAt: deps.clock.now() + c.AuthSessionValidity * 60_000,
    usedAt: null,
  });
  return id;
}

export async function autoSignIn(ctx: AuthContext, typed: string, sessionId: string): Promise<AuthOutcome> {
  const { services, pool } = ctx;
  const record = await services.store.sessions.consume(sessionId, ctx.now);
  const plain =
    record && record.poolId === pool.id ? services.box.openString(record.data, context(record.id)) : null;
  if (!record || plain === null) throw invalidSession();
  const state = JSON.parse(plain) as AutoSignInState;
  if (state.clientId !== ctx.client.clientId) throw invalidSession();
  if (record.usedAt !== null) throw usedSession();
  if (ctx.now >= record.expiresAt) throw expiredSession();
  const user = await findUser(services.store, pool, typed);
  if (!user || user.sub !== state.sub) throw invalidSession();
  return afterPasswordlessFactor(ctx, user);
}
