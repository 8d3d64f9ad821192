import { make } from "./cognito-error.ts";

/**
 * Request authentication and authorization of the IAM-signed operations (docs/security.md): the
 * answers every AWS JSON service gives to a missing, malformed, unknown, stale or wrong Signature
 * Version 4, and to a key that may not act on a pool. Texts and statuses as AWS sends them; the
 * sources are listed in docs/errors.md#request-authentication.
 */
const SKEW = "15 min.";

export const accessErrors = {
  /** An IAM-signed operation without an Authorization header. AWS's common errors give it 403. */
  missingAuthenticationToken: () =>
    make("MissingAuthenticationTokenException", "Missing Authentication Token", 403),
  /** An Authorization header without its parts, or no X-Amz-Date. `missing` names each part. */
  incompleteSignature: (missing: string[], authorization: string) =>
    make(
      "IncompleteSignatureException",
      `${missing
        .map((part) =>
          part === "X-Amz-Date"
            ? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
            : `Authorization header requires '${part}' parameter.`,
        )
        .join(" ")} Authorization=${authorization}`,
    ),
  /** An access key id that no configured key has. */
  unrecognizedClient: () =>
    make("UnrecognizedClientException", "The security token included in the request is invalid."),
  /** A signature that re-signing with the key's secret does not reproduce. */
  signatureMismatch: () =>
    make(
      "InvalidSignatureException",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    ),
  /** X-Amz-Date more than 15 minutes in the past: `earliest` = now − 15 min, all as YYYYMMDDTHHMMSSZ. */
  signatureExpired: (signed: string, earliest: string, now: string) =>
    make(
      "InvalidSignatureException",
      `Signature expired: ${signed} is now earlier than ${earliest} (${now} - ${SKEW})`,
    ),
  /** X-Amz-Date more than 15 minutes in the future: `latest` = now + 15 min. */
  signatureNotYetCurrent: (signed: string, latest: string, now: string) =>
    make(
      "InvalidSignatureException",
      `Signature not yet current: ${signed} is still later than ${latest} (${now} + ${SKEW})`,
    ),
  /** A credential scope naming another region than the server's. */
  credentialRegion: (region: string) =>
    make("InvalidSignatureException", `Credential should be scoped to a valid region, not '${region}'.`),
  /** A credential scope naming another service than cognito-idp. */
  credentialService: (service: string) =>
    make("InvalidSignatureException", `Credential should be scoped to correct service: '${service}'.`),
  /** A key that may not act on the pool (or, for CreateUserPool and ListUserPools, on every pool). */
  accessDenied: (principal: string, operation: string, resource: string) =>
    make(
      "AccessDeniedException",
      `User: ${principal} is not authorized to perform: cognito-idp:${operation} on resource: ${resource} because no identity-based policy allows the cognito-idp:${operation} action`,
    ),
};
