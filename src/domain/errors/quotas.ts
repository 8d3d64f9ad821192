import { make } from "./cognito-error.ts";

/**
 * Request-rate quotas (docs/security.md#quotas). Every operation's Errors section lists
 * TooManyRequestsException, "thrown when the user has made too many requests for a given operation",
 * HTTP 400; the message is the one Cognito answers a throttled request with, and the AWS SDKs and
 * botocore classify the name as throttling and retry it with back-off.
 */
export const quotaErrors = {
  tooManyRequests: () => make("TooManyRequestsException", "Rate exceeded"),
};
