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
  /** `given` as it would be created (`custom:tier`), `existing` as the pool has it (`custom:tier`, `dev:tier`). */
  attributeNameTaken: (given: string, existing: string) =>
    make("InvalidParameterException", `${given}: Existing attribute already has name ${existing}.`),
  /** A custom attribute declared without AttributeDataType (CreateUserPool Schema, AddCustomAttributes). */
  attributeDataTypeMissing: () =>
    make(
      "InvalidParameterException",
      "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.",
    ),
  /** A standard attribute declared with another AttributeDataType, or as developer-only. */
  standardAttributeRedefined: (name: string) =>
    make(
      "InvalidParameterException",
      `You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute ${name}`,
    ),
  /** A constraint value that is not a whole number (`kind`: the member, e.g. NumberAttributeConstraints). */
  invalidAttributeConstraints: (
    kind: "StringAttributeConstraints" | "NumberAttributeConstraints",
    name: string,
  ) => make("InvalidParameterException", `Invalid ${kind} for schema attribute ${name}`),
  stringConstraintOver2048: (name: string) =>
    make(
      "InvalidParameterException",
      `user.${name}: String attributes cannot have a length of more than 2048`,
    ),
  maxLengthBelowMinLength: (name: string) =>
    make("InvalidParameterException", `user.${name}: Max length cannot be less than min length.`),
  maxValueBelowMinValue: (name: string) =>
    make("InvalidParameterException", `user.${name}: Max value cannot be less than min value.`),
  /** Several schema refusals at once: each one's message on a line of its own (docs/errors.md#schema-definitions). */
  schemaRefusals: (messages: readonly string[]) => make("InvalidParameterException", messages.join("\n")),
  /**
   * VerificationMessageTemplate with both EmailMessage and EmailMessageByLink: Cognito's answer to
   * exactly that request, https://github.com/aws/aws-cli/issues/8280 (docs/admin-users.md#verification-messages).
   */
  verificationMessageInvalid: () => make("InvalidParameterException", "The message is invalid."),
  /** Create/UpdateUserPoolClient naming attributes the pool does not have (or may not give a client). */
  invalidReadAttributes: (when: "creating" | "updating") =>
    make("InvalidParameterException", `Invalid read attributes specified while ${when} a client`),
  invalidWriteAttributes: (when: "creating" | "updating") =>
    make("InvalidParameterException", `Invalid write attributes specified while ${when} a client`),

  /** CreateUserPoolClient with a ClientSecret and GenerateSecret. */
  secretWithGenerateSecret: () =>
    make("InvalidParameterException", "ClientSecret cannot be provided when GenerateSecret is true."),
  mixedExplicitAuthFlows: () =>
    make(
      "InvalidParameterException",
      "The ExplicitAuthFlows values cannot mix legacy and ALLOW_ prefixed values.",
    ),
  /** SignInPolicy.AllowedFirstAuthFactors without PASSWORD (decision, docs/authentication.md#configuration). */
  passwordFactorRequired: () =>
    make("InvalidParameterException", "AllowedFirstAuthFactors must include PASSWORD."),
  /** SOFTWARE_TOKEN is an AuthFactorType but never a first factor (the API reference of SignInPolicyType). */
  notAFirstFactor: (factor: string) =>
    make("InvalidParameterException", `${factor} is not supported as a first authentication factor.`),
  /** Passwordless first factors on a LITE pool (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html). */
  featureUnavailableInTier: () =>
    make(
      "FeatureUnavailableInTierException",
      "The feature you are trying to use is not available in your current feature plan.",
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

  /** TagResource, UntagResource, ListTagsForResource: a ResourceArn that is not a user pool's (decision, docs/admin-users.md#tags). */
  notAUserPoolArn: () =>
    make(
      "InvalidParameterException",
      "ResourceArn must be a user pool ARN: arn:aws:cognito-idp:<region>:<account>:userpool/<user pool id>.",
    ),
  /** TagResource past 50 tags on one pool (AWS's per-resource tag limit; decision, docs/admin-users.md#tags). */
  tooManyTags: () => make("InvalidParameterException", "A user pool can have at most 50 tags."),

  /** ListUserPools, ListUserPoolClients and ListUsers with a NextToken / PaginationToken not theirs. */
  invalidPaginationToken: () => make("InvalidParameterException", "Invalid pagination token."),
};
