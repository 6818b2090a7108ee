// The retiree files in a real browser: Debian's Chromium against the browser harness on a
// temporary database. Screenshots land in test-results/screens for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { checkCharacter } from '../../src-main/shared/idNumber';
import { launchChromium } from './browser';
import { startHarness, type Harness } from './harness';
import { fillPasswords } from './office';

const SCREENS = path.resolve(import.meta.dirname, '../../test-results/screens');
const ID_FIRST17 = '21010219521005122';
const ID = ID_FIRST17 + checkCharacter(ID_FIRST17);

let harness: Harness;
let browser: Browser;
let page: Page;

async function shot(name: string) {
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  fs.mkdirSync(SCREENS, { recursive: true });
  harness = await startHarness(['--demo']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
});

beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

describe('retiree files in the browser', () => {
  test('first run asks for the organisation and the operator, then shows the figures', async () => {
    await page.goto(harness.url);
    await expect.poll(() => page.getByText('欢迎使用离退休服务管理').isVisible()).toBe(true);
    await shot('01-setup');
    await page.getByRole('button', { name: '开始使用' }).click();
    await expect.poll(() => page.getByText('请填写单位名称').first().isVisible()).toBe(true);
    await page.getByLabel('单位名称').fill('沈阳某某机械集团有限公司离退休管理办公室');
    await page.getByLabel('经办人姓名').fill('李明');
    await fillPasswords(page);
    await page.getByRole('button', { name: '开始使用' }).click();
    await page.getByRole('button', { name: '我已记下恢复码，继续' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '工作概况' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('经办人：李明').isVisible()).toBe(true);
    // The token is not left in the address bar.
    expect(page.url()).not.toContain('token=');
    await shot('02-home');
  });

  test('a home figure opens the matching list', async () => {
    await page.getByRole('button', { name: '90 岁及以上' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '人员档案' }).isVisible()).toBe(true);
    const ages = await page.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(ages.length).toBeGreaterThan(0);
    for (const a of ages) expect(Number(a)).toBeGreaterThanOrEqual(90);
    await shot('03-list-over-90');
    await page.locator('tbody tr').first().click();
    await expect.poll(() => page.getByRole('tab', { name: /家属及联系人/ }).isVisible()).toBe(true);
    await shot('03-demo-file');
    await page.getByRole('tab', { name: /家属及联系人/ }).click();
    await shot('03-demo-contacts');
  });

  test('the list as shown exports to Excel', async () => {
    await page.goto(`${harness.origin}/#/people?category=离休&sort=birthDate`);
    await expect.poll(() => page.getByText(/共 \d+ 人/).isVisible()).toBe(true);
    const total = Number((await page.getByText(/共 \d+ 人/).textContent())!.replace(/\D/g, ''));
    await page.getByRole('button', { name: '导出 Excel' }).click();
    // The dialog asks masked (the default) or full.
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('脱敏导出（默认）').isChecked()).toBe(true);
    await shot('03-export-choice');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: '导出', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^离退休人员花名册-\d{4}-\d{2}-\d{2}（脱敏）\.xlsx$/);
    const file = path.join(SCREENS, '..', 'export.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets[0].rowCount).toBe(total + 2);
    for (let r = 3; r <= total + 2; r++) expect(wb.worksheets[0].getCell(r, 6).value).toBe('离休');
  });

  test('create a person: the ID number fills birth date and gender', async () => {
    await page.goto(`${harness.origin}/#/people/new`);
    await page.getByLabel('姓名').fill('张桂兰');
    await page.getByLabel('身份证号').fill(ID.slice(0, 17) + ID[17].toLowerCase());
    await expect.poll(() => page.getByText('校验通过').isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('出生日期').inputValue()).toBe('1952-10-05');
    await expect.poll(() => page.getByLabel('性别').first().inputValue()).toBe('女');
    await page.getByLabel('联系电话1', { exact: true }).fill('13840001234');
    await page.getByLabel('住址').fill('沈阳市铁西区兴华街 12 号');
    await shot('03-new-person');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/people\/\d+$/);
    await expect.poll(() => page.getByRole('heading', { name: '张桂兰' }).isVisible()).toBe(true);
    // Saved, the file comes back masked (issue 18): the ID number and the phone.
    await expect
      .poll(() => page.getByLabel('身份证号', { exact: true }).inputValue())
      .toBe(`210102********${ID.slice(-4)}`);
    expect(await page.getByLabel('联系电话1', { exact: true }).inputValue()).toBe('138****1234');
  });

  test('显示 reveals the ID number for a reason, into the field, with no unsaved change', async () => {
    await page.getByLabel('身份证号', { exact: true }).scrollIntoViewIfNeeded();
    // The viewport, not the full page: the masked field and its 显示 as the clerk sees them.
    await page.screenshot({ path: path.join(SCREENS, '04-masked-field.png') });
    await page.getByRole('button', { name: '显示完整身份证号' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '显示', exact: true }).click();
    await expect.poll(() => dialog.getByText('请选择或填写查看原因').isVisible()).toBe(true);
    await dialog.getByLabel('原因').click();
    await page.getByRole('option', { name: '核对身份' }).click();
    await dialog.getByLabel('说明').fill('本人来办理资格认证');
    await shot('04-reveal-reason');
    await dialog.getByRole('button', { name: '显示', exact: true }).click();
    await expect.poll(() => page.getByLabel('身份证号', { exact: true }).inputValue()).toBe(ID);
    expect(await page.getByText('有未保存的修改').isVisible()).toBe(false);
    // The phone stays masked: one field at a time.
    expect(await page.getByLabel('联系电话1', { exact: true }).inputValue()).toBe('138****1234');
    await shot('04-revealed');
  });

  test('find the person by pinyin initials; the list masks the ID number', async () => {
    await page.goto(`${harness.origin}/#/people`);
    await page.getByLabel('搜索').fill('zgl');
    const row = page.locator('tbody tr', { hasText: '张桂兰' }).filter({ hasText: ID.slice(-4) });
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.textContent()).toContain(`210102********${ID.slice(-4)}`);
    expect(await row.textContent()).not.toContain(ID);
    await shot('04-search-zgl');
    await row.click();
    await expect.poll(() => page.getByRole('heading', { name: '张桂兰' }).isVisible()).toBe(true);
  });

  test('edit the file and see the change in its history', async () => {
    await page.getByLabel('住址').fill('沈阳市铁西区卫工街 8 号 3 单元 201 室');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('有未保存的修改').isVisible()).toBe(false);
    await page.getByRole('tab', { name: '变更记录' }).click();
    const change = page.locator('tr', { hasText: '住址' });
    await expect.poll(() => change.textContent()).toContain('卫工街 8 号');
    expect(await change.textContent()).toContain('兴华街 12 号');
    await expect.poll(() => page.getByText('建立档案').isVisible()).toBe(true);
    await shot('05-history');
  });

  test('a unit added in the organisation network is picked in a file and filters the list', async () => {
    await page.goto(`${harness.origin}/#/org?view=party`);
    await page.getByLabel('党支部名称').fill('机关第五党支部');
    await page.getByRole('button', { name: '建立党支部', exact: true }).click();
    await page.getByRole('heading', { name: '机关第五党支部', exact: true }).waitFor();
    await shot('06-units');

    await page.goto(`${harness.origin}/#/people`);
    await page.getByLabel('搜索').fill('zgl');
    await page
      .locator('tbody tr', { hasText: '张桂兰' })
      .filter({ hasText: ID.slice(-4) })
      .click();
    await page.getByLabel('党支部').first().click();
    await page.getByRole('option', { name: '机关第五党支部' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('有未保存的修改').isVisible()).toBe(false);
    await page.getByRole('tab', { name: '变更记录' }).click();
    await expect
      .poll(() => page.locator('tr', { hasText: '党支部' }).first().textContent())
      .toContain('机关第五党支部');

    await page.goto(`${harness.origin}/#/people`);
    await page.getByLabel('党支部').first().click();
    await page.getByRole('option', { name: '机关第五党支部' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr').first().textContent()).toContain('张桂兰');
  });

  test('a wrong check digit asks for confirmation before it is saved', async () => {
    await page.goto(`${harness.origin}/#/people/new`);
    await page.getByLabel('姓名').fill('单立华');
    const wrong = ID_FIRST17.replace('1952', '1948') + '0';
    await page.getByLabel('身份证号').fill(wrong);
    await expect.poll(() => page.getByText('身份证号校验位不符').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('保存前请核对').isVisible()).toBe(true);
    await shot('07-confirm-id');
    await page.getByRole('button', { name: '按原样保存并标记待核实' }).click();
    await expect.poll(() => page.getByText('此档案待核实').isVisible()).toBe(true);
  });

  test('restore a backup: the current database is kept aside', async () => {
    await page.goto(`${harness.origin}/#/settings`);
    await page.getByRole('button', { name: '立即备份' }).click();
    const manual = page.locator('tbody tr', { hasText: '手动' });
    await expect.poll(() => manual.count()).toBe(1);

    // A change after the backup …
    await page.goto(`${harness.origin}/#/people`);
    await page.getByLabel('搜索').fill('zgl');
    await page
      .locator('tbody tr', { hasText: '张桂兰' })
      .filter({ hasText: ID.slice(-4) })
      .click();
    await page.getByLabel('住址').fill('已搬走');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('有未保存的修改').isVisible()).toBe(false);
    const personUrl = page.url();

    // … is gone after restoring it.
    await page.goto(`${harness.origin}/#/settings`);
    await page.locator('tbody tr', { hasText: '手动' }).getByRole('button', { name: '恢复此备份' }).click();
    await shot('08-restore-confirm');
    await page.getByRole('button', { name: '确认恢复' }).click();
    await expect.poll(() => page.getByText('恢复完成').isVisible()).toBe(true);
    await shot('09-restored');
    await page.goto(personUrl);
    await page.reload();
    await expect.poll(() => page.getByLabel('住址').inputValue()).toBe('沈阳市铁西区卫工街 8 号 3 单元 201 室');
    const aside = fs.readdirSync(path.join(harness.dir, 'office-kept-aside'));
    expect(aside.some((f) => f.startsWith('replaced-'))).toBe(true);
  });
});
