// Debian's Chromium as playwright-core starts it here: never a downloaded browser (see README).
// Without vitest, so that the bench (bench/letters.ts) starts it the way the test run does.
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const options = {
  executablePath: CHROMIUM,
  headless: true,
  // Without the networking flags Chromium stalls on a machine with no outside network.
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
  ],
};

/** A Chromium that others connect to (the test run's: tests/e2e/browser.ts). */
export function chromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer(options);
}

/** A Chromium of the caller's own. */
export function ownChromium(): Promise<Browser> {
  return chromium.launch(options);
}
