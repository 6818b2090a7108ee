// The import wizard in a real browser: roster-titled.xlsx with a fix in the preview and an undo,
// then roster-legacy.xls. Screenshots land in test-results/screens.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { checkCharacter } from '../../src-main/shared/idNumber';
import { launchChromium } from './browser';
import { startHarness, type Harness } from './harness';
import { firstStart } from './office';

const SCREENS = path.resolve(import.meta.dirname, '../../test-results/screens');
const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures/rosters');

let harness: Harness;
let browser: Browser;
let page: Page;
async function shot(name: string) {
  await page.screenshot({ path: path.join(SCREENS, `import-${name}.png`), fullPage: true });
}

beforeAll(async () => {
  fs.mkdirSync(SCREENS, { recursive: true });
  harness = await startHarness();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await page.goto(harness.url);
  await firstStart(page);
  await page.getByRole('heading', { name: '工作概况' }).waitFor();
  // An empty office is pointed at the import.
  await page.getByText('还没有人员档案').waitFor();
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

const next = () => page.getByRole('button', { name: '下一步' }).click();

describe('import wizard', () => {
  test('roster-titled.xlsx: preview, fix a wrong ID number in place, import, undo', async () => {
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '导入花名册' }).click();
    await page.getByLabel('选择花名册文件').setInputFiles(path.join(FIXTURES, 'roster-titled.xlsx'));
    await expect.poll(() => page.getByRole('cell', { name: 'Sheet1' }).first().isVisible()).toBe(true);
    await shot('1-sheets');
    await next();
    await expect.poll(() => page.getByText('文件中的表头').isVisible()).toBe(true);
    await shot('2-columns');
    await next();
    await expect.poll(() => page.getByText('有问题（9）').isVisible()).toBe(true);
    await shot('3-preview');

    // The first problem row: its ID number has a wrong check digit. Fix it in the preview.
    const firstProblem = page.locator('tbody tr').first();
    const idCell = firstProblem.locator('td[title="点击修改"]').filter({ hasText: /^\d{17}[\dX]$/ });
    const wrong = (await idCell.textContent())!.trim();
    await idCell.click();
    const fixed = wrong.slice(0, 17) + checkCharacter(wrong.slice(0, 17));
    await page.getByLabel('新的值').fill(fixed);
    await page.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.getByText('有问题（8）').isVisible()).toBe(true);

    await next();
    await expect.poll(() => page.getByText('文件中的人员都是新的').isVisible()).toBe(true);
    await next();
    await page.getByRole('button', { name: '开始导入' }).click();
    await expect.poll(() => page.getByText('导入完成').isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.getByText('300 行人员数据已全部处理').isVisible()).toBe(true);
    await shot('4-report');

    await page.getByRole('tab', { name: '导入记录' }).click();
    await page.getByRole('button', { name: '撤销导入' }).click();
    await expect.poll(() => page.getByText('将删除这次导入新增的 300 份档案').isVisible()).toBe(true);
    await shot('5-undo');
    await page.getByRole('button', { name: '确认撤销' }).click();
    await expect.poll(() => page.getByText(/已于 .* 撤销/).isVisible()).toBe(true);
  });

  test('roster-legacy.xls: two sheets with two-row headers and numbers Excel destroyed', async () => {
    await page.getByRole('tab', { name: '导入', exact: true }).click();
    await page.getByRole('button', { name: '再导入一个文件' }).click();
    await page.getByLabel('选择花名册文件').setInputFiles(path.join(FIXTURES, 'roster-legacy.xls'));
    await expect.poll(() => page.getByRole('cell', { name: '退休人员' }).first().isVisible()).toBe(true);
    await next();
    await next();
    await expect.poll(() => page.getByText('有问题（5）').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('末几位已丢失').first().isVisible()).toBe(true);
    await shot('6-legacy-preview');
    await next();
    await next();
    await page.getByRole('button', { name: '开始导入' }).click();
    await expect.poll(() => page.getByText('400 行人员数据已全部处理').isVisible(), { timeout: 60_000 }).toBe(true);
    await page.getByRole('button', { name: '查看人员档案' }).click();
    await expect.poll(() => page.getByText('共 5 人').isVisible()).toBe(true);
  });
});
