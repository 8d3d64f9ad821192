import { addCustomAttributes } from "./add-custom-attributes.ts";
import { addUserPoolClientSecret } from "./add-user-pool-client-secret.ts";
import { adminAddUserToGroup } from "./admin-add-user-to-group.ts";
import { adminConfirmSignUp } from "./admin-confirm-sign-up.ts";
import { adminCreateUser } from "./admin-create-user.ts";
import { adminDeleteUser } from "./admin-delete-user.ts";
import { adminDeleteUserAttributes } from "./admin-delete-user-attributes.ts";
import { adminDisableProviderForUser } from "./admin-disable-provider-for-user.ts";
import { adminDisableUser } from "./admin-disable-user.ts";
import { adminEnableUser } from "./admin-enable-user.ts";
import { adminForgetDevice } from "./admin-forget-device.ts";
import { adminGetDevice } from "./admin-get-device.ts";
import { adminGetUser } from "./admin-get-user.ts";
import { adminInitiateAuth } from "./admin-initiate-auth.ts";
import { adminLinkProviderForUser } from "./admin-link-provider-for-user.ts";
import { adminListDevices } from "./admin-list-devices.ts";
import { adminListGroupsForUser } from "./admin-list-groups-for-user.ts";
import { adminListUserAuthEvents } from "./admin-list-user-auth-events.ts";
import { adminRemoveUserFromGroup } from "./admin-remove-user-from-group.ts";
import { adminResetUserPassword } from "./admin-reset-user-password.ts";
import { adminRespondToAuthChallenge } from "./admin-respond-to-auth-challenge.ts";
import { adminSetUserMfaPreference } from "./admin-set-user-mfa-preference.ts";
import { adminSetUserPassword } from "./admin-set-user-password.ts";
import { adminSetUserSettings } from "./admin-set-user-settings.ts";
import { adminUpdateAuthEventFeedback } from "./admin-update-auth-event-feedback.ts";
import { adminUpdateDeviceStatus } from "./admin-update-device-status.ts";
import { adminUpdateUserAttributes } from "./admin-update-user-attributes.ts";
import { adminUserGlobalSignOut } from "./admin-user-global-sign-out.ts";
import { associateSoftwareToken } from "./associate-software-token.ts";
import { changePassword } from "./change-password.ts";
import { completeWebAuthnRegistration } from "./complete-web-authn-registration.ts";
import { confirmDeviceOperation } from "./confirm-device.ts";
import { confirmForgotPassword } from "./confirm-forgot-password.ts";
import { confirmSignUp } from "./confirm-sign-up.ts";
import { createGroup } from "./create-group.ts";
import { createIdentityProvider } from "./create-identity-provider.ts";
import { createResourceServer } from "./create-resource-server.ts";
import { createUserImportJob } from "./create-user-import-job.ts";
import { createUserPool } from "./create-user-pool.ts";
import { createUserPoolClient } from "./create-user-pool-client.ts";
import { createUserPoolDomain } from "./create-user-pool-domain.ts";
import { deleteGroup } from "./delete-group.ts";
import { deleteIdentityProvider } from "./delete-identity-provider.ts";
import { deleteResourceServer } from "./delete-resource-server.ts";
import { deleteUser } from "./delete-user.ts";
import { deleteUserAttributes } from "./delete-user-attributes.ts";
import { deleteUserPool } from "./delete-user-pool.ts";
import { deleteUserPoolClient } from "./delete-user-pool-client.ts";
import { deleteUserPoolClientSecret } from "./delete-user-pool-client-secret.ts";
import { deleteUserPoolDomain } from "./delete-user-pool-domain.ts";
import { deleteWebAuthnCredential } from "./delete-web-authn-credential.ts";
import { describeIdentityProvider } from "./describe-identity-provider.ts";
import { describeResourceServer } from "./describe-resource-server.ts";
import { describeUserImportJob } from "./describe-user-import-job.ts";
import { describeUserPool } from "./describe-user-pool.ts";
import { describeUserPoolClient } from "./describe-user-pool-client.ts";
import { describeUserPoolDomain } from "./describe-user-pool-domain.ts";
import { forgetDevice } from "./forget-device.ts";
import { forgotPassword } from "./forgot-password.ts";
import { getCsvHeader } from "./get-csv-header.ts";
import { getDevice } from "./get-device.ts";
import { getGroup } from "./get-group.ts";
import { getIdentityProviderByIdentifier } from "./get-identity-provider-by-identifier.ts";
import { getTokensFromRefreshToken } from "./get-tokens-from-refresh-token.ts";
import { getUser } from "./get-user.ts";
import { getUserAttributeVerificationCode } from "./get-user-attribute-verification-code.ts";
import { getUserPoolMfaConfig } from "./get-user-pool-mfa-config.ts";
import { globalSignOut } from "./global-sign-out.ts";
import { initiateAuth } from "./initiate-auth.ts";
import { listDevicesOperation } from "./list-devices.ts";
import { listGroups } from "./list-groups.ts";
import { listIdentityProviders } from "./list-identity-providers.ts";
import { listResourceServers } from "./list-resource-servers.ts";
import { listTagsForResource } from "./list-tags-for-resource.ts";
import { listUserImportJobs } from "./list-user-import-jobs.ts";
import { listUserPoolClientSecrets } from "./list-user-pool-client-secrets.ts";
import { listUserPoolClients } from "./list-user-pool-clients.ts";
import { listUserPools } from "./list-user-pools.ts";
import { listUsers } from "./list-users.ts";
import { listUsersInGroup } from "./list-users-in-group.ts";
import { listWebAuthnCredentials } from "./list-web-authn-credentials.ts";
import type { Operation, RegisteredOperation } from "./operation.ts";
import { resendConfirmationCode } from "./resend-confirmation-code.ts";
import { respondToAuthChallenge } from "./respond-to-auth-challenge.ts";
import { revokeToken } from "./revoke-token.ts";
import { setUserMfaPreference } from "./set-user-mfa-preference.ts";
import { setUserPoolMfaConfig } from "./set-user-pool-mfa-config.ts";
import { setUserSettings } from "./set-user-settings.ts";
import { signUp } from "./sign-up.ts";
import { startUserImportJob } from "./start-user-import-job.ts";
import { startWebAuthnRegistration } from "./start-web-authn-registration.ts";
import { stopUserImportJob } from "./stop-user-import-job.ts";
import { tagResource } from "./tag-resource.ts";
import { untagResource } from "./untag-resource.ts";
import { updateAuthEventFeedback } from "./update-auth-event-feedback.ts";
import { updateDeviceStatus } from "./update-device-status.ts";
import { updateGroup } from "./update-group.ts";
import { updateIdentityProvider } from "./update-identity-provider.ts";
import { updateResourceServer } from "./update-resource-server.ts";
import { updateUserAttributes } from "./update-user-attributes.ts";
import { updateUserPool } from "./update-user-pool.ts";
import { updateUserPoolClient } from "./update-user-pool-client.ts";
import { updateUserPoolDomain } from "./update-user-pool-domain.ts";
import { verifySoftwareToken } from "./verify-software-token.ts";
import { verifyUserAttribute } from "./verify-user-attribute.ts";

