/** The error catalogue (./catalogue.ts) and the error type (./cognito-error.ts). */
export { errors } from "./catalogue.ts";
export { CognitoError, EXCEPTION_NAMES, type ExceptionName } from "./cognito-error.ts";
