import { make } from "./cognito-error.ts";

/**
 * OAuth 2.0 configuration: domains, resource servers, the app client's OAuth settings and identity
 * providers (docs/oauth.md). Messages are AWS's where a real answer is public; the others are
 * hushpool's wording, listed in docs/oauth.md#errors.
 */
export const oauthErrors = {
  /** CreateUserPoolDomain: the prefix is taken (a real answer quoted in aws-amplify/amplify-cli#1845). */
  domainExists: () => make("InvalidParameterException", "Domain already exists."),
  /** CreateUserPoolDomain for a pool that already has a prefix domain (hushpool's wording). */
  poolHasDomain: () => make("InvalidParameterException", "The user pool already has a domain configured."),
  /** Update/DeleteUserPoolDomain naming a domain that is not the pool's. */
  domainNotFound: () => make("InvalidParameterException", "No such domain or user pool exists."),
  /** Custom domains need CloudFront and ACM; hushpool serves prefix domains only. */
  customDomainUnsupported: () =>
    make(
      "InvalidParameterException",
      "Custom domains are not supported by this server; use a prefix domain.",
    ),

  resourceServerExists: (identifier: string, poolId: string) =>
    make("InvalidParameterException", `${identifier} already exists in user pool ${poolId}.`),
  resourceServerNotFound: (identifier: string) =>
    make("ResourceNotFoundException", `Resource server ${identifier} does not exist.`),
  /** 25 resource servers per pool (AWS "Quotas in Amazon Cognito"). */
  resourceServerLimit: () =>
    make("LimitExceededException", "The user pool has reached its limit of resource servers."),
  duplicateScope: (scope: string) => make("InvalidParameterException", `Duplicate scope name ${scope}.`),

  /** A client naming a scope no resource server defines (real text quoted in awsdocs/aws-cloudformation-user-guide#518). */
  scopeDoesNotExist: (scope: string) =>
    make("ScopeDoesNotExistException", `Invalid scope requested: ${scope}`),
  /** Real text, quoted in cisagov/crossfeed#440. */
  callbackUrlsRequired: () =>
    make(
      "InvalidOAuthFlowException",
      "CallbackUrls can not be empty when code flow or implicit flow is selected",
    ),
  clientCredentialsNeedsSecret: () =>
    make(
      "InvalidOAuthFlowException",
      "client_credentials flow can not be selected if client does not have a client secret.",
    ),
  clientCredentialsAlone: () =>
    make(
      "InvalidOAuthFlowException",
      "client_credentials flow can not be selected along with code flow or implicit flow.",
    ),
  clientCredentialsScopes: () =>
    make(
      "InvalidOAuthFlowException",
      "client_credentials flow can only be used with custom scopes of a resource server.",
    ),
  oauthFlowsRequired: () =>
    make(
      "InvalidOAuthFlowException",
      "AllowedOAuthFlows can not be empty when AllowedOAuthFlowsUserPoolClient is true.",
    ),
  invalidCallbackUrl: (url: string) =>
    make(
      "InvalidParameterException",
      `Invalid URL ${url}: it must be absolute, without a fragment, and use HTTPS except for localhost.`,
    ),
  defaultRedirectNotCallback: () =>
    make("InvalidParameterException", "DefaultRedirectURI must be one of the CallbackURLs."),
  providerNotInPool: (name: string, poolId: string) =>
    make("InvalidParameterException", `The provider ${name} does not exist for User Pool ${poolId}`),
  scopeNeedsOpenid: (scope: string) =>
    make("InvalidParameterException", `Scope ${scope} requires the openid scope.`),

  providerExists: (name: string) =>
    make("DuplicateProviderException", `A provider with the name ${name} already exists in this user pool.`),
  providerNotFound: (name: string) =>
    make("ResourceNotFoundException", `Identity provider ${name} does not exist.`),
  identifierNotFound: (identifier: string) =>
    make("ResourceNotFoundException", `Identity provider with identifier ${identifier} does not exist.`),
  identifierTaken: (identifier: string) =>
    make(
      "InvalidParameterException",
      `Identifier ${identifier} is already used by another identity provider.`,
    ),
  unsupportedProvider: (name: string) =>
    make("UnsupportedIdentityProviderException", `The identity provider ${name} is not supported.`),
  providerNameMismatch: (type: string) =>
    make("InvalidParameterException", `The provider name of a ${type} provider must be ${type}.`),
  providerDetailMissing: (key: string) =>
    make("InvalidParameterException", `${key} is required in ProviderDetails.`),
  samlMetadataMissing: () =>
    make("InvalidParameterException", "MetadataURL or MetadataFile is required in ProviderDetails."),
  providerDetailInvalid: (key: string) =>
    make("InvalidParameterException", `Invalid ProviderDetails value for ${key}.`),
  providerInUse: (name: string) =>
    make(
      "InvalidParameterException",
      `The provider ${name} is used by an app client; remove it from SupportedIdentityProviders first.`,
    ),
  attributeMappingInvalid: (name: string) =>
    make(
      "InvalidParameterException",
      `Invalid attribute mapping: ${name} is not an attribute of the user pool.`,
    ),
  providerLimit: () =>
    make("LimitExceededException", "The user pool has reached its limit of identity providers."),

  /** AdminLinkProviderForUser: the source already signed in (real text, aws/aws-sdk-net#1000). */
  mergeNotSupported: () =>
    make(
      "InvalidParameterException",
      "Merging is not currently supported, provide a SourceUser that has not been signed up in order to link",
    ),
  invalidSourceUser: () =>
    make("InvalidParameterException", "Invalid SourceUser: Cognito users cannot be linked as a source user"),
  invalidDestinationUser: () =>
    make("InvalidParameterException", "Invalid DestinationUser: ProviderName must be Cognito"),
  linkLimit: () =>
    make("LimitExceededException", "The maximum number of federated identities linked to a user is five."),
  linkExists: () => make("InvalidParameterException", "The source user is already linked to another user."),
};
