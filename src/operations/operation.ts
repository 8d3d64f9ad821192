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

export function defineOperation<S extends z.ZodType>(
  name: string,
  input: S,
  handle: (input: z.infer<S>, services: Services, ctx: RequestContext) => Promise<object>,
): Operation<S> {
  return { name, input, handle };
}
