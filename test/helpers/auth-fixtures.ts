import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Store, UserRecord } from "../../src/storage/ports.ts";

/** A pool and an app client for sign-in tests; every client flow is allowed unless overridden. */
export async function poolWithClient(
  client: CognitoIdentityProviderClient,
  opts: {
    pool?: Partial<CreateUserPoolCommandInput>;
    client?: Partial<Omit<CreateUserPoolClientCommandInput, "UserPoolId">>;
  } = {},
): Promise<{ poolId: string; clientId: string; clientSecret?: string }> {
  const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: "auth", ...opts.pool }));
  const poolId = UserPool?.Id ?? "";
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: "app",
      ExplicitAuthFlows: [
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_CUSTOM_AUTH",
      ],
      ...opts.client,
    }),
  );
  return {
    poolId,
    clientId: UserPoolClient?.ClientId ?? "",
    ...(UserPoolClient?.ClientSecret ? { clientSecret: UserPoolClient.ClientSecret } : {}),
  };
}

/** A CONFIRMED user with a permanent password (AdminCreateUser + AdminSetUserPassword). */
export async function confirmedUser(
  client: CognitoIdentityProviderClient,
  poolId: string,
  username: string,
  password: string,
  attributes: Record<string, string> = {},
): Promise<void> {
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: "SUPPRESS",
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: username,
      Password: password,
      Permanent: true,
    }),
  );
}

/** A FORCE_CHANGE_PASSWORD user whose temporary password is `temporary`. */
export async function invitedUser(
  client: CognitoIdentityProviderClient,
  poolId: string,
  username: string,
  temporary: string,
  attributes: Record<string, string> = {},
): Promise<void> {
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      TemporaryPassword: temporary,
      MessageAction: "SUPPRESS",
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
}

/** The error name and message an SDK call rejected with. */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name?: string; message?: string };
    return { name: err.name ?? "", message: err.message ?? "" };
  }
  throw new Error("expected the call to fail");
}

/** Changes a stored user directly (states the API reaches only slowly: expired temporary passwords, …). */
export async function patchUser(
  store: Store,
  poolId: string,
  username: string,
  patch: Partial<Pick<UserRecord, "status" | "enabled" | "credential" | "credentialSetAt" | "attributes">>,
): Promise<void> {
  const user = await store.users.findByUsername(poolId, username);
  if (!user) throw new Error(`no user ${username}`);
  await store.users.save({ ...user, ...patch });
}

/** A clock the test moves: starts at the real time, `advance(ms)` jumps ahead. */
export function movableClock(): { now(): number; advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
  };
}
