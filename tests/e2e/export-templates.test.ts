// Export templates in a real browser (issue 19 item 6): an administrator makes a template for the
// social-insurance centre under 设置 (columns removed, moved with the keyboard, one headed in the
// centre's words, dates in Chinese), sees the preview, saves it; the people list exports through
// it in one click (按模板导出), and the downloaded workbook is read back; the template is saved as
// a file and imported again, the name clash answered by keeping both.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { exportColumnLabel } from '../../src-main/contract/exportTemplates';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('export-templates');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('导出模板', () => {
  test('made under 设置, used in one click from the people list, carried as a file', async () => {
    await office.go('#/settings');
    await page.getByRole('button', { name: '新建导出模板' }).click();
    const dialog = page.getByRole('dialog', { name: '新建导出模板' });
    await dialog.getByLabel('接收单位').fill('社保中心');
    await dialog.getByLabel('模板名称').fill('年度认证名单');
    await dialog.getByLabel('表格标题').fill('离退休人员资格认证名单');
    // The default columns: 姓名 性别 身份证号 出生日期 人员类别 住址 联系电话. 性别 and 住址 go;
    // 出生日期 moves above 身份证号, by the keyboard; 身份证号 takes the centre's heading.
    await dialog.getByRole('button', { name: '去掉“性别”' }).click();
    await dialog.getByRole('button', { name: `去掉“${exportColumnLabel('address')}”` }).click();
    await dialog.getByRole('button', { name: '上移“出生日期”' }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByLabel('“身份证号”的列标题').fill('公民身份号码');
    await dialog.getByLabel('日期格式').click();
    await page.getByRole('option', { name: /2026年12月31日/ }).click();
    const expected = ['姓名', '出生日期', '公民身份号码', exportColumnLabel('category'), exportColumnLabel('phone')];
    const preview = dialog.getByRole('table', { name: '导出预览' });
    await expect.poll(async () => (await preview.locator('th').allTextContents()).join('|')).toBe(expected.join('|'));
    // The preview is masked, and its dates are in the template's format (once the last change is read).
    const firstRow = () => preview.locator('tbody tr').first().locator('td').allTextContents();
    await expect.poll(async () => (await firstRow())[1]).toMatch(/^\d{4}年\d{1,2}月(\d{1,2}日)?$/);
    expect((await firstRow())[2]).toContain('*');
    await shot('1-editor');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: '社保中心，年度认证名单' }).waitFor();
    await shot('2-list');

    // One click from the people list.
    await office.go('#/people');
    await expect.poll(() => page.getByText(/共 \d+ 人/).isVisible()).toBe(true);
    const total = Number((await page.getByText(/共 \d+ 人/).textContent())!.replace(/\D/g, ''));
    await page.getByRole('button', { name: '按模板导出' }).click();
    await shot('3-menu');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: '年度认证名单' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^离退休人员资格认证名单-\d{4}-\d{2}-\d{2}（脱敏）\.xlsx$/);
    const file = path.join(fs.mkdtempSync('/tmp/tpl-e2e-'), 'list.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe('离退休人员资格认证名单');
    expect(ws.getCell('A2').value).toMatch(/^导出日期：\d{4}年\d{1,2}月\d{1,2}日$/);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(expected);
    expect(ws.rowCount).toBe(3 + total);
    const row = (ws.getRow(4).values as unknown[]).slice(1);
    expect(String(row[1])).toMatch(/^\d{4}年\d{1,2}月(\d{1,2}日)?$/);
    expect(String(row[2])).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);

    // The template as a file, and back in: the name is taken, so it asks; both are kept.
    await office.go('#/settings');
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('row', { name: '社保中心，年度认证名单' }).getByRole('button', { name: '导出模板文件' }).click(),
    ]);
    expect(json.suggestedFilename()).toBe('导出模板-社保中心-年度认证名单.json');
    const jsonFile = path.join(path.dirname(file), json.suggestedFilename());
    await json.saveAs(jsonFile);
    expect(JSON.parse(fs.readFileSync(jsonFile, 'utf8'))).toMatchObject({
      format: 'retiree-office/export-template',
      version: 1,
    });
    await page.locator('input[type=file][accept*=".json"]').setInputFiles(jsonFile);
    const clash = page.getByRole('dialog', { name: '已有同名模板' });
    await clash.waitFor();
    await shot('4-clash');
    await clash.getByRole('button', { name: /都保留（导入为“年度认证名单（2）”）/ }).click();
    await page.getByRole('row', { name: '社保中心，年度认证名单（2）' }).waitFor();
    await shot('5-imported');
  });
});
