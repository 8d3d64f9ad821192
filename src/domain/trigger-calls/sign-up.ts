import type { PoolRecord, UserRecord } from "../../storage/ports.ts";
import type { PostConfirmationSource, PreSignUpSource, StringMap } from "../../triggers/index.ts";
import { postConfirmationEvent, preSignUpEvent } from "../../triggers/index.ts";
import { envelopeFor, eventAttributes, runnerFor, type TriggerDeps } from "./envelope.ts";

/** What PreSignUp asked for; all false when the trigger is not configured (docs/triggers.md#presignup). */
export interface SignUpFlags {
  autoConfirmUser: boolean;
  autoVerifyEmail: boolean;
  autoVerifyPhone: boolean;
}

const NONE: SignUpFlags = { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false };

/**
 * PreSignUp (docs/triggers.md#presignup): runs after every request check and before the insert, with the attributes as
 * they will be stored (the typed email / phone already copied in for username-attribute pools) and
 * `userName` the internal username. A function that throws rejects the sign-up
 * (UserLambdaValidationException from the runner); `autoConfirmUser: false` does not. The flags are
 * returned for `PreSignUp_SignUp` only: Cognito ignores them for `PreSignUp_AdminCreateUser`.
 */
export async function preSignUp(
  deps: TriggerDeps,
  args: {
    pool: PoolRecord;
    clientId: string | undefined;
    source: Extract<PreSignUpSource, "PreSignUp_SignUp" | "PreSignUp_AdminCreateUser">;
    userName: string;
    attributes: StringMap;
    validationData: StringMap | undefined;
    clientMetadata: StringMap | undefined;
  },
): Promise<SignUpFlags> {
  const runner = runnerFor(deps, args.pool);
  if (!runner.has("PreSignUp")) return NONE;
  const event = preSignUpEvent(envelopeFor(deps, args.pool, args.userName, args.clientId), args.source, {
    userAttributes: { ...args.attributes },
    validationData: args.validationData ?? null,
    clientMetadata: args.clientMetadata ?? null,
  });
  const { response } = await runner.run("PreSignUp", event);
  if (args.source === "PreSignUp_AdminCreateUser") return NONE;
  return {
    autoConfirmUser: response.autoConfirmUser === true,
    autoVerifyEmail: response.autoVerifyEmail === true,
    autoVerifyPhone: response.autoVerifyPhone === true,
  };
}

/**
 * The attributes after PreSignUp's auto-verification. A flag for an attribute the user does not have
 * is ignored (decision, docs/triggers.md; AWS: "the email attribute must have a valid, non-null value").
 */
export function autoVerified(attributes: StringMap, flags: SignUpFlags): StringMap {
  const out = { ...attributes };
  if (flags.autoVerifyEmail && out.email) out.email_verified = "true";
  if (flags.autoVerifyPhone && out.phone_number) out.phone_number_verified = "true";
  return out;
}

/**
 * PostConfirmation (docs/triggers.md#postconfirmation): after the confirmation is saved — ConfirmSignUp, AdminConfirmSignUp and a
 * PreSignUp auto-confirm (`_ConfirmSignUp`), ConfirmForgotPassword (`_ConfirmForgotPassword`). A
 * function that throws makes the call fail with UserLambdaValidationException although the change is
 * already saved (docs/triggers.md#postconfirmation, inferred).
 */
export async function postConfirmation(
  deps: TriggerDeps,
  args: {
    pool: PoolRecord;
    clientId: string | undefined;
    source: PostConfirmationSource;
    user: UserRecord;
    clientMetadata: StringMap | undefined;
  },
): Promise<void> {
  const runner = runnerFor(deps, args.pool);
  if (!runner.has("PostConfirmation")) return;
  const event = postConfirmationEvent(
    envelopeFor(deps, args.pool, args.user.username, args.clientId),
    args.source,
    { userAttributes: eventAttributes(args.pool, args.user), clientMetadata: args.clientMetadata ?? null },
  );
  await runner.run("PostConfirmation", event);
}

/**
 * Whether a uniqueness clash on `what` is an alias that PreSignUp auto-verified in an alias pool:
 * Cognito then moves the alias to the new user and un-verifies it on its holder (docs/triggers.md#presignup), which is
 * what ../users/insert-user.ts does with ForceAliasCreation.
 */
export function autoVerifiedAlias(
  aliasAttributes: readonly string[] | undefined,
  flags: SignUpFlags,
  what: string,
): boolean {
  if (!(aliasAttributes ?? []).includes(what)) return false;
  return (what === "email" && flags.autoVerifyEmail) || (what === "phone_number" && flags.autoVerifyPhone);
}
