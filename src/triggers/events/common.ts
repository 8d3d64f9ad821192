/**
 * The envelope every Cognito user-pool trigger event shares (docs/triggers.md#the-event-contract; AWS "Customizing user pool
 * workflows with Lambda triggers", common parameters; `@types/aws-lambda` `BaseTriggerEvent`).
 * Attribute and metadata maps are string-valued on the wire, so they are typed that way here.
 */
export type StringMap = Record<string, string>;

export interface CallerContext {
  /** e.g. `aws-sdk-unknown-unknown`, `aws-sdk-js-2.1639.0`. */
  awsSdkVersion: string;
  /** The app client id, or `CLIENT_ID_NOT_APPLICABLE` for admin calls such as AdminCreateUser. */
  clientId: string;
}

export interface TriggerEnvelope<Source extends string, Request, Response> {
  /** `"1"`; `"2"` / `"3"` only for PreTokenGeneration V2_0 / V3_0 events. */
  version: string;
  triggerSource: Source;
  region: string;
  userPoolId: string;
  /** The internal username (for UserMigration: the name as the user entered it). */
  userName: string;
  callerContext: CallerContext;
  request: Request;
  response: Response;
}

/** Cognito's value for `callerContext.clientId` when no app client is involved (docs/triggers.md#the-event-contract). */
export const CLIENT_ID_NOT_APPLICABLE = "CLIENT_ID_NOT_APPLICABLE";

/** What Cognito puts in `awsSdkVersion` when it cannot tell the caller's SDK (docs/triggers.md#the-event-contract). */
export const UNKNOWN_SDK_VERSION = "aws-sdk-unknown-unknown";

/** The parts of the envelope an operation knows; the trigger-specific builders add the rest. */
export interface EnvelopeInput {
  region: string;
  userPoolId: string;
  userName: string;
  clientId?: string;
  awsSdkVersion?: string;
}

/** Builds an event with version "1" unless told otherwise. */
export function envelope<Source extends string, Request, Response>(
  input: EnvelopeInput,
  triggerSource: Source,
  request: Request,
  response: Response,
  version = "1",
): TriggerEnvelope<Source, Request, Response> {
  return {
    version,
    triggerSource,
    region: input.region,
    userPoolId: input.userPoolId,
    userName: input.userName,
    callerContext: {
      awsSdkVersion: input.awsSdkVersion ?? UNKNOWN_SDK_VERSION,
      clientId: input.clientId ?? CLIENT_ID_NOT_APPLICABLE,
    },
    request,
    response,
  };
}
