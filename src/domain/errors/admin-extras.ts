import { make } from "./cognito-error.ts";

/**
 * Auth events and user import jobs (docs/admin-users.md#auth-events, docs/admin-users.md#user-import-jobs).
 * The exception names are AWS's; where no public source shows the text, the wording is ours and
 * documented there.
 */
export const adminExtraErrors = {
  /** AdminListUserAuthEvents and the feedback operations on a pool without threat protection. */
  threatProtectionOff: () =>
    make(
      "UserPoolAddOnNotEnabledException",
      "Advanced security features are not enabled for this user pool.",
    ),
  authEventNotFound: () => make("ResourceNotFoundException", "Auth event not found."),
  invalidFeedbackToken: () => make("NotAuthorizedException", "Invalid feedback token."),

  importJobNotFound: (jobId: string) =>
    make("ResourceNotFoundException", `Import job ${jobId} does not exist.`),
  importNotStartable: (status: string) =>
    make("PreconditionNotMetException", `Import job cannot be started in its current status: ${status}.`),
  importFileMissing: () =>
    make("PreconditionNotMetException", "The CSV file has not been uploaded to the pre-signed URL."),
  importNotStoppable: (status: string) =>
    make("PreconditionNotMetException", `Import job cannot be stopped in its current status: ${status}.`),
};
