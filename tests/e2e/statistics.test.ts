// 统计 in a real browser: the roll's charts as of a date, a bar clicked through to its people and
// one of them opened; the year's claims by month, a bar clicked through to its claimants, a chart's
// table exported (read back) and printed (the print preview as PDF); the year's balance with the
// person behind its 差; a change without a date settled. Screenshots in
// test-results/screens/statistics-*.png.
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import type { ClaimFile } from '../../src-main/contract/claims';
import type { ActivityCharts, FigurePeople, RollFigures } from '../../src-main/contract/statistics';
import { openOffice, type Office } from './office';
import { pdfText } from './pdf';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('statistics');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('统计', () => {
  test('charts as of a date; a bar opens its people; a person opens from the list', async () => {
    await office.go('#/statistics');
    const date = page.getByLabel('统计日期');
    await date.fill('2025-12-31');
    await date.press('Enter');
    const figures = await office.rpc<RollFigures>('statistics.figures', { asOf: '2025-12-31' });
    await page.getByText(`截至 2025年12月31日：在册 ${figures.onRoll.合计} 人`, { exact: false }).waitFor();
    await page.getByRole('heading', { name: '年龄段' }).waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    await shot('1-charts');

    // The first bar of 在册人数 is 离休.
    await page.locator('.recharts-bar-rectangle').first().click();
    const list = page.getByLabel('名单');
    await list.getByText(`在册人数 · 离休（截至 2025年12月31日，${figures.onRoll.离休} 人）`).waitFor();
    const { total, people } = await office.rpc<FigurePeople>('statistics.people', {
      asOf: '2025-12-31',
      figure: 'onRoll',
      key: '离休',
    });
    expect(total).toBe(figures.onRoll.离休);
    await list
      .getByRole('row', { name: new RegExp(people[0].name) })
      .first()
      .waitFor();
    await shot('2-people');
    await list
      .getByRole('row', { name: new RegExp(people[0].name) })
      .first()
      .click();
    await page.waitForURL(new RegExp(`#/people/${people[0].id}$`));
  });

  test("the year's claims by month: a bar opens its claimants; a chart's table exported and printed", async () => {
    const year = new Date().getFullYear();
    const month = new Date().getMonth() + 1;
    await office.rpc('claims.savePolicy', {
      year,
      category: '退休',
      rules: {
        deductibleFen: 0,
        capFen: null,
        ratioBp: { 门诊: 5000, 住院: 5000, 特殊病种: 5000, 药店: 5000 },
        ageBands: [],
      },
      note: null,
    });
    const { rows } = await office.rpc<{ rows: { id: number; name: string }[] }>('retirees.list', {
      categories: ['退休'],
      statuses: ['在册'],
      pageSize: 2,
    });
    // Two claimants approved today: 门诊 200.00 × 50 % and 药店 81.00 × 50 %.
    for (const [i, p] of rows.entries()) {
      const c = await office.rpc<ClaimFile>('claims.create', {
        personId: p.id,
        receivedDate: `${year}-01-15`,
        lines: [
          {
            invoiceNo: `T${i}`,
            hospital: '市中心医院',
            visitDate: `${year}-01-0${i + 1}`,
            kind: i === 0 ? '门诊' : '药店',
            total: i === 0 ? '200.00' : '81.00',
            fund: '0',
            account: '0',
            self: i === 0 ? '200.00' : '81.00',
          },
        ],
      });
      const checked = await office.rpc<ClaimFile>('claims.move', { id: c.id, version: c.version, to: '审核' });
      await office.rpc('claims.move', { id: checked.id, version: checked.version, to: '批准' });
    }
    const charts = await office.rpc<ActivityCharts>('statistics.activity', { year });
    const byMonth = charts.charts.find((c) => c.chart === 'claimsByMonth')!;
    expect(byMonth.rows[month - 1]).toEqual({ key: `${month}月`, values: [14050, 28100, 2] });

    await office.go('#/statistics');
    await page.getByLabel('统计内容').getByText('药费', { exact: true }).click();
    const yearField = page.getByLabel('年度');
    await yearField.fill(String(year));
    const card = page.getByLabel(`${year}年药费报销（按月）`);
    // The month's only bar (months without claims draw none).
    await card.locator('.recharts-bar-rectangle path').first().waitFor();
    await shot('5-claims');
    await card.locator('.recharts-bar-rectangle path').first().click();
    const list = page.getByLabel('名单');
    await list.getByText(`${year}年药费报销（按月） · ${month}月（2 人）`).waitFor();
    for (const p of rows) await list.getByRole('row', { name: new RegExp(p.name) }).waitFor();
    await list.getByRole('row', { name: new RegExp(`${rows[0].name}.*100\\.00`) }).waitFor();
    await shot('6-claimants');

    // The table as .xlsx: its title, and the month's row in yuan.
    const downloaded = page.waitForEvent('download');
    await card.getByRole('button', { name: '导出表格' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe(`${year}年药费报销（按月）-${year}年度（按审批日期）.xlsx`);
    const xlsx = path.join(office.harness.dir, 'chart.xlsx');
    await download.saveAs(xlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe(`${year}年药费报销（按月）`);
    const found: unknown[][] = [];
    sheet.eachRow((r) => found.push((r.values as unknown[]).slice(1)));
    expect(found).toContainEqual([`${month}月`, 140.5, 281, 2]);

    // Printed: the chart and its table on paper, without the page's buttons.
    await card.getByRole('button', { name: '打印' }).click();
    await page.waitForURL(/#\/print\/chart\?/);
    await page.locator('svg.chart').waitFor();
    await shot('7-print');
    const pdf = path.join(office.harness.dir, 'chart.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const text = await pdfText(pdf);
    expect(text).toContain(`${year}年药费报销（按月）`);
    expect(text).toContain('140.50');
    expect(text).not.toContain('返回');
    await page.getByRole('button', { name: '返回' }).click();
    await card.waitFor();

    // The roll's charts export and print the same way.
    await page.getByLabel('统计内容').getByText('人员', { exact: true }).click();
    await page.getByLabel('在册人数').getByRole('button', { name: '打印' }).click();
    await page.locator('svg.chart').waitFor();
    await shot('8-print-roll');
  });

  test('the balance names who moved away; a change without a date is settled', async () => {
    const p = await office.rpc<PersonFile>('retirees.create', {
      person: { name: '迁出测试', category: '退休', retirementDate: '2001-05' },
      confirm: true,
    });
    await office.rpc('retirees.update', {
      id: p.id,
      version: p.version,
      changes: { status: '迁出' },
      base: { status: p.status },
    });
    await office.go('#/statistics/changes');
    await page.getByRole('row', { name: /迁出测试/ }).waitFor();
    await page
      .getByRole('row', { name: /迁出测试/ })
      .getByRole('button', { name: '核实' })
      .click();
    const d = page.getByRole('dialog');
    await d.getByLabel('变化日期').fill('2025-06-30');
    await shot('3-settle');
    await d.getByRole('button', { name: '确认' }).click();
    await page.getByText('没有待核实的变化').waitFor();

    await office.go('#/statistics/balance');
    const year = page.getByLabel('年度');
    await year.fill('2025');
    await page.getByRole('table', { name: '两年数字变化' }).waitFor();
    await page.getByText('差数涉及的人员', { exact: false }).waitFor();
    await page.getByText('状态由“在册”改为“迁出”（变动，2025-06-30）', { exact: false }).waitFor();
    await shot('4-balance');
  });
});
