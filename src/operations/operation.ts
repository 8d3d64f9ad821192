import type { Logger } from "pino";
import type { z } from "zod";
import type { Services } from "../services.ts";

/** Per-request facts an operation may use. */
export interface RequestContext {
  requestId: string;
  log: Logger;
  /** The caller's address (only loopback callers may use the /_hushpool endpoints). */
  remoteAddress: string;
}

/**
 * One Cognito API operation: its AWS name, its input schema (validated at the edge, so the handler
 * never sees unchecked input), and the handler that returns the output shape.
 */
export interface Operation<S extends z.ZodType = z.ZodType> {
  name: string;
  input: S;
  handle(input: z.infer<S>, services: Services, ctx: RequestContext): Promise<object>;
}

/**
 * Who may call an operation, as Cognito's API reference classes it: `iam` operations are authorized
 * with IAM (a Signature Version 4 from an AWS key: every Admin* operation and the pool, app-client,
 * group, domain, identity-provider, resource-server, import-job, tag and client-secret operations);
 * `public` ones are unauthenticated or authorized by the user's own tokens, and are what browsers
 * call. src/server/admin-auth/ enforces the difference (docs/security.md).
 */
export type AuthClass = "iam" | "public";

/** An operation with its auth class, as src/operations/registry.ts lists it. */
export interface RegisteredOperation extends Operation {
  auth: AuthClass;
}

export function defineOperation<S extends z.ZodType>(
  name: string,
  input: S,
  handle: (input: z.infer<S>, services: Services, ctx: RequestContext) => Promise<object>,
): Operation<S> {
  return { name, input, handle };
}
