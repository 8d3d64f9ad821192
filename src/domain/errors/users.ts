import { make } from "./cognito-error.ts";

/** Users: lookups, clashes and user-level refusals (docs/admin-users.md, docs/existence.md). */
export const userErrors = {
  /** SignUp without a password in a pool without passwordless sign-in (inferred wording, docs/authentication.md#auto-sign-in). */
  passwordRequired: () => make("InvalidParameterException", "Password is required."),
  /** Admin operations and token operations naming a user that does not exist. */
  userNotFound: () => make("UserNotFoundException", "User does not exist."),
  /** Client-side operations (SignUp's confirmations and recovery) in LEGACY mode. */
  usernameClientNotFound: () => make("UserNotFoundException", "Username/client id combination not found."),

  /** SignUp: the username is taken. */
  usernameExists: () => make("UsernameExistsException", "User already exists"),
  /** AdminCreateUser: the username is taken (Cognito words it differently from SignUp). */
  userAccountExists: () => make("UsernameExistsException", "User account already exists"),
  /** The email / phone_number that is another user's sign-in name in a UsernameAttributes pool. */
  signInNameExists: (attribute: string) =>
    make("UsernameExistsException", `An account with the given ${attribute} already exists.`),
  /**
   * Confirming a sign-up whose alias (email, phone_number, preferred_username) another user holds:
   * ConfirmSignUp's wording, which has no "given" (also SignUp's preferred_username clash).
   */
  aliasExists: (kind: string) => make("AliasExistsException", `An account with the ${kind} already exists.`),
  /**
   * Writing an attribute that is another user's alias: the UpdateUserAttributes wording, also used
   * for AdminUpdateUserAttributes, VerifyUserAttribute and AdminCreateUser (docs/admin-users.md).
   */
  attributeAliasExists: (kind: string) =>
    make("AliasExistsException", `An account with the given ${kind} already exists.`),

  /** SignUp in a pool with AllowAdminCreateUserOnly. */
  signUpNotPermitted: () => make("NotAuthorizedException", "SignUp is not permitted for this user pool"),
  /** AdminCreateUser with MessageAction RESEND for a user past FORCE_CHANGE_PASSWORD. */
  resendNotPossible: (username: string) =>
    make(
      "UnsupportedUserStateException",
      `Resend not possible. ${username} status is not FORCE_CHANGE_PASSWORD`,
    ),

  /** The password policy: SignUp says "did not conform with", every other operation "does not conform to". */
  signUpPasswordPolicy: (rule: string) =>
    make("InvalidPasswordException", `Password did not conform with policy: ${rule}`),
  passwordPolicy: (rule: string) =>
    make("InvalidPasswordException", `Password does not conform to policy: ${rule}`),

  /** The username model of the pool (UsernameAttributes / AliasAttributes; docs/admin-users.md). */
  usernameShouldBeEmail: () => make("InvalidParameterException", "Username should be an email."),
  usernameShouldBePhone: () => make("InvalidParameterException", "Username should be a phone number."),
  usernameShouldBeEmailOrPhone: () =>
    make("InvalidParameterException", "Username should be either an email or a phone number."),
  usernameIsEmailAlias: () =>
    make(
      "InvalidParameterException",
      "Username cannot be of email format, since user pool is configured for email alias.",
    ),
  usernameIsPhoneAlias: () =>
    make(
      "InvalidParameterException",
      "Username cannot be of phone number format, since user pool is configured for phone number alias.",
    ),

  /** ListUsers' Filter. */
  filterParseError: () => make("InvalidParameterException", "Error while parsing filter"),
  invalidSearchAttribute: (name: string) =>
    make("InvalidParameterException", `Invalid search attribute: ${name}`),
};
