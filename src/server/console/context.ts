import type { IncomingMessage } from "node:http";
import type { Services } from "../../services.ts";
import type { RecentInvocations } from "../../triggers/recent.ts";
import type { Principal } from "./call.ts";
import type { Html } from "./html.ts";
import type { Session } from "./session.ts";

/** What a console page sees of its request. */
export interface Ctx {
  services: Services;
  req: IncomingMessage;
  url: URL;
  session: Session;
  /** The CSRF token every form of this session carries. */
  csrf: string;
  who: Principal;
  /** Signed in with an admin key (so there is a sign-out); false for the keyless local console. */
  keyed: boolean;
  /** Whether the development endpoints are on: only then does the console show codes. */
  devEndpoints: boolean;
  recent: RecentInvocations;
  /** The form fields of a POST. */
  form: URLSearchParams;
  /** Calls an admin API operation (./call.ts). */
  call<T = Record<string, unknown>>(name: string, input: Record<string, unknown>): Promise<T>;
}

export type Reply = { status?: number; body: Html } | { redirect: string };

export interface PageRoute {
  method: "GET" | "POST";
  path: RegExp;
  /** For POST routes: the page to link back to when the operation refuses (from the match). */
  back?: (m: RegExpExecArray) => string;
  handle(ctx: Ctx, m: RegExpExecArray): Promise<Reply>;
}

/** A capture group decoded (paths are built with encodeURIComponent). */
export function param(m: RegExpExecArray, i: number): string {
  try {
    return decodeURIComponent(m[i] ?? "");
  } catch {
    return m[i] ?? "";
  }
}
