// Survivors in a real browser: a death registered, a survivor added from the death record with the
// allowance starting this month, and the month's 遗属生活困难补助 list showing them, put into a
// payment batch (已列入批次), printed with the total in capitals. Screenshots also go to test-results/screens/survivors/ for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import { todayIso } from '../../src-main/shared/dates';
import { checkCharacter } from '../../src-main/shared/idNumber';
import { openOffice, SCREENS, type Office } from './office';

const SHOTS = path.join(SCREENS, 'survivors');
let office: Office;
let page: Page;
let personId: number;
const shot = async (name: string) => {
  await office.shot(name);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};
const SPOUSE_ID = (() => {
  const first17 = '37010219500308002';
  return first17 + checkCharacter(first17);
})();
const month = todayIso().slice(0, 7);

beforeAll(async () => {
  office = await openOffice('surv');
  page = office.page;
  const p = await office.rpc<PersonFile>('retirees.create', {
    person: { name: '刘建国', category: '退休', birthDate: '1948-05-01' },
    acceptWarnings: true,
  });
  personId = p.id;
  await office.rpc('deaths.register', { personId, diedOn: '2025-03-10' });
  await office.rpc('survivors.saveStandard', { amount: '650.50', fromMonth: '2025-01', toMonth: null });
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('survivors', () => {
  test('a survivor added on the death record, with the allowance from this month', async () => {
    await office.go(`#/people/${personId}`);
    await page.getByRole('tab', { name: '走访慰问' }).click();
    await page.getByRole('button', { name: '登记遗属' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('王秀英');
    await dialog.getByLabel('与逝者关系').click();
    await page.getByRole('option', { name: '配偶', exact: true }).click();
    await dialog.getByLabel('身份证号').fill(SPOUSE_ID);
    await dialog.getByLabel('开户银行').fill('工商银行');
    await dialog.getByLabel('银行账号').fill('6222021234567891234');
    await dialog.getByLabel('无固定收入').check();
    await dialog.getByLabel('年满60周岁').check();
    await dialog.getByLabel('遗属生活困难补助起始发放月份').fill(month);
    await shot('1-survivor-form');
    await dialog.getByRole('button', { name: '登记', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByText(`遗属补助：发放中（${month} 起）`).isVisible()).toBe(true);
    await shot('2-death-record');
  });

  test('the month’s list shows them, with the total in capitals; printed on A4', async () => {
    await office.go('#/visits?tab=survivors');
    const list = page.getByRole('table', { name: '本月发放名单' });
    await expect.poll(() => list.getByRole('cell', { name: '王秀英' }).isVisible()).toBe(true);
    await expect.poll(() => list.getByRole('cell', { name: '650.50' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByText('共 1 人，合计 650.50 元（大写：陆佰伍拾元零伍角整）').isVisible())
      .toBe(true);
    // Masked on screen.
    expect(await list.getByRole('cell', { name: SPOUSE_ID }).count()).toBe(0);
    await shot('3-month-list');

    // The month into a new payment batch: the list says so.
    await page.getByRole('button', { name: '本月补助加入发放批次' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByText('未发放 1 人，合计 650.50 元', { exact: false }).isVisible()).toBe(true);
    await dialog.getByRole('button', { name: '加入', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => list.getByText('已列入批次', { exact: false }).isVisible()).toBe(true);
    await shot('3b-month-in-batch');
    // The batch pays the survivor beside any other line.
    await list.getByText('已列入批次', { exact: false }).click();
    await expect.poll(() => page.getByText(`遗属生活困难补助（${Number(month.slice(0, 4))}年`).isVisible()).toBe(true);
    await shot('3c-payment-batch');
    await office.go('#/visits?tab=survivors');

    await page.getByRole('button', { name: '打印名单' }).click();
    await expect.poll(() => page.getByText('合计金额（大写）：陆佰伍拾元零伍角整').isVisible()).toBe(true);
    await shot('4-printed');
  });

  test('the survivor’s own page: allowance, check recorded', async () => {
    await office.go('#/visits?tab=survivors');
    await page.getByRole('cell', { name: '王秀英' }).first().click();
    await expect.poll(() => page.getByText('遗属：王秀英（刘建国的配偶）').isVisible()).toBe(true);
    await page.getByRole('button', { name: '记录认证' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('认证方式').click();
    await page.getByRole('option', { name: '上门', exact: true }).click();
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(() => page.getByText(`${todayIso().slice(0, 4)} 年度：${todayIso()}，上门`, { exact: false }).isVisible())
      .toBe(true);
    await shot('5-survivor-page');
  });

  test('遗属慰问: the survivors join a festival batch and get its letter', async () => {
    const batch = await office.rpc<{ id: number }>('visits.createBatch', {
      name: '春节慰问',
      kind: '节日慰问',
      date: todayIso(),
      money: '300',
      query: { status: '在册', minAge: 95 },
    });
    await office.go(`#/visits/${batch.id}`);
    await page.getByRole('button', { name: '加入领取补助的遗属（1 人）' }).click();
    await expect.poll(() => page.getByText('1. 王秀英（刘建国的配偶）').isVisible()).toBe(true);
    await shot('6-batch');
    await page.getByRole('button', { name: '打印遗属慰问信' }).click();
    await expect.poll(() => page.getByText('王秀英同志', { exact: false }).first().isVisible()).toBe(true);
    await shot('7-letter');
  });
});
