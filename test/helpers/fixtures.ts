/**
 * The one vocabulary for setting up test state and asserting Cognito errors. Every e2e test imports
 * from here:
 * - pools and app clients: `createPool`, `createClient` (per PreventUserExistenceErrors mode),
 *   `poolWithClient` (every sign-in flow), `poolWithClients` (one client per mode), `MODES`;
 * - users: `createUser` (invited), `confirmedUser`, `putUser` (any state, via the store),
 *   `storedUser`, `patchUser`, `uniq`, `attr`, `nameValues`;
 * - errors: `expectCognitoError(call, type, message?)`, `rejectionOf` (to compare two refusals),
 *   `settle` / `expectOk` (for calls whose outcome a table decides);
 * - messages: `outbox`, `lastCode`; time: `movableClock`, `waitFor`;
 * - MFA: `mfaPool` (`EVERY_FACTOR`), `passwordAuth`, `adminPasswordAuth`, `totpUser`, `totpPoolUser`,
 *   `answerTotp`, `expectOneSignInPerCode` (the TOTP replay guard), `currentTotp`, `STEP_MS`, `SES`, `SNS`;
 * - triggers: `serverWithStub`, `functionsDir`, `arn`, `eventsOf`, `onlyEvent`, `captureWarnings`.
 * The server itself comes from ./server.ts (`startTestServer`, `rawCall`).
 */
export {
  type CognitoFailure,
  expectCognitoError,
  expectOk,
  rejectionOf,
  type Settled,
  settle,
} from "./fixtures/errors.ts";
export { lastCode, outbox } from "./fixtures/messages.ts";
export {
  adminPasswordAuth,
  answerTotp,
  currentTotp,
  EVERY_FACTOR,
  expectOneSignInPerCode,
  mfaPool,
  type PoolIds,
  passwordAuth,
  SES,
  SNS,
  STEP_MS,
  totpPoolUser,
  totpUser,
} from "./fixtures/mfa.ts";
export {
  ALL_AUTH_FLOWS,
  type ClientSettings,
  createClient,
  createPool,
  type HasClient,
  MODES,
  type PoolSettings,
  type PoolWithClients,
  poolWithClient,
  poolWithClients,
} from "./fixtures/pools.ts";
export { type MovableClock, movableClock, waitFor } from "./fixtures/time.ts";
export {
  arn,
  captureWarnings,
  eventsOf,
  functionsDir,
  onlyEvent,
  type SeenEvent,
  serverWithStub,
} from "./fixtures/triggers.ts";
export {
  attr,
  confirmedUser,
  createUser,
  nameValues,
  patchUser,
  putUser,
  storedUser,
  type UserSpec,
  uniq,
} from "./fixtures/users.ts";
