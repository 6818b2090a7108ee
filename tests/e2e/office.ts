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

/** The administrator's password the first start sets in the e2e tests. */
export const ADMIN_PASSWORD = 'hongxing-2026';

/**
 * The first-start form as a person fills it: the office, its operator as the administrator with a
 * password typed twice; then the recovery code is put away.
 */
export async function firstStart(page: Page, operator = '李明', org = '红星机械厂离退休管理办公室'): Promise<void> {
  await page.getByLabel('单位名称').fill(org);
  await page.getByLabel('经办人姓名').fill(operator);
  await fillPasswords(page);
  await page.getByRole('button', { name: '开始使用' }).click();
  await page.getByRole('button', { name: '我已记下恢复码，继续' }).click();
}

export async function fillPasswords(page: Page, password = ADMIN_PASSWORD): Promise<void> {
  await page.getByLabel('管理员密码').fill(password);
  await page.getByLabel('再次输入密码').fill(password);
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
  await firstStart(page);
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
