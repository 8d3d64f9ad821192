import { adminConfirmSignUp } from "./admin-confirm-sign-up.ts";
import { adminCreateUser } from "./admin-create-user.ts";
import { adminDeleteUser } from "./admin-delete-user.ts";
import { adminDeleteUserAttributes } from "./admin-delete-user-attributes.ts";
import { adminDisableUser } from "./admin-disable-user.ts";
import { adminEnableUser } from "./admin-enable-user.ts";
import { adminGetUser } from "./admin-get-user.ts";
import { adminSetUserPassword } from "./admin-set-user-password.ts";
import { adminUpdateUserAttributes } from "./admin-update-user-attributes.ts";
import { createUserPool } from "./create-user-pool.ts";
import { createUserPoolClient } from "./create-user-pool-client.ts";
import { deleteUserPool } from "./delete-user-pool.ts";
import { deleteUserPoolClient } from "./delete-user-pool-client.ts";
import { describeUserPool } from "./describe-user-pool.ts";
import { describeUserPoolClient } from "./describe-user-pool-client.ts";
import { getCsvHeader } from "./get-csv-header.ts";
import { listUserPoolClients } from "./list-user-pool-clients.ts";
import { listUserPools } from "./list-user-pools.ts";
import { listUsers } from "./list-users.ts";
import type { Operation } from "./operation.ts";
import { updateUserPool } from "./update-user-pool.ts";
import { updateUserPoolClient } from "./update-user-pool-client.ts";

/**
 * Every implemented operation, by its AWS name. Add one line per operation; docs/compatibility.md
 * must list exactly these (a test checks it).
 */
const all: Operation[] = [
  // Pools
  createUserPool,
  describeUserPool,
  updateUserPool,
  deleteUserPool,
  listUserPools,
  // App clients
  createUserPoolClient,
  describeUserPoolClient,
  updateUserPoolClient,
  deleteUserPoolClient,
  listUserPoolClients,
  // Users (admin)
  adminCreateUser,
  adminGetUser,
  adminDeleteUser,
  adminSetUserPassword,
  adminEnableUser,
  adminDisableUser,
  adminConfirmSignUp,
  adminUpdateUserAttributes,
  adminDeleteUserAttributes,
  listUsers,
  getCsvHeader,
] as Operation[];

export const operations: ReadonlyMap<string, Operation> = new Map(all.map((op) => [op.name, op]));
