// A lunar birthday in a real browser (issue 20 item 5): a clerk marks a file 阴历 with its 腊月三十
// and saves; next year's 生日名单 shows the birthday on its Gregorian day (腊月 of lunar 2026 has 29
// days: kept on 廿九, 5 February 2027) at the age it brings. Screenshots in
// test-results/screens/birthdays-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('birthdays');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('农历生日', () => {
  test('a file marked 阴历 shows on next year’s birthday list on the right Gregorian day', async () => {
    // Born in lunar 1946 (the ID card writes the lunar date): 80 in lunar 2026.
    const p = await office.rpc<PersonFile>('retirees.create', {
      person: { name: '腊月老寿星', category: '退休', birthDate: '1946-12-30', retirementDate: '2006-12' },
      confirm: true,
    });
    await office.go(`#/people/${p.id}`);
    await page.getByLabel('生日历法').first().click();
    await page.getByRole('option', { name: '阴历', exact: true }).click();
    await page.getByLabel('农历生日（月）').first().click();
    await page.getByRole('option', { name: '腊月', exact: true }).click();
    await page.getByLabel('农历生日（日）').first().click();
    await page.getByRole('option', { name: '三十', exact: true }).click();
    await shot('1-file');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByText('有未保存的修改').isVisible()).toBe(false);
    const saved = await office.rpc<PersonFile>('retirees.get', { id: p.id });
    expect([saved.birthdayCalendar, saved.lunarBirthday]).toEqual(['阴历', '12-30']);

    await office.go('#/visits?tab=birthdays&year=2027&month=2');
    const row = page.getByRole('row', { name: /腊月老寿星/ });
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('2027年2月5日');
    expect(text).toContain('农历腊月三十');
    expect(text).toContain('80 岁（整寿）');
    await shot('2-list');
    // In January the list of 2027 has no 腊月 birthday of his: lunar 2025's fell on 16 February 2026.
    await office.go('#/visits?tab=birthdays&year=2027&month=1&all=1');
    await page.getByRole('tab', { name: '生日名单', selected: true }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: /腊月老寿星/ }).count()).toBe(0);
  });
});
