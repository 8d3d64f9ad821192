import type { RawAnswer } from "./raw-http.ts";

/**
 * An AWS SDK v3 call's outcome as the comparator reads answers: what the SDK gives an application
 * (its HTTP status, the parsed output without `$metadata`, or the exception's name and message),
 * with no headers. The sanity cases use it to check that what differs, or not, on the wire is also
 * what an application built on the SDK sees.
 */
export async function sdkAnswer(call: Promise<object>): Promise<RawAnswer> {
  try {
    const { $metadata, ...output } = (await call) as { $metadata?: { httpStatusCode?: number } };
    return { status: $metadata?.httpStatusCode ?? 0, headers: [], body: JSON.stringify(output) };
  } catch (e) {
    const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    return {
      status: err.$metadata?.httpStatusCode ?? 0,
      headers: [],
      body: JSON.stringify({ __type: err.name, message: err.message }),
    };
  }
}
