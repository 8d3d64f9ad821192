import type { Answer, ExistenceRow } from "../src/domain/existence/types.ts";

/**
 * The table as Markdown, for docs/existence.md (a unit test checks that the document contains exactly
 * this text, so the docs cannot drift from the code). LEGACY and ENABLED are the cognito profile's
 * columns; "strict" is the strict profile's answer for both modes, in bold where it differs from the
 * ENABLED one (docs/existence.md#the-strict-profile).
 */
const SIMULATED: Record<string, string> = {
  SignUp: "simulated success; the holder is notified",
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

function strictCell(r: ExistenceRow): string {
  return r.strict === undefined ? "as ENABLED" : `**${cell(r.operation, r.strict)}**`;
}

export function renderExistenceTable(rows: readonly ExistenceRow[]): string {
  const head = ["| Operation | State | LEGACY | ENABLED | strict | Source |", "|---|---|---|---|---|---|"];
  const body = rows.map(
    (r) =>
      `| ${r.operation} | \`${r.state}\` | ${cell(r.operation, r.legacy)} | ${cell(r.operation, r.enabled)} | ${strictCell(r)} | ${r.source} |`,
  );
  return [...head, ...body].join("\n");
}
