import { CognitoError } from "../domain/errors/index.ts";
import type { Services } from "../services.ts";
import { callOperation } from "./internal-call.ts";
import type { SeedGroup, SeedSummary, SeedUser } from "./schema.ts";

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
    await joinGroups(services, at, seed.Groups ?? []);
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
  if (await joinGroups(services, at, seed.Groups ?? [])) sum.updated++;
}

/**
 * Adds the user to each named group it is not in yet (AdminAddUserToGroup); memberships the file
 * does not name are left, as everything else the file does not name. True when one was added.
 */
async function joinGroups(
  services: Services,
  at: { UserPoolId: string; Username: string },
  groups: readonly string[],
): Promise<boolean> {
  if (groups.length === 0) return false;
  const have = new Set<string>();
  let NextToken: string | undefined;
  do {
    const page = await callOperation(services, "AdminListGroupsForUser", {
      ...at,
      ...(NextToken ? { NextToken } : {}),
    });
    for (const g of page.Groups as { GroupName: string }[]) have.add(g.GroupName);
    NextToken = page.NextToken as string | undefined;
  } while (NextToken);
  let added = false;
  for (const GroupName of groups) {
    if (have.has(GroupName)) continue;
    await callOperation(services, "AdminAddUserToGroup", { ...at, GroupName });
    added = true;
  }
  return added;
}

/** A new group through CreateGroup; an existing one through UpdateGroup when a member the file names differs. */
export async function applyGroup(
  services: Services,
  poolId: string,
  seed: SeedGroup,
  sum: SeedSummary,
): Promise<void> {
  const at = { UserPoolId: poolId, GroupName: seed.GroupName };
  let existing: Record<string, unknown> | null;
  try {
    existing = (await callOperation(services, "GetGroup", at)).Group as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof CognitoError && e.type === "ResourceNotFoundException")) throw e;
    existing = null;
  }
  if (!existing) {
    await callOperation(services, "CreateGroup", { ...at, ...seed });
    sum.created++;
    return;
  }
  const { GroupName: _n, ...wanted } = seed;
  if (Object.entries(wanted).some(([k, v]) => existing[k] !== v)) {
    await callOperation(services, "UpdateGroup", { ...at, ...wanted });
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
