/**
 * Cognito's request-rate quota categories and which category each operation counts toward, as AWS's
 * "Quotas in Amazon Cognito" page lists them ("Amazon Cognito user pools API operation categories and
 * request rate quotas", https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html).
 * Default rates are AWS's, in requests per second. docs/security.md#quotas says how hushpool applies them.
 */
export const CATEGORY_DEFAULT_RPS = {
  UserAuthentication: 120,
  UserCreation: 50,
  UserFederation: 25,
  UserAccountRecovery: 30,
  UserRead: 120,
  UserUpdate: 25,
  UserToken: 120,
  UserResourceRead: 50,
  UserResourceUpdate: 25,
  UserList: 30,
  UserPoolRead: 15,
  UserPoolUpdate: 15,
  UserPoolResourceRead: 20,
  UserPoolResourceUpdate: 15,
  UserPoolClientRead: 15,
  UserPoolClientUpdate: 15,
  ClientAuthentication: 150,
} as const;

export type QuotaCategory = keyof typeof CATEGORY_DEFAULT_RPS;

export const QUOTA_CATEGORIES = Object.keys(CATEGORY_DEFAULT_RPS) as QuotaCategory[];

export const isQuotaCategory = (name: string): name is QuotaCategory =>
  Object.hasOwn(CATEGORY_DEFAULT_RPS, name);

/**
 * RespondToAuthChallenge and AdminRespondToAuthChallenge have their own allowance of three times the
 * UserAuthentication rate; beyond it they count toward UserAuthentication. A response to
 * NEW_PASSWORD_REQUIRED counts toward UserAccountRecovery instead (the page's "special request rate
 * handling" and its first footnote).
 */
export const CHALLENGE_RESPONSE_FACTOR = 3;

