// Visits in a real browser: the reminders on the home page, a festival batch for a filtered list
// with its sign-off sheet, and a visit recorded on a person's file.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('visits');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('visits', () => {
  test('the home page reminds of birthdays and of people not contacted', async () => {
    await page.getByRole('heading', { name: '待办提醒' }).waitFor();
    // Nobody of the demo office has been visited yet: every one on the roll is listed.
    const { total } = await office.rpc<{ total: number }>('retirees.list', { statuses: ['在册'], pageSize: 1 });
    await expect.poll(() => page.getByText(`${total} 人`).first().isVisible()).toBe(true);
    await shot('1-home');
  });

  test('a festival batch for everyone on the roll aged 80 and over, and its sign-off sheet', async () => {
    const { total } = await office.rpc<{ total: number }>('retirees.list', {
      statuses: ['在册'],
      minAge: 80,
      pageSize: 1,
    });
    expect(total).toBeGreaterThan(0);
    await office.go('#/people?status=在册&minAge=80');
    await page.getByRole('button', { name: '建立慰问批次' }).click();
    // Choosing 春节 dates the batch by the lunar calendar and names it as the office would.
    const spring = (await office.rpc<{ name: string; on: string; batchName: string }[]>('visits.festivals', {})).find(
      (f) => f.name === '春节',
    )!;
    await page.getByRole('dialog').getByLabel('节日').click();
    await page.getByRole('option', { name: /^春节/ }).click();
    expect(await page.getByLabel('批次名称').inputValue()).toBe(spring.batchName);
    expect(spring.batchName).toMatch(/^\d{4}年春节慰问$/);
    await shot('2-festival');
    await page.getByLabel('慰问金（元）').fill('300');
    await page.getByLabel('慰问品').fill('大米一袋');
    await page.getByRole('button', { name: '建立', exact: true }).click();
    await page.getByRole('heading', { name: `慰问批次：${spring.batchName}` }).waitFor();
    const batches = await office.rpc<{ name: string; date: string; kind: string }[]>('visits.batches', {});
    expect(batches.find((b) => b.name === spring.batchName)).toMatchObject({ date: spring.on, kind: '节日慰问' });
    await expect.poll(() => page.getByText(`慰问金 300.00 元，大米一袋，共 ${total} 人`).isVisible()).toBe(true);
    await shot('2-batch');
    await page.getByRole('button', { name: '打印慰问品签领表' }).click();
    await page.getByRole('heading', { name: '慰问品签领表' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(total);
    await shot('3-sign-off');
    await page.getByRole('button', { name: '返回' }).click();
  });

  test("a visit recorded on a person's file, with a follow-up", async () => {
    const { rows } = await office.rpc<{ rows: { id: number; name: string }[] }>('retirees.list', {
      statuses: ['在册'],
      pageSize: 1,
    });
    await office.go(`#/people/${rows[0].id}`);
    await page.getByRole('tab', { name: '走访慰问' }).click();
    await page.getByRole('button', { name: '记录走访慰问' }).click();
    await page.getByLabel('类别').first().click();
    await page.getByRole('option', { name: '生病住院慰问' }).click();
    await page.getByLabel('走访人（工作人员、组长）').fill('李明、王组长');
    await page.getByLabel('慰问金（元）').fill('500');
    await page.getByLabel('回访日期（可不填）').fill('2099-01-10');
    await page.getByLabel('情况记录').fill('住院治疗，精神尚好');
    await page.getByRole('dialog').getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByRole('cell', { name: '住院治疗，精神尚好' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('cell', { name: '500.00 元' }).isVisible()).toBe(true);
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await shot('4-person');
  });
});
