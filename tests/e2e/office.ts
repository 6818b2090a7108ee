// A browser on a fresh office of the harness: the first-run form filled in, the home page shown;
// screenshots, contract calls from the page with the run's token, and moving to an address.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startHarness, type Harness } from './harness';

export const SCREENS = path.resolve(import.meta.dirname, '../../test-results/screens');

export interface Office {
  harness: Harness;
  browser: Browser;
  page: Page;
  /** A full-page screenshot in test-results/screens, named after the test file's prefix. */
  shot(name: string): Promise<void>;
  /** A call of the contract from the page, as the renderer makes it. */
  rpc<T>(method: string, input: unknown): Promise<T>;
  /** Moves the app to an address (#/people/12). */
  go(hash: string): Promise<void>;
  close(): Promise<void>;
}

export async function openOffice(prefix: string, harnessArgs: string[] = ['--demo']): Promise<Office> {
  fs.mkdirSync(SCREENS, { recursive: true });
  const harness = await startHarness(harnessArgs);
  const browser = await launchChromium();
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  await page.goto(harness.url);
  await page.getByLabel('单位名称').fill('红星机械厂离退休管理办公室');
  await page.getByLabel('经办人姓名').fill('李明');
  await page.getByRole('button', { name: '开始使用' }).click();
  await page.getByRole('heading', { name: '工作概况' }).waitFor();
  return {
    harness,
    browser,
    page,
    shot: async (name) => {
      await page.screenshot({ path: path.join(SCREENS, `${prefix}-${name}.png`), fullPage: true });
    },
    rpc: <T>(method: string, input: unknown) =>
      page.evaluate(
        async ([m, i]) => {
          const storage = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } })
            .sessionStorage;
          const res = await fetch('./rpc', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-rpc-token': storage.getItem('rpc-token') ?? '' },
            body: JSON.stringify({ method: m, input: i }),
          });
          const r = (await res.json()) as { ok: boolean; value: unknown; error?: { message: string } };
          if (!r.ok) throw new Error(r.error?.message);
          return r.value;
        },
        [method, input] as const,
      ) as Promise<T>,
    go: async (hash) => {
      await page.evaluate((h) => {
        (globalThis as unknown as { location: { hash: string } }).location.hash = h;
      }, hash);
    },
    close: async () => {
      await browser.close();
      await harness.stop();
    },
  };
}
