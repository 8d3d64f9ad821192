import { adminConfirmSignUp } from "./admin-confirm-sign-up.ts";
import { adminCreateUser } from "./admin-create-user.ts";
import { adminDeleteUser } from "./admin-delete-user.ts";
import { adminDeleteUserAttributes } from "./admin-delete-user-attributes.ts";
import { adminDisableUser } from "./admin-disable-user.ts";
import { adminEnableUser } from "./admin-enable-user.ts";
import { adminGetUser } from "./admin-get-user.ts";
import { adminInitiateAuth } from "./admin-initiate-auth.ts";
import { adminResetUserPassword } from "./admin-reset-user-password.ts";
import { adminRespondToAuthChallenge } from "./admin-respond-to-auth-challenge.ts";
import { adminSetUserPassword } from "./admin-set-user-password.ts";
import { adminUpdateUserAttributes } from "./admin-update-user-attributes.ts";
import { adminUserGlobalSignOut } from "./admin-user-global-sign-out.ts";
import { changePassword } from "./change-password.ts";
import { confirmForgotPassword } from "./confirm-forgot-password.ts";
import { confirmSignUp } from "./confirm-sign-up.ts";
import { createUserPool } from "./create-user-pool.ts";
import { createUserPoolClient } from "./create-user-pool-client.ts";
import { deleteUser } from "./delete-user.ts";
import { deleteUserPool } from "./delete-user-pool.ts";
import { deleteUserPoolClient } from "./delete-user-pool-client.ts";
import { describeUserPool } from "./describe-user-pool.ts";
import { describeUserPoolClient } from "./describe-user-pool-client.ts";
import { forgotPassword } from "./forgot-password.ts";
import { getCsvHeader } from "./get-csv-header.ts";
import { getTokensFromRefreshToken } from "./get-tokens-from-refresh-token.ts";
import { getUser } from "./get-user.ts";
import { getUserAttributeVerificationCode } from "./get-user-attribute-verification-code.ts";
import { globalSignOut } from "./global-sign-out.ts";
import { initiateAuth } from "./initiate-auth.ts";
import { listUserPoolClients } from "./list-user-pool-clients.ts";
import { listUserPools } from "./list-user-pools.ts";
import { listUsers } from "./list-users.ts";
import type { Operation } from "./operation.ts";
import { resendConfirmationCode } from "./resend-confirmation-code.ts";
import { respondToAuthChallenge } from "./respond-to-auth-challenge.ts";
import { revokeToken } from "./revoke-token.ts";
import { signUp } from "./sign-up.ts";
import { updateUserAttributes } from "./update-user-attributes.ts";
import { updateUserPool } from "./update-user-pool.ts";
import { updateUserPoolClient } from "./update-user-pool-client.ts";
import { verifyUserAttribute } from "./verify-user-attribute.ts";

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
  adminResetUserPassword,
  // Sign-up and password recovery
  signUp,
  confirmSignUp,
  resendConfirmationCode,
  forgotPassword,
  confirmForgotPassword,
  // Sign-in and tokens (domain/auth-flows)
  initiateAuth,
  adminInitiateAuth,
  respondToAuthChallenge,
  adminRespondToAuthChallenge,
  getTokensFromRefreshToken,
  getUser,
  changePassword,
  updateUserAttributes,
  verifyUserAttribute,
  getUserAttributeVerificationCode,
  deleteUser,
  globalSignOut,
  adminUserGlobalSignOut,
  revokeToken,
] as Operation[];

export const operations: ReadonlyMap<string, Operation> = new Map(all.map((op) => [op.name, op]));
