/** The error catalogue (./catalogue.ts) and the error type (./cognito-error.ts). */
export { errors } from "./catalogue.ts";
export { CognitoError, EXCEPTION_NAMES, type ExceptionName } from "./cognito-error.ts";
/** The lines of the schema error (`errors.attributesNotConforming`), for code that collects them. */
export { type SchemaProblem, schemaProblem } from "./validation.ts";
