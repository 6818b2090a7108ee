// 党费 in a real browser: a branch of three (0.5 %, 1 %, 低保), one month collected in one dialog
// (two ticked, one of them 代交, one left unpaid), the ledger after it, the 党费交纳登记簿 printed, and a
// payment registered by mistake taken back.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { DuesLedger } from '../../src-main/contract/dues';
import type { OrgUnit } from '../../src-main/contract/org';
import type { PersonFile } from '../../src-main/contract/retirees';
import { todayIso } from '../../src-main/shared/dates';
import { openOffice, SCREENS, type Office } from './office';

let office: Office;
let page: Page;
/** Screenshots to look at: beside the others, and in test-results/screens/dues. */
const SHOTS = path.join(SCREENS, 'dues');
const shot = async (name: string) => {
  await office.shot(name);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `dues-${name}.png`), fullPage: true });
};

beforeAll(async () => {
  office = await openOffice('dues');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('党费', () => {
  test("a month's dues for a branch: collected in one step, seen in the ledger, the register printed", async () => {
    const today = todayIso();
    const year = Number(today.slice(0, 4));
    const monthIndex = Number(today.slice(5, 7)) - 1;
    const branch = await office.rpc<OrgUnit>('org.create', { kind: '党支部', name: '退休第九党支部', parentId: null });
    const member = async (name: string, base: string, dibao = false) => {
      const p = await office.rpc<PersonFile>('retirees.create', {
        person: { name, category: '退休', politicalStatus: '中共党员', partyBranchId: branch.id },
      });
      await office.rpc('dues.setBase', { personId: p.id, year, base, dibao });
      return p.id;
    };
    await member('郝建华', '4,999.99');
    await member('钱卫国', '5,000.01');
    await member('柴玉芬', '2,800.00', true);

    await page.getByText('组织网络', { exact: true }).click();
    await page.getByText('党费', { exact: true }).click();
    await page.getByRole('heading', { name: '组织网络 · 党费' }).waitFor();
    await office.go(`#/org?view=dues&branch=${branch.id}&year=${year}`);
    await page.getByRole('heading', { name: '党员交纳情况' }).waitFor();
    const memberRows = page.locator('table').first().locator('tbody tr');
    await expect.poll(() => memberRows.count()).toBe(3);
    await shot('1-ledger-before');

    await page.getByRole('button', { name: '收缴党费' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('应交（元）').waitFor();
    await expect.poll(() => dialog.locator('tbody tr').count()).toBe(3);
    // 钱卫国 has not paid this month; 柴玉芬's daughter brings hers.
    await dialog.getByLabel('钱卫国已交').uncheck();
    await dialog.getByLabel('柴玉芬交纳人').click();
    await page.getByRole('option', { name: '代交' }).click();
    await dialog.getByLabel('柴玉芬代交人').fill('柴小梅');
    await shot('2-collect');
    await dialog.getByRole('button', { name: '登记 2 人，共 25.20 元' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已登记 2 人党费，共 25.20 元').waitFor();

    const ledger = await office.rpc<DuesLedger>('dues.ledger', { branchId: branch.id, year });
    const cell = (name: string) => ledger.rows.find((r) => r.name === name)!.months[monthIndex];
    expect(cell('郝建华')).toMatchObject({ state: 'paid', paidFen: 2500, paidBy: '本人', kind: '当月', paidOn: today });
    expect(cell('柴玉芬')).toMatchObject({ state: 'paid', paidFen: 20, paidBy: '代交', proxyName: '柴小梅' });
    expect(cell('钱卫国')).toMatchObject({ state: 'unpaid', dueFen: 5000 });
    expect(ledger.months[monthIndex]).toMatchObject({ paidFen: 2520, paidCount: 2, unpaidCount: 1, unpaidFen: 5000 });
    await expect.poll(() => memberRows.filter({ hasText: '郝建华' }).textContent()).toContain('4,999.99');
    await expect.poll(() => memberRows.filter({ hasText: '钱卫国' }).textContent()).toContain(`${monthIndex + 1}月`);
    await shot('3-ledger-after');

    await page.getByRole('button', { name: '打印党费交纳登记簿' }).click();
    await page.getByRole('heading', { name: '党费交纳登记簿' }).waitFor();
    await expect.poll(() => page.locator('.sheet table tbody tr').count()).toBe(4);
    const sub = await page.locator('.sheet .sub').first().textContent();
    expect(sub).toContain('退休第九党支部');
    expect(sub).toContain(`${year} 年度`);
    const haoLine = await page.locator('.sheet tbody tr', { hasText: '郝建华' }).textContent();
    expect(haoLine).toContain('4,999.99');
    expect(haoLine).toContain('0.5%');
    expect(await page.locator('.sheet tbody tr', { hasText: '钱卫国' }).textContent()).toContain('1%');
    expect(await page.locator('.sheet tr.total').textContent()).toContain('25.20');
    await shot('4-register');

    // A payment registered by mistake is taken back, with the reason: the month is owed again.
    await page.getByRole('button', { name: '返回' }).click();
    await memberRows.filter({ hasText: '郝建华' }).getByRole('button', { name: '撤销' }).click();
    const cancel = page.getByRole('dialog');
    await cancel.getByLabel('撤销的原因').fill('误登记，郝建华本月尚未交纳');
    await shot('5-cancel');
    await cancel.getByRole('button', { name: '撤销', exact: true }).click();
    await cancel.waitFor({ state: 'hidden' });
    await expect.poll(() => memberRows.filter({ hasText: '郝建华' }).textContent()).toContain(`${monthIndex + 1}月`);
    const after = await office.rpc<DuesLedger>('dues.ledger', { branchId: branch.id, year });
    expect(after.rows.find((r) => r.name === '郝建华')!.months[monthIndex]).toMatchObject({
      state: 'unpaid',
      dueFen: 2500,
    });

    // The member's dues on their file.
    await memberRows.filter({ hasText: '柴玉芬' }).locator('td').first().click();
    await page.getByRole('tab', { name: '党费' }).click();
    await page.getByText('所在党支部：退休第九党支部').waitFor();
    await page.getByRole('heading', { name: `${year} 年度` }).waitFor();
    await expect.poll(() => page.getByText('低保').count()).toBeGreaterThan(0);
    await shot('6-person');
  });
});
