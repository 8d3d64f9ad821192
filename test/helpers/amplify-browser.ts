import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { type Browser, chromium, type Page } from "playwright-core";

/**
 * Amplify v6 in headless Chromium: bundles a page that puts `aws-amplify/auth` on `window.hp` (with
 * esbuild, at test time, into a temp dir), serves it from its own loopback origin (so calls to the
 * hushpool server are cross-origin, as in an app) and opens it in Debian's Chromium.
 */
export interface AmplifyBrowser {
  /** A fresh page (own storage) with Amplify configured for this pool and client. */
  page(cfg: { userPoolId: string; userPoolClientId: string; userPoolEndpoint: string }): Promise<Page>;
  close(): Promise<void>;
}

const ENTRY = `
import { Amplify } from "aws-amplify";
import * as auth from "aws-amplify/auth";
window.hp = {
  configure(cognito) { Amplify.configure({ Auth: { Cognito: cognito } }); },
  ...auth,
};
`;

export async function startAmplifyBrowser(): Promise<AmplifyBrowser> {
  const dir = mkdtempSync(join(tmpdir(), "hushpool-amplify-"));
  const entry = join(dir, "entry.mjs");
  writeFileSync(entry, ENTRY);
  await build({
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    platform: "browser",
    outfile: join(dir, "bundle.js"),
    nodePaths: [join(process.cwd(), "node_modules")],
    logLevel: "silent",
    define: { global: "window" },
  });
  const bundle = readFileSync(join(dir, "bundle.js"));
  const html = `<!doctype html><html><head><meta charset="utf-8"><script src="/bundle.js"></script></head><body>ok</body></html>`;
  const site: Server = createServer((req, res) => {
    if (req.url === "/bundle.js") {
      res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
      return;
    }
    res.writeHead(200, { "content-type": "text/html" }).end(html);
  });
  await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
  const address = site.address();
  if (!address || typeof address !== "object") throw new Error("no address");
  const origin = `http://127.0.0.1:${address.port}`;
  const browser: Browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
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
  return {
    async page(cfg) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => (globalThis as unknown as { hp?: unknown }).hp !== undefined);
      await page.evaluate(
        (c) => (globalThis as unknown as { hp: { configure(x: unknown): void } }).hp.configure(c),
        cfg,
      );
      return page;
    },
    async close() {
      await browser.close();
      site.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
