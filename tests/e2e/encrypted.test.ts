// An encrypted office in a real browser (issue 18, part 5): the first start makes the database
// encrypted; started again, the harness keeps it closed, the log-in page says so, and the
// administrator's name and password open it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import { launchChromium } from './browser';
import { startHarness, type Harness } from './harness';
import { ADMIN_PASSWORD, openOffice } from './office';

const running: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const r of running.splice(0)) await r.close();
});

test('the first start encrypts; the next start opens the database at the log-in', async () => {
  const office = await openOffice('encrypted');
  const { dbPath } = office.harness;
  await office.close();
  // What a copy of the file gives: no database to sqlite3, no SQLite header.
  expect(fs.readFileSync(dbPath).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  const shell = spawnSync('sqlite3', [dbPath, 'select count(*) from persons'], { encoding: 'utf8' });
  expect(`${shell.stdout}${shell.stderr}`).toMatch(/file is not a database/);

  const harness: Harness = await startHarness([], dbPath);
  running.push({ close: () => harness.stop() });
  const browser = await launchChromium();
  running.push({ close: () => browser.close() });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await page.goto(harness.url);
  await page.getByText('数据库已加密，登录时用您的密码打开').waitFor();
  await page.getByLabel('姓名').fill('李明');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('姓名或密码不正确').waitFor();
  await page.getByLabel('密码').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '工作概况' }).waitFor();
  await expect.poll(() => page.getByText('经办人：李明').isVisible()).toBe(true);
}, 180_000);