/** The category of every implemented operation; a unit test checks that the registry and this agree. */
export const OPERATION_CATEGORY: Readonly<Record<string, QuotaCategory>> = {
  // MFA and remembered devices (docs/mfa.md). Decision where the quota page is not read here: the
  // pool's MFA settings as pool operations, the software-token and device-confirmation steps of a
  // sign-in as UserAuthentication, a user's own settings and devices as UserUpdate / UserRead.
  SetUserPoolMfaConfig: "UserPoolUpdate",
  GetUserPoolMfaConfig: "UserPoolRead",
  AssociateSoftwareToken: "UserAuthentication",
  VerifySoftwareToken: "UserAuthentication",
  ConfirmDevice: "UserAuthentication",
  SetUserMFAPreference: "UserUpdate",
  AdminSetUserMFAPreference: "UserUpdate",
  SetUserSettings: "UserUpdate",
  AdminSetUserSettings: "UserUpdate",
  UpdateDeviceStatus: "UserUpdate",
  AdminUpdateDeviceStatus: "UserUpdate",
  ForgetDevice: "UserUpdate",
  AdminForgetDevice: "UserUpdate",
  GetDevice: "UserRead",
  AdminGetDevice: "UserRead",
  ListDevices: "UserRead",
  AdminListDevices: "UserRead",
  // Pools and app clients
  CreateUserPool: "UserPoolUpdate",
  UpdateUserPool: "UserPoolUpdate",
  DeleteUserPool: "UserPoolUpdate",
  DescribeUserPool: "UserPoolRead",
  ListUserPools: "UserPoolRead",
  CreateUserPoolClient: "UserPoolClientUpdate",
  UpdateUserPoolClient: "UserPoolClientUpdate",
  DeleteUserPoolClient: "UserPoolClientUpdate",
  DescribeUserPoolClient: "UserPoolClientRead",
  ListUserPoolClients: "UserPoolClientRead",
  AddUserPoolClientSecret: "UserPoolClientUpdate",
  DeleteUserPoolClientSecret: "UserPoolClientUpdate",
  ListUserPoolClientSecrets: "UserPoolClientRead",
  GetCSVHeader: "UserPoolResourceRead",
  AddCustomAttributes: "UserPoolUpdate",
  // Tags (resource tags are pool settings: the pool categories)
  TagResource: "UserPoolUpdate",
  UntagResource: "UserPoolUpdate",
  ListTagsForResource: "UserPoolRead",
  CreateUserImportJob: "UserPoolResourceUpdate",
  StartUserImportJob: "UserPoolResourceUpdate",
  StopUserImportJob: "UserPoolResourceUpdate",
  DescribeUserImportJob: "UserPoolResourceRead",
  ListUserImportJobs: "UserPoolResourceRead",
  // Groups
  CreateGroup: "UserPoolResourceUpdate",
  UpdateGroup: "UserPoolResourceUpdate",
  DeleteGroup: "UserPoolResourceUpdate",
  GetGroup: "UserPoolResourceRead",
  ListGroups: "UserPoolResourceRead",
  AdminAddUserToGroup: "UserUpdate",
  AdminRemoveUserFromGroup: "UserUpdate",
  AdminListGroupsForUser: "UserRead",
  ListUsersInGroup: "UserList",
  // OAuth configuration: domains and resource servers are pool resources, identity providers and
  // provider links are federation (the page's UserPoolResource* and UserFederation rows)
  CreateUserPoolDomain: "UserPoolUpdate",
  UpdateUserPoolDomain: "UserPoolUpdate",
  DeleteUserPoolDomain: "UserPoolUpdate",
  DescribeUserPoolDomain: "UserPoolRead",
  CreateResourceServer: "UserPoolResourceUpdate",
  UpdateResourceServer: "UserPoolResourceUpdate",
  DeleteResourceServer: "UserPoolResourceUpdate",
  DescribeResourceServer: "UserPoolResourceRead",
  ListResourceServers: "UserPoolResourceRead",
  CreateIdentityProvider: "UserPoolResourceUpdate",
  UpdateIdentityProvider: "UserPoolResourceUpdate",
  DeleteIdentityProvider: "UserPoolResourceUpdate",
  DescribeIdentityProvider: "UserPoolResourceRead",
  ListIdentityProviders: "UserPoolResourceRead",
  GetIdentityProviderByIdentifier: "UserPoolResourceRead",
  AdminLinkProviderForUser: "UserFederation",
  AdminDisableProviderForUser: "UserFederation",
  // Creating and confirming users
  SignUp: "UserCreation",
  ConfirmSignUp: "UserCreation",
  AdminCreateUser: "UserCreation",
  AdminConfirmSignUp: "UserCreation",
  // Passwords
  ForgotPassword: "UserAccountRecovery",
  ConfirmForgotPassword: "UserAccountRecovery",
  ChangePassword: "UserAccountRecovery",
  AdminResetUserPassword: "UserAccountRecovery",
  AdminSetUserPassword: "UserAccountRecovery",
  // Sign-in (the two challenge responses: CHALLENGE_RESPONSE_FACTOR above)
  InitiateAuth: "UserAuthentication",
  AdminInitiateAuth: "UserAuthentication",
  RespondToAuthChallenge: "UserAuthentication",
  AdminRespondToAuthChallenge: "UserAuthentication",
  GetTokensFromRefreshToken: "UserAuthentication",
  RevokeToken: "UserToken",
  // Reading users
  AdminGetUser: "UserRead",
  GetUser: "UserRead",
  ListUsers: "UserList",
  ResendConfirmationCode: "UserResourceRead",
  GetUserAttributeVerificationCode: "UserResourceRead",
  // Changing users
  AdminUpdateUserAttributes: "UserUpdate",
  AdminDeleteUserAttributes: "UserUpdate",
  AdminDeleteUser: "UserUpdate",
  AdminDisableUser: "UserUpdate",
  AdminEnableUser: "UserUpdate",
  AdminUserGlobalSignOut: "UserUpdate",
  UpdateUserAttributes: "UserUpdate",
  DeleteUserAttributes: "UserUpdate",
  VerifyUserAttribute: "UserUpdate",
  DeleteUser: "UserUpdate",
  GlobalSignOut: "UserUpdate",
  // Passkeys (decision: they change or read the user, docs/passkeys.md)
  StartWebAuthnRegistration: "UserUpdate",
  CompleteWebAuthnRegistration: "UserUpdate",
  DeleteWebAuthnCredential: "UserUpdate",
  ListWebAuthnCredentials: "UserRead",
  // Auth events
  AdminListUserAuthEvents: "UserResourceRead",
  AdminUpdateAuthEventFeedback: "UserResourceUpdate",
  UpdateAuthEventFeedback: "UserResourceUpdate",
};

export const CHALLENGE_RESPONSES: ReadonlySet<string> = new Set([
  "RespondToAuthChallenge",
  "AdminRespondToAuthChallenge",
]);
