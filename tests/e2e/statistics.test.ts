// 统计 in a real browser: the roll's charts as of a date, a bar clicked through to its people and
// one of them opened; the year's balance with the person behind its 差; a change without a date
// settled. Screenshots in test-results/screens/statistics-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import type { FigurePeople, RollFigures } from '../../src-main/contract/statistics';
import { openOffice, type Office } from './office';

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
