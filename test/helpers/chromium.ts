import { type Browser, chromium } from "playwright-core";

/** Debian's headless Chromium, launched as the project's browser tests do. */
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
