import type { Answer, ExistenceRow } from "../src/domain/existence/types.ts";

/**
 * The table as Markdown, for docs/existence.md (a unit test checks that the document contains exactly
 * this text, so the docs cannot drift from the code).
 */
const SIMULATED: Record<string, string> = {
  ResendConfirmationCode: "simulated `CodeDeliveryDetails`",
  ForgotPassword: "simulated `CodeDeliveryDetails`",
  ConfirmSignUp: "`CodeMismatchException` after a decoy code check",
  ConfirmForgotPassword: "`CodeMismatchException` after a decoy code check",
  "InitiateAuth CUSTOM_AUTH": "triggers run with `userNotFound: true`; never tokens",
  "RespondToAuthChallenge CUSTOM_CHALLENGE": "triggers run with `userNotFound: true`; never tokens",
};

function cell(operation: string, a: Answer): string {
  if (a.kind === "proceed") return "proceeds (real path)";
  if (a.kind === "simulate") return SIMULATED[operation] ?? "simulated (equal work)";
  return `\`${a.type}: ${a.message.replaceAll("|", "\\|")}\``;
}

export function renderExistenceTable(rows: readonly ExistenceRow[]): string {
  const head = ["| Operation | State | LEGACY | ENABLED | Source |", "|---|---|---|---|---|"];
  const body = rows.map(
    (r) =>
      `| ${r.operation} | \`${r.state}\` | ${cell(r.operation, r.legacy)} | ${cell(r.operation, r.enabled)} | ${r.source} |`,
  );
  return [...head, ...body].join("\n");
}
