// The yearly work plan and the document register in a real browser: an item added (its month
// passed, it is overdue), ticked off by linking this year's festival batch, the plan printed; a
// document found by a few characters of its summary.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('work-plan', []);
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('年度工作计划 and 文件登记', () => {
  test('add an item, tick it off by linking a batch, print the plan, search a document', async () => {
    const year = new Date().getFullYear();
    await office.rpc('retirees.create', { person: { name: '张桂兰', category: '退休' } });
    await office.rpc('visits.createBatch', {
      name: `${year}年春节慰问`,
      kind: '节日慰问',
      date: `${year}-01-20`,
      money: '300.00',
      query: {},
    });
    for (const [title, summary] of [
      [`关于${year}年调整退休人员基本养老金的通知`, '总体调整水平为上年月人均基本养老金的2%。'],
      ['关于做好元旦春节期间走访慰问工作的通知', '各单位于元旦前完成走访慰问。'],
    ])
      await office.rpc('documents.create', { kind: '收文', datedOn: `${year}-01-05`, title, summary });

    await office.go(`#/annual/plan?year=${year}`);
    await page.getByText(`${year} 年度还没有工作计划`).waitFor();
    await page.getByRole('button', { name: '添加计划事项' }).click();
    const dialog = page.getByRole('dialog').first();
    await dialog.getByLabel('工作内容').fill('春节走访慰问离退休人员');
    await dialog.getByLabel('类别').fill('走访慰问');
    await dialog.getByLabel('完成时限').click();
    await page.getByRole('option', { name: `${year}年1月`, exact: true }).click();
    await dialog.getByRole('button', { name: '保存' }).click();
    // Due in January with nothing linked: overdue once January has passed.
    const row = page.getByRole('row', { name: /第 1 项，春节走访慰问离退休人员/ });
    await row.waitFor();
    await dialog.waitFor({ state: 'hidden' });
    if (new Date().getMonth() > 0) await page.getByText('超期或待核实 1 项').waitFor();
    await shot('1-item');

    await row.getByRole('button', { name: '关联完成依据' }).click();
    // The item's owner changed from its dialog, over the link dialog.
    await dialog.getByRole('button', { name: '修改', exact: true }).click();
    const edit = page.getByRole('dialog', { name: '修改第 1 项计划' });
    await edit.getByLabel('责任人').fill('张主任');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'hidden' });
    await dialog.getByText(`张主任负责，${year}年1月完成`).waitFor();
    await dialog.getByLabel(`${year} 年度的慰问批次`).click();
    await page.getByRole('option', { name: new RegExp(`${year}年春节慰问`) }).click();
    await shot('2-link');
    await dialog.getByRole('button', { name: '关联', exact: true }).click();
    await row.getByRole('link', { name: `${year}年春节慰问` }).waitFor();
    await row.getByText('已完成', { exact: true }).waitFor();
    await shot('3-done');

    await page.getByRole('button', { name: '打印计划' }).click();
    await page.getByRole('heading', { name: `${year}年度工作计划` }).waitFor();
    await page.getByText(`已完成：慰问批次${year}年春节慰问（${year}年1月20日）`).waitFor();
    await shot('4-print');
    await page.getByRole('button', { name: '返回' }).click();

    await page.getByRole('tab', { name: '文件登记' }).click();
    await page.getByText(`${year} 年文件登记（2 件）`).waitFor();
    await page.getByLabel('查找文件').fill('养老金');
    await page.getByText(`${year} 年文件登记：查找“养老金”（1 件）`).waitFor();
    await page.getByRole('row', { name: new RegExp(`关于${year}年调整退休人员基本养老金的通知`) }).click();
    await page.getByText('总体调整水平为上年月人均基本养老金的2%。').waitFor();
    await shot('5-search');
    // What was found, printed as the register.
    await page.getByRole('button', { name: '打印登记簿' }).click();
    await page.getByRole('heading', { name: `${year} 年文件登记簿` }).waitFor();
    await expect.poll(() => page.locator('.register tbody tr').count()).toBe(1);
    await page.getByText('共 1 件').waitFor();
    await shot('6-register');
  });
});
