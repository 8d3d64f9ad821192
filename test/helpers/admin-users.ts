import assert from "node:assert/strict";
import {
  AdminCreateUserCommand,
  type AdminCreateUserCommandInput,
  type CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";

/** Creates a pool and returns its id. */
export async function newPool(
  client: CognitoIdentityProviderClient,
  settings: Partial<CreateUserPoolCommandInput> = {},
): Promise<string> {
  const out = await client.send(new CreateUserPoolCommand({ PoolName: "users", ...settings }));
  const id = out.UserPool?.Id;
  assert.ok(id);
  return id;
}

/** AdminCreateUser with SUPPRESS and a policy-conforming password unless told otherwise. */
export async function createUser(
  client: CognitoIdentityProviderClient,
  poolId: string,
  username: string,
  extra: Partial<AdminCreateUserCommandInput> = {},
) {
  const out = await client.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      TemporaryPassword: "Temp-Passw0rd!",
      MessageAction: "SUPPRESS",
      ...extra,
    }),
  );
  assert.ok(out.User);
  return out.User;
}

/** The name and message of a rejected SDK call (fails when the call succeeds). */
export async function rejection(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name?: string; message?: string };
    return { name: err.name ?? "", message: err.message ?? "" };
  }
  assert.fail("expected the call to be rejected");
}

export interface OutboxEntry {
  medium: string;
  destination: string;
  subject: string | null;
  body: string;
  code: string | null;
  purpose: string;
  username: string;
}

/** Messages in the outbox for a pool (optionally one user), via the local-only endpoint. */
export async function outbox(url: string, poolId: string, username?: string): Promise<OutboxEntry[]> {
  const q = new URLSearchParams({ poolId, ...(username ? { username } : {}) });
  const res = await fetch(`${url}/_hushpool/messages?${q}`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { Messages: OutboxEntry[] };
  return body.Messages;
}

/** An attribute's value from a Name/Value list. */
export const attr = (
  list: { Name?: string; Value?: string }[] | undefined,
  name: string,
): string | undefined => list?.find((a) => a.Name === name)?.Value;
