import type { InvokeOutcome, Invoker } from "./invoker.ts";
import type { LocalModuleInvoker } from "./local-module-invoker.ts";

/**
 * Both --functions and --lambda-endpoint given: a function with a module in the directory runs
 * in-process, any other goes to the endpoint. Handy for overriding one function of a SAM stack
 * while developing it.
 */
export class FallbackInvoker implements Invoker {
  constructor(
    private readonly local: LocalModuleInvoker,
    private readonly remote: Invoker,
  ) {}

  async invoke(functionArn: string, payload: unknown, timeoutMs: number): Promise<InvokeOutcome> {
    const target = (await this.local.has(functionArn)) ? this.local : this.remote;
    return target.invoke(functionArn, payload, timeoutMs);
  }
}
