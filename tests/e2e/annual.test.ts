// The pension adjustment check in a real browser: the year's rule entered, the agency's list
// imported with one difference and one person not on file, the difference checked off with a
// note, the notices printed.
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { checkCharacter } from '../../src-main/shared/idNumber';
import { tempDir } from '../helpers';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('annual', []);
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

const idNumber = (birth: string, seq: string) => `110105${birth}${seq}${checkCharacter(`110105${birth}${seq}`)}`;

describe('the pension adjustment check', () => {
  test('enter the rule, import the list with differences, check one person off, print the notices', async () => {
    const year = new Date().getFullYear();
    const people = [
      { name: '张桂兰', id: idNumber('19500315', '002'), years: 35 },
      { name: '李建国', id: idNumber('19400601', '013'), years: 40 },
    ];
    const ids: number[] = [];
    for (const p of people) {
      const created = await office.rpc<{ id: number }>('retirees.create', {
        person: {
          name: p.name,
          category: '退休',
          idNumber: p.id,
          retirementDate: '2010-03',
          contributionYears: p.years,
        },
      });
      ids.push(created.id);
    }
    // The agency's list: 张桂兰 as the rule gives it (50 + 70 + 40 + 25 = 185), 李建国 10 元 short
    // of it (50 + 80 + 30 + 25 = 185 against 175), and someone the office has no file for.
    const file = path.join(tempDir(), `${year}年调资名单.xlsx`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow([`${year}年退休人员基本养老金调整表`]);
    ws.addRow(['序号', '姓名', '身份证号码', '调整前养老金', '调整后养老金']);
    ws.addRow([1, '张桂兰', people[0].id, 4000, 4185]);
    ws.addRow([2, '李建国', people[1].id, 3000, 3175]);
    ws.addRow([3, '孙立新', idNumber('19510101', '046'), 2800, 2950]);
    // An ID number Excel stored as a number (its last digits lost): not read, and shown as the file has it.
    ws.addRow([4, '周文华', 110105194909090000, 3100, 3290]);
    await wb.xlsx.writeFile(file);

    await page.getByText('年度工作', { exact: true }).click();
    await page.getByText('尚未填写。请按上级调整基本养老金的通知填写').waitFor();
    await page.getByLabel('定额调整（元/月）').fill('50');
    await page.getByLabel('挂钩：每满一年缴费年限（元）').fill('2');
    await page.getByLabel('挂钩：本人基本养老金的（%）').fill('1');
    await page.getByRole('button', { name: '增加年龄段' }).click();
    await page.getByLabel('起始年龄').fill('70');
    await page.getByLabel('增加金额').fill('25');
    await shot('0-rule');
    // The rule is saved from the sticky save bar (Ctrl+S does the same).
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page
      .getByText(/定额 50\.00 元；挂钩 每满一年缴费年限 2\.00 元、本人基本养老金的 1%；倾斜 年满 70 周岁 25\.00 元/)
      .waitFor();

    await page.locator('input[type=file]').setInputFiles(file);
    // The trial run shows each column's field and why; the list goes in with 导入.
    await page.getByText(/试导入“.*调资名单\.xlsx”/).waitFor();
    await page.getByRole('button', { name: '导入 4 行' }).click();
    await page.getByText(/名单共 4 行/).waitFor();
    // The differences are shown first, both figures side by side.
    const li = page.getByRole('row', { name: /李建国/ });
    await expect.poll(() => li.textContent()).toMatch(/3,000\.00175\.00185\.00-10\.00/);
    await shot('1-differences');
    await page.getByText('档案中无此人', { exact: true }).click();
    await expect.poll(() => page.getByRole('row', { name: /孙立新/ }).textContent()).toContain('未在档案中找到');
    await page.getByText('无法读取', { exact: true }).click();
    await expect.poll(() => page.getByRole('row', { name: /周文华/ }).textContent()).toContain('110105194909090000');
    await shot('1b-unreadable');
    await page.getByText('金额不一致', { exact: true }).click();

    await li.getByRole('button', { name: '核对' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('倾斜调整：').waitFor();
    await dialog.getByRole('button', { name: '确认已核对' }).click();
    await page.getByText('核对时请在备注中写明处理情况').waitFor();
    await dialog.getByLabel('核对备注').fill('经与社保中心核实，缴费年限按 35 年计，以社保中心为准');
    await dialog.getByRole('button', { name: '确认已核对' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => li.textContent()).toContain('李明');
    await shot('2-checked');

    await page.getByRole('button', { name: '打印调资通知单' }).click();
    await page.getByRole('button', { name: '打印（共 2 份）' }).waitFor();
    await expect.poll(() => page.locator('.letter').count()).toBe(2);
    await expect.poll(() => page.locator('.letter').first().textContent()).toContain('张桂兰同志：');
    await expect
      .poll(() => page.locator('.letter').nth(1).textContent())
      .toContain('调整后月基本养老金：3,175.00 元。');
    await shot('3-notices');

    // 李建国's file keeps the year's check.
    await office.go(`#/people/${ids[1]}`);
    await page.getByRole('tab', { name: '走访慰问' }).click();
    await page
      .getByText(`${year} 年：调整前 3,000.00 元，经办机构调整额 175.00 元，应调 185.00 元；`, { exact: false })
      .waitFor();

    // Nothing is left to check: the home page says so.
    await office.go('#/');
    await page.getByText('调资名单中没有待核对的人员。').waitFor();

    // The certification lists of the year: both are due, neither ever certified.
    await office.go('#/annual/certify');
    await page.getByText(`${year} 年度尚未认证 2 人，其中超过 12 个月未认证 2 人。`, { exact: false }).waitFor();
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(2);
    await shot('4-certify');
  });
});
