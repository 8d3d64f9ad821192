import { make } from "./cognito-error.ts";

/** User pools and app clients: lookups and configuration refusals (CreateUserPool, *UserPoolClient). */
export const poolErrors = {
  poolNotFound: (poolId: string) => make("ResourceNotFoundException", `User pool ${poolId} does not exist.`),
  clientNotFound: (clientId: string) =>
    make("ResourceNotFoundException", `User pool client ${clientId} does not exist.`),

  /**
   * Client-secret rotation (docs/operations.md#client-secrets). AWS documents the limit of two
   * secrets and that the last one cannot be deleted, not the wording: these texts are ours.
   */
  clientSecretLimit: () => make("LimitExceededException", "An app client can have at most 2 client secrets."),
  lastClientSecret: () =>
    make("InvalidParameterException", "You cannot delete the last remaining secret for an app client."),
  clientWithoutSecret: (clientId: string) =>
    make("InvalidParameterException", `User pool client ${clientId} is not configured with a client secret.`),
  clientSecretNotFound: (secretId: string) =>
    make("ResourceNotFoundException", `Client secret ${secretId} does not exist.`),

  /** DeleteUserPool with DeletionProtection ACTIVE. */
  deletionProtected: () =>
    make(
      "InvalidParameterException",
      "The user pool cannot be deleted because deletion protection is activated.",
    ),
  /** CreateUserPool with both sign-in models. */
  aliasAndUsernameAttributes: () =>
    make(
      "InvalidParameterException",
      "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.",
    ),
  requiredCustomAttribute: () =>
    make("InvalidParameterException", "Required custom attributes are not supported currently."),
  attributeNameTaken: (name: string) =>
    make("InvalidParameterException", `Existing attribute already has name ${name}.`),

  /** CreateUserPoolClient with a ClientSecret and GenerateSecret. */
  secretWithGenerateSecret: () =>
    make("InvalidParameterException", "ClientSecret cannot be provided when GenerateSecret is true."),
  mixedExplicitAuthFlows: () =>
    make(
      "InvalidParameterException",
      "The ExplicitAuthFlows values cannot mix legacy and ALLOW_ prefixed values.",
    ),
  tokenValidityRange: () => make("InvalidParameterException", "Invalid range for token validity."),

  /** CreateUserPool / UpdateUserPool: the hushpool:existence-profile tag names no profile (docs/existence.md#choosing-a-profile). */
  existenceProfileTag: () =>
    make(
      "InvalidParameterException",
      "The value of the user pool tag hushpool:existence-profile must be cognito or strict.",
    ),

  /** CreateUserPool's `_custom_id_` tag (the LocalStack convention, docs/seeding.md#pinned-ids): not an id for this region. */
  customPoolIdFormat: (region: string) =>
    make(
      "InvalidParameterException",
      `The value of the user pool tag _custom_id_ must look like ${region}_ followed by 1 to 45 letters or digits.`,
    ),
  /** CreateUserPool's `_custom_id_` names a pool that exists already (CreateUserPool lists no ResourceExists error). */
  poolIdTaken: (poolId: string) => make("InvalidParameterException", `User pool ${poolId} already exists.`),

  /** ListUserPools, ListUserPoolClients and ListUsers with a NextToken / PaginationToken not theirs. */
  invalidPaginationToken: () => make("InvalidParameterException", "Invalid pagination token."),
};
