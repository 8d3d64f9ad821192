import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { InvokeOutcome, Invoker } from "./invoker.ts";
import { parseFunctionRef, TIMEOUT_CODE } from "./invoker.ts";
import type { Handler } from "./run-handler.ts";
import { runHandler } from "./run-handler.ts";

/** Tried in this order; `.ts` needs a Node that imports TypeScript (docs/packaging.md#build). */
const EXTENSIONS = [".mjs", ".js", ".cjs", ".ts", ".mts"];

interface Loaded {
  path: string;
  mtimeMs: number;
  handler: unknown;
  loadError?: InvokeOutcome;
}

/**
 * Runs trigger functions in-process from `<dir>/<functionName>.{mjs,js,cjs,ts,mts}`, each exporting
 * `handler(event, context[, callback])` as it would on Lambda. The function name is the last part of
 * the ARN (`arn:aws:lambda:<region>:<acct>:function:<name>[:alias]`; the alias is ignored). A changed
 * file is re-imported on the next call, so editing a handler needs no restart.
 */
export class LocalModuleInvoker implements Invoker {
  private readonly dir: string;
  private readonly cache = new Map<string, Loaded>();

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** True when a module exists for the function (used to fall back to a Lambda endpoint). */
  async has(functionArn: string): Promise<boolean> {
    return (await this.locate(parseFunctionRef(functionArn).name)) !== null;
  }

  async invoke(functionArn: string, payload: unknown, timeoutMs: number): Promise<InvokeOutcome> {
    const ref = parseFunctionRef(functionArn);
    const loaded = await this.load(ref.name);
    if (!loaded) {
      return {
        kind: "invocationFailed",
        code: "ResourceNotFoundException",
        detail: `no module ${ref.name}{${EXTENSIONS.join(",")}} in ${this.dir}`,
        retryable: false,
      };
    }
    if (loaded.loadError) return loaded.loadError;
    if (typeof loaded.handler !== "function") {
      // Lambda's own answer when the configured handler is missing (Runtime.HandlerNotFound).
      return {
        kind: "functionError",
        errorType: "Runtime.HandlerNotFound",
        errorMessage: `${ref.name}.handler is undefined or not exported`,
      };
    }
    const outcome = await runHandler(loaded.handler as Handler, functionArn, ref, payload, timeoutMs);
    return outcome === "timeout"
      ? {
          kind: "invocationFailed",
          code: TIMEOUT_CODE,
          detail: `${ref.name} did not finish within ${timeoutMs} ms (a non-async handler must call its callback)`,
          retryable: true,
        }
      : outcome;
  }

  private async locate(name: string): Promise<{ path: string; mtimeMs: number } | null> {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) return null; // never let a name walk out of the directory
    for (const ext of EXTENSIONS) {
      const path = join(this.dir, name + ext);
      const st = await stat(path).catch(() => null);
      if (st?.isFile()) return { path, mtimeMs: st.mtimeMs };
    }
    return null;
  }

  private async load(name: string): Promise<Loaded | null> {
    const found = await this.locate(name);
    if (!found) return null;
    const cached = this.cache.get(name);
    if (cached && cached.path === found.path && cached.mtimeMs === found.mtimeMs) return cached;
    const loaded: Loaded = { ...found, handler: undefined };
    try {
      // The query string makes the module loader import an edited file afresh.
      const mod = (await import(`${pathToFileURL(found.path).href}?v=${found.mtimeMs}`)) as Record<
        string,
        unknown
      >;
      const def = mod.default as Record<string, unknown> | undefined;
      loaded.handler = mod.handler ?? (typeof def === "object" && def !== null ? def.handler : undefined);
    } catch (err) {
      // What Lambda reports for a module that fails to load (Runtime.ImportModuleError).
      const message = err instanceof Error ? err.message : String(err);
      loaded.loadError = {
        kind: "functionError",
        errorType: "Runtime.ImportModuleError",
        errorMessage: message,
      };
    }
    this.cache.set(name, loaded);
    return loaded;
  }
}
