import { accessErrors } from "./access.ts";
import { adminExtraErrors } from "./admin-extras.ts";
import { codeErrors } from "./codes.ts";
import { groupErrors } from "./groups.ts";
import { mfaErrors } from "./mfa.ts";
import { oauthErrors } from "./oauth.ts";
import { poolErrors } from "./pools.ts";
import { protocolErrors } from "./protocol.ts";
import { quotaErrors } from "./quotas.ts";
import { signInErrors } from "./sign-in.ts";
import { tokenErrors } from "./tokens.ts";
import { triggerErrors } from "./triggers.ts";
import { userErrors } from "./users.ts";
import { validationErrors } from "./validation.ts";

/**
 * The error catalogue: one named constructor per situation, each giving Cognito's exception name and
 * exact message. Code outside this folder never writes a message; it calls `errors.<situation>(…)`,
 * passing only values (a pool id, an attribute name). One situation, one wording: two situations that
 * Cognito words differently have two names (e.g. `aliasExists` and `attributeAliasExists`).
 */
export const errors = {
  ...signInErrors,
  ...tokenErrors,
  ...codeErrors,
  ...userErrors,
  ...poolErrors,
  ...groupErrors,
  ...mfaErrors,
  ...oauthErrors,
  ...validationErrors,
  ...triggerErrors,
  ...quotaErrors,
  ...protocolErrors,
  ...accessErrors,
  ...adminExtraErrors,
};

export type ErrorCatalogue = typeof errors;
