// A medical-expense claim in a real browser: the year's policy set, a claim with three invoices
// registered, approved with its breakdown shown, put into a payment batch, the payment list
// exported, and the summary sheet printed to PDF with the total in capitals.
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { pdfText } from './pdf';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('claims');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('claims', () => {
  test('policy, a claim with three invoices, approval with its breakdown, a batch, the payment list, the summary to PDF', async () => {
    const year = new Date().getFullYear();
    await page.getByText('药费报销', { exact: true }).click();
    await page.getByRole('tab', { name: '报销政策' }).click();
    // 退休: 起付线 800, 封顶 10,000; 门诊 70 %, 住院 85 %, 特殊病种 90 %, 药店 60 %.
    const tuixiu = page.locator('.mantine-Paper-root').filter({ hasText: `${year} 年度 · 退休人员` });
    await tuixiu.getByLabel('起付线（元）').fill('800');
    await tuixiu.getByLabel('不设封顶').uncheck();
    await tuixiu.getByLabel('封顶线（元）').fill('10,000');
    for (const [kind, pct] of [
      ['门诊', '70'],
      ['住院', '85'],
      ['特殊病种', '90'],
      ['药店', '60'],
    ])
      await tuixiu.getByLabel(`${kind}比例（%）`).fill(pct);
    await tuixiu.getByRole('button', { name: '保存政策' }).click();
    await expect.poll(() => tuixiu.getByText(/李明 保存/).isVisible()).toBe(true);
    await shot('1-policy');

    // A 退休 retiree of the demo office.
    const someone = (
      await office.rpc<{ rows: { name: string }[] }>('retirees.list', {
        categories: ['退休'],
        statuses: ['在册'],
        pageSize: 1,
      })
    ).rows[0].name;

    await page.getByRole('tab', { name: '报销单' }).click();
    await page.getByRole('button', { name: '登记报销单' }).click();
    await page.getByPlaceholder('输入姓名、拼音首字母或身份证号查找').fill(someone);
    await page
      .getByRole('option', { name: new RegExp(`^${someone}（退休`) })
      .first()
      .click();
    const lines = [
      ['F001', '门诊', '500.00'],
      ['F002', '住院', '1,000.00'],
      ['F003', '药店', '120.50'],
    ];
    for (let i = 0; i < lines.length; i++) {
      if (i > 0) await page.getByRole('button', { name: '添加票据' }).click();
      const [no, kind, amount] = lines[i];
      await page.getByLabel(`第${i + 1}张票据 票据号`).fill(no);
      await page.getByLabel(`第${i + 1}张票据 医疗机构`).fill('市中心医院');
      await page.getByLabel(`第${i + 1}张票据 就医日期`).fill(`${year}-03-0${i + 1}`);
      await page
        .getByLabel(`第${i + 1}张票据 类别`)
        .first()
        .click();
      await page.getByRole('option', { name: kind, exact: true }).click();
      await page.getByLabel(`第${i + 1}张票据 总金额`).fill(amount);
    }
    await expect.poll(() => page.getByText('符合报销金额合计：1,620.50 元').isVisible()).toBe(true);
    await shot('2-form');
    // On the office's 1366 × 768 screen the invoices fit without scrolling sideways.
    await page.setViewportSize({ width: 1366, height: 768 });
    const grid = page.locator('table').filter({ hasText: '符合报销金额' });
    const fits = await grid.evaluate(
      (t) => t.getBoundingClientRect().right <= t.closest('.mantine-Paper-root')!.getBoundingClientRect().right,
    );
    expect(fits).toBe(true);
    await shot('2-form-1366');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByRole('button', { name: '批准' }).click();
    // 门诊 500.00 all deductible; 住院 700.00 above it × 85 % = 595.00; 药店 120.50 × 60 % = 72.30.
    await expect.poll(() => page.getByText('报销金额：667.30 元').isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByText(
            '计算：起付线 800.00 元，本次抵扣 300.00 元；住院 85%；本年度已报销 0.00 元，封顶 10,000.00 元，本次报销 595.00 元',
          )
          .isVisible(),
      )
      .toBe(true);
    await shot('3-approved');

    // The list, by keyboard: a row takes the focus (Tab reaches it) and Enter opens the claim.
    await page.getByRole('tab', { name: '报销单' }).click();
    const listed = page.getByRole('row', { name: new RegExp(`^第 \\d+ 号，${someone}，批准$`) });
    await listed.focus();
    await page.setViewportSize({ width: 1366, height: 768 });
    await shot('3b-list-1366');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('报销金额：667.30 元').isVisible()).toBe(true);

    await page.getByRole('tab', { name: '发放批次' }).click();
    await page.getByRole('button', { name: '建立发放批次' }).click();
    // The batch is named (the month, by default) and confirmed in a dialog.
    await expect.poll(() => page.getByRole('dialog').getByLabel('批次名称').inputValue()).toMatch(/^\d{4}年\d{1,2}月$/);
    await page.getByRole('dialog').getByRole('button', { name: '建立', exact: true }).click();
    await expect.poll(() => page.getByText('合计（大写）：陆佰陆拾柒元叁角整').isVisible()).toBe(true);
    await shot('4-batch');
    // The list the bank pays from: in full, which the dialog says is recorded.
    await page.getByRole('button', { name: '导出发放名单' }).click();
    await page
      .getByRole('dialog')
      .getByLabel(/^完整导出/)
      .check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('dialog').getByRole('button', { name: '导出', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).not.toContain('脱敏');
    const xlsx = path.join(office.harness.dir, 'list.xlsx');
    await download.saveAs(xlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const row = wb.worksheets[0].getRow(4).values as unknown[];
    expect(row.slice(1, 3)).toEqual([1, someone]);
    expect(row[5]).toBe(667.3);

    await page.getByRole('button', { name: '打印汇总表' }).click();
    await expect.poll(() => page.getByTestId('capital-total').isVisible()).toBe(true);
    await shot('5-summary');
    const pdf = path.join(office.harness.dir, 'summary.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const text = await pdfText(pdf);
    expect(text).toContain('人民币陆佰陆拾柒元叁角整');
    expect(text).toContain('药费报销汇总表');
    expect(text).not.toContain('打印');
    // What is on screen but not on paper: the notices that came and went.
    expect(text).not.toContain('已批准，报销金额已计算');

    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('button', { name: '标记为已发放' }).click();
    await expect.poll(() => page.getByText(/由 李明 标记为已发放/).isVisible()).toBe(true);
  });

  test("the person's year, the year's figures, and next year's policy priced on this year's claims", async () => {
    const year = new Date().getFullYear();
    // From the batch's row (Enter opens the claim) to the person's year.
    await page.getByRole('row', { name: /667\.30 元$/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '本年度结算' }).click();
    await expect.poll(() => page.getByText(/已报销 667\.30 元。/).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('row', { name: /^第 \d+ 号报销单，\d{4}-03-02，住院$/ }).isVisible())
      .toBe(true);
    await shot('6-statement');

    await page.getByRole('tab', { name: '统计报表' }).click();
    const byCategory = page.locator('.mantine-Paper-root').filter({ hasText: '按人员类别' });
    await expect
      .poll(() => byCategory.getByRole('row').filter({ hasText: '退休' }).filter({ hasText: '667.30 元' }).isVisible())
      .toBe(true);
    await shot('7-reports');

    // 住院 at 90 % instead of 85 %: 700.00 × 90 % = 630.00, with the 药店 line's 72.30, 702.30.
    await page.getByRole('tab', { name: '政策测算' }).click();
    await page.getByLabel('按哪一年度的报销单测算').fill(String(year));
    const tuixiu = page.locator('.mantine-Paper-root').filter({ hasText: '退休人员（测算）' });
    await expect.poll(() => tuixiu.getByLabel('住院比例（%）').inputValue()).toBe('85');
    await tuixiu.getByLabel('住院比例（%）').fill('90');
    await tuixiu.getByRole('button', { name: '采用此测算规定' }).click();
    await page.getByRole('button', { name: '测算', exact: true }).click();
    await expect
      .poll(() =>
        page.getByText(`${year} 年度测算结果：实际报销 667.30 元，按测算政策 702.30 元，增加 35.00 元`).isVisible(),
      )
      .toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });
    await shot('8-simulation-1366');
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
