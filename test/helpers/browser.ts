import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { type Browser, chromium, type Page } from "playwright-core";

/**
 * Headless Chromium for browser tests: Debian's chromium (`/usr/bin/chromium`, or
 * HUSHPOOL_CHROMIUM), driven by playwright-core, with the flags a sandboxed CI machine needs.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HUSHPOOL_CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run();
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/**
 * Pages for browser tests: small pages bundled at test time with esbuild (Amplify,
 * @simplewebauthn/browser, … from this repository's node_modules), served from their own origin so
 * that calls to hushpool are cross-origin like a real app's. Nothing here knows hushpool: a test
 * writes the page's script, e.g.
 *
 *     const opened = await openPage(browser, await bundlePage(`import { signIn } from "aws-amplify/auth"; …`));
 *     const out = await opened.page.evaluate(() => window.run(…));
 */

const REPO = fileURLToPath(new URL("../..", import.meta.url));

/** A bundled page on disk: `index.html` loading `bundle.js`. */
export interface BundledPage {
  dir: string;
  /** Removes the directory. */
  remove(): void;
}

/**
 * Bundles `source` (an ES module; bare imports resolve in this repository's node_modules) for the
 * browser into a fresh temporary directory with an `index.html` that loads it. The script usually
 * assigns functions to `window` for the test to call with `page.evaluate`.
 */
export async function bundlePage(source: string, opts: { title?: string } = {}): Promise<BundledPage> {
  const dir = mkdtempSync(join(tmpdir(), "hushpool-page-"));
  await build({
    stdin: { contents: source, resolveDir: REPO, loader: "ts", sourcefile: "page.ts" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outfile: join(dir, "bundle.js"),
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
    logLevel: "silent",
  });
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html><html><head><meta charset="utf-8"><title>${opts.title ?? "test page"}</title></head>` +
      `<body><script type="module" src="/bundle.js"></script></body></html>`,
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Serves a bundled page's directory on 127.0.0.1 (its own origin); `close` stops it. */
export async function servePage(bundle: BundledPage): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };
  const server: Server = createServer((req, res) => {
    const name =
      (req.url ?? "/").split("?")[0] === "/" ? "index.html" : (req.url ?? "").slice(1).split("?")[0];
    if (!name || !/^[\w.-]+$/.test(name)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(join(bundle.dir, name));
      res.writeHead(200, {
        "Content-Type": types[name.slice(name.lastIndexOf("."))] ?? "application/octet-stream",
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Opens a bundled page in a fresh browser context and waits until the global `ready` (a name the
 * page's script sets on `window`, default `__ready`) is true. Console errors are collected in
 * `errors` to help a failing test say why. `close` closes the context and the page's server.
 */
export async function openPage(
  browser: Browser,
  bundle: BundledPage,
  opts: { ready?: string } = {},
): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const served = await servePage(bundle);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(served.url);
  const ready = opts.ready ?? "__ready";
  await page.waitForFunction(
    (name) => (globalThis as unknown as Record<string, unknown>)[name] === true,
    ready,
    {
      timeout: 30_000,
    },
  );
  return {
    page,
    errors,
    async close() {
      await context.close();
      await served.close();
    },
  };
}
