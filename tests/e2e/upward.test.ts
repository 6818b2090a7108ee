// 统计 → 上报报表 in a real browser: a table picked and seen with its official headings, a person to
// settle (a work start date that straddles a period) opened from the list, another table picked,
// printed through the print preview, and exported. Screenshots in test-results/screens/upward/ (and
// test-results/screens/upward-*.png).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import type { UpwardTable } from '../../src-main/contract/statistics';
import { openOffice, SCREENS, type Office } from './office';

const SHOTS = path.join(SCREENS, 'upward');
let office: Office;
let page: Page;
const shot = async (name: string) => {
  await office.shot(name);
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.copyFileSync(
    path.join(import.meta.dirname, `../../test-results/screens/upward-${name}.png`),
    path.join(SHOTS, `${name}.png`),
  );
};

beforeAll(async () => {
  office = await openOffice('upward');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('上报报表', () => {
  test('a table seen, a person to settle opened, another printed and exported', async () => {
    const p = await office.rpc<PersonFile>('retirees.create', {
      person: { name: '待定测试', category: '离休', retirementDate: '1990', workStartDate: '1945', staffType: '干部' },
      confirm: true,
    });
    await office.go('#/statistics');
    await page.getByRole('tab', { name: '上报报表' }).click();
    await page.getByRole('combobox', { name: '报表名称' }).click();
    await page.getByRole('option', { name: '企业离休干部基本情况统计表' }).click();
    await page.getByRole('textbox', { name: '年度' }).fill('2025');
    const table = page.getByRole('table', { name: '企业离休干部基本情况统计表' });
    await table.getByRole('columnheader', { name: '参加革命工作时间', exact: true }).waitFor();
    const t = await office.rpc<UpwardTable>('statistics.report', { report: 'lixiu-basic', year: 2025 });
    await table.getByRole('row', { name: new RegExp(`^${t.rows[0].label} ${t.rows[0].cells[0]} `) }).waitFor();
    await page.getByText('参加工作时间只有年份或月份，跨两个时段', { exact: false }).waitFor();
    await shot('1-lixiu-basic');
    await page.getByRole('button', { name: '待定测试' }).click();
    await page.waitForURL(new RegExp(`#/people/${p.id}$`));

    await office.go('#/statistics/reports?report=tuixiu-change&year=2025');
    const change = page.getByRole('table', { name: '退休干部两年数字变化情况统计表' });
    await change.getByRole('columnheader', { name: '本年12月底' }).waitFor();
    await change.getByRole('row', { name: /^科员办事员及其他/ }).waitFor();
    await shot('2-tuixiu-change');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    expect((await download).suggestedFilename()).toBe('退休干部两年数字变化情况统计表-2025.xlsx');

    await page.getByRole('button', { name: '打印' }).click();
    await page.waitForURL(/#\/print\/upward\?/);
    await page.locator('.printable h1', { hasText: '退休干部两年数字变化情况统计表' }).waitFor();
    await page.getByText('制表人：李明').waitFor();
    await shot('3-print');
  });
});
