/**
 * Import rules of hushpool, checked by `npm run lint:deps` (part of `npm test`). When one fails, fix
 * the import; do not weaken the rule.
 * @type {import("dependency-cruiser").IConfiguration}
 */
module.exports = {
  forbidden: [
    // No import cycles anywhere, type-only imports included (tsPreCompilationDeps below keeps them).
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    // The domain knows no wire edge, HTTP server, SQL adapter, composition root, job, script or test.
    {
      name: "domain-not-to-outer-layers",
      severity: "error",
      from: { path: "^src/domain/" },
      to: {
        path: [
          "^src/protocol/",
          "^src/server/",
          "^src/storage/sql/",
          "^src/app[.]ts$",
          "^src/main[.]ts$",
          "^src/jobs/",
          "^scripts/",
          "^test/",
        ],
      },
    },
    // Trigger calls stay independent of the sign-in flows: trigger-calls/ does not import auth-flows/.
    {
      name: "trigger-calls-not-to-auth-flows",
      severity: "error",
      from: { path: "^src/domain/trigger-calls/" },
      to: { path: "^src/domain/auth-flows/" },
    },
    // And the other way round: the sign-in flows (auth-flows/) do not import trigger-calls/.
    {
      name: "auth-flows-not-to-trigger-calls",
      severity: "error",
      from: { path: "^src/domain/auth-flows/" },
      to: { path: "^src/domain/trigger-calls/" },
    },
    // Operations use the storage ports (src/storage/ports.ts), never the SQL adapters or the HTTP server.
    {
      name: "operations-not-to-adapters-or-server",
      severity: "error",
      from: { path: "^src/operations/" },
      to: { path: ["^src/storage/sql/", "^src/server/"] },
    },
    // The wire edge parses and renders; it does not touch storage, ports included.
    {
      name: "protocol-not-to-storage",
      severity: "error",
      from: { path: "^src/protocol/" },
      to: { path: "^src/storage/" },
    },
    // Production code never imports tests, benchmarks or scripts.
    {
      name: "src-not-to-test-bench-scripts",
      severity: "error",
      from: { path: "^src/" },
      to: { path: ["^test/", "^bench/", "^scripts/"] },
    },
    // Every module in src is imported by something or imports something, except the entry point.
    {
      name: "no-orphans-in-src",
      severity: "error",
      from: { orphan: true, path: "^src/", pathNot: ["^src/main[.]ts$", "[.]d[.]ts$"] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Keep `import type` and `export type` edges, so cycles through types are caught too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
