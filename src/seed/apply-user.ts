import { CognitoError } from "../domain/errors/index.ts";
import type { Services } from "../services.ts";
import { callOperation } from "./internal-call.ts";
import type { SeedSummary, SeedUser } from "./schema.ts";

/**
 * A new user through AdminCreateUser (no invitation), then AdminSetUserPassword for a permanent
 * password and AdminDisableUser when disabled. An existing user gets the attributes the file names
 * and its enabled state; its password is left alone (docs/seeding.md#users).
 */
export async function applyUser(
  services: Services,
  poolId: string,
  seed: SeedUser,
  sum: SeedSummary,
): Promise<void> {
  const at = { UserPoolId: poolId, Username: seed.Username };
  const existing = await getUser(services, at);
  if (!existing) {
    await callOperation(services, "AdminCreateUser", {
      ...at,
      MessageAction: "SUPPRESS",
      ...(seed.UserAttributes ? { UserAttributes: seed.UserAttributes } : {}),
      ...(seed.TemporaryPassword ? { TemporaryPassword: seed.TemporaryPassword } : {}),
    });
    if (seed.Password)
      await callOperation(services, "AdminSetUserPassword", {
        ...at,
        Password: seed.Password,
        Permanent: true,
      });
    if (seed.Enabled === false) await callOperation(services, "AdminDisableUser", at);
    sum.created++;
    return;
  }
  const have = new Map(
    (existing.UserAttributes as { Name: string; Value: string }[]).map((a) => [a.Name, a.Value]),
  );
  const differing = (seed.UserAttributes ?? []).filter((a) => have.get(a.Name) !== a.Value);
  if (differing.length > 0) {
    await callOperation(services, "AdminUpdateUserAttributes", { ...at, UserAttributes: differing });
    sum.updated++;
  }
  const enabled = seed.Enabled ?? true;
  if (existing.Enabled !== enabled) {
    await callOperation(services, enabled ? "AdminEnableUser" : "AdminDisableUser", at);
    sum.updated++;
  }
}

async function getUser(services: Services, at: { UserPoolId: string; Username: string }) {
  try {
    return await callOperation(services, "AdminGetUser", at);
  } catch (e) {
    if (e instanceof CognitoError && e.type === "UserNotFoundException") return null;
    throw e;
  }
}
