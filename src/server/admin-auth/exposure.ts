import type { Config } from "../../config/config.ts";
import { isLocalName } from "./local-caller.ts";

/** A configuration the server will not start with; main.ts prints the message alone, no stack. */
export class StartRefused extends Error {}

/**
 * The start-time check of docs/security.md#who-may-call-what: a server reachable from other
 * machines (any --host but a loopback address or localhost) must have admin keys, or the operator
 * must say `--insecure-admin` and accept that anyone who reaches the port runs every admin operation.
 */
export function checkExposure(config: Pick<Config, "host" | "insecureAdmin">, adminKeys: number): void {
  if (adminKeys > 0 || config.insecureAdmin || isLocalName(config.host)) return;
  throw new StartRefused(
    `--host ${config.host} is reachable from other machines, and no admin keys are configured: anyone ` +
      "who reaches the port could run every admin operation (AdminSetUserPassword, DescribeUserPoolClient, " +
      "DeleteUserPool, …). Configure --admin-credentials FILE or HUSHPOOL_ADMIN_ACCESS_KEY_ID and " +
      "HUSHPOOL_ADMIN_SECRET_ACCESS_KEY (docs/security.md), or pass --insecure-admin to accept an open admin plane.",
  );
}