/** An operation Cognito authorizes with IAM: Signature Version 4 from an admin key (docs/security.md). */
const iam = (op: Operation): RegisteredOperation => ({ ...op, auth: "iam" });
/** An operation anyone may call (unauthenticated, or authorized by the user's own tokens). */
const open = (op: Operation): RegisteredOperation => ({ ...op, auth: "public" });

/**
 * Every implemented operation, by its AWS name, each wrapped in its auth class (`iam` or `open`,
 * see AuthClass in ./operation.ts). Add one line per operation; docs/compatibility.md must list
 * exactly these, and test/unit/operation-auth.test.ts checks each class against Cognito's.
 */
const all: RegisteredOperation[] = [
  // Pools
  iam(createUserPool),
  iam(describeUserPool),
  iam(updateUserPool),
  iam(deleteUserPool),
  iam(listUserPools),
  // App clients
  iam(createUserPoolClient),
  iam(describeUserPoolClient),
  iam(updateUserPoolClient),
  iam(deleteUserPoolClient),
  iam(listUserPoolClients),
  iam(addUserPoolClientSecret),
  iam(listUserPoolClientSecrets),
  iam(deleteUserPoolClientSecret),
  // Users (admin)
  iam(adminCreateUser),
  iam(adminGetUser),
  iam(adminDeleteUser),
  iam(adminSetUserPassword),
  iam(adminEnableUser),
  iam(adminDisableUser),
  iam(adminConfirmSignUp),
  iam(adminUpdateUserAttributes),
  iam(adminDeleteUserAttributes),
  iam(listUsers),
  iam(getCsvHeader),
  iam(adminResetUserPassword),
  iam(addCustomAttributes),
  // Tags
  iam(tagResource),
  iam(untagResource),
  iam(listTagsForResource),
  // User import (domain/import-jobs)
  iam(createUserImportJob),
  iam(startUserImportJob),
  iam(stopUserImportJob),
  iam(describeUserImportJob),
  iam(listUserImportJobs),
  // Groups
  iam(createGroup),
  iam(getGroup),
  iam(updateGroup),
  iam(deleteGroup),
  iam(listGroups),
  iam(adminAddUserToGroup),
  iam(adminRemoveUserFromGroup),
  iam(adminListGroupsForUser),
  iam(listUsersInGroup),
  // OAuth 2.0 configuration (docs/oauth.md)
  iam(createUserPoolDomain),
  iam(describeUserPoolDomain),
  iam(updateUserPoolDomain),
  iam(deleteUserPoolDomain),
  iam(createResourceServer),
  iam(describeResourceServer),
  iam(updateResourceServer),
  iam(deleteResourceServer),
  iam(listResourceServers),
  iam(createIdentityProvider),
  iam(describeIdentityProvider),
  iam(updateIdentityProvider),
  iam(deleteIdentityProvider),
  iam(listIdentityProviders),
  iam(getIdentityProviderByIdentifier),
  iam(adminLinkProviderForUser),
  iam(adminDisableProviderForUser),
  // Sign-up and password recovery
  open(signUp),
  open(confirmSignUp),
  open(resendConfirmationCode),
  open(forgotPassword),
  open(confirmForgotPassword),
  // Sign-in and tokens (domain/auth-flows)
  open(initiateAuth),
  iam(adminInitiateAuth),
  open(respondToAuthChallenge),
  iam(adminRespondToAuthChallenge),
  open(getTokensFromRefreshToken),
  open(getUser),
  open(changePassword),
  open(updateUserAttributes),
  open(deleteUserAttributes),
  open(verifyUserAttribute),
  open(getUserAttributeVerificationCode),
  open(deleteUser),
  open(startWebAuthnRegistration),
  open(completeWebAuthnRegistration),
  open(listWebAuthnCredentials),
  open(deleteWebAuthnCredential),
  open(globalSignOut),
  iam(adminUserGlobalSignOut),
  open(revokeToken),
  // MFA and remembered devices (domain/mfa, docs/mfa.md)
  iam(setUserPoolMfaConfig),
  iam(getUserPoolMfaConfig),
  open(setUserMfaPreference),
  iam(adminSetUserMfaPreference),
  open(setUserSettings),
  iam(adminSetUserSettings),
  open(associateSoftwareToken),
  open(verifySoftwareToken),
  open(confirmDeviceOperation),
  open(getDevice),
  iam(adminGetDevice),
  open(listDevicesOperation),
  iam(adminListDevices),
  open(updateDeviceStatus),
  iam(adminUpdateDeviceStatus),
  open(forgetDevice),
  iam(adminForgetDevice),
  // Auth events (domain/auth-events)
  iam(adminListUserAuthEvents),
  iam(adminUpdateAuthEventFeedback),
  open(updateAuthEventFeedback),
];

export const operations: ReadonlyMap<string, RegisteredOperation> = new Map(all.map((op) => [op.name, op]));
