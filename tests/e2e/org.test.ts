// The organisation network in a real browser: a 大组 with two 小组 built, people placed in them in
// bulk from list filters, a leader set, a group's contact sheet printed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { NetworkUnit } from '../../src-main/contract/org';
import type { ListPage } from '../../src-main/contract/retirees';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('org');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

async function createUnit(kind: '大组' | '小组', name: string) {
  const panel = page
    .locator('div')
    .filter({ has: page.getByText('新建', { exact: true }) })
    .last();
  await panel.getByText(kind === '大组' ? '行政大组' : '行政小组', { exact: true }).click();
  if (kind === '小组') {
    await page.getByLabel('所属行政大组').first().click();
    await page.getByRole('option', { name: '东苑大组' }).click();
  }
  await page.getByLabel(kind === '大组' ? '行政大组名称' : '行政小组名称').fill(name);
  await page.getByRole('button', { name: kind === '大组' ? '建立行政大组' : '建立行政小组' }).click();
  await page.getByRole('heading', { name, exact: true }).waitFor();
}

async function assignFiltered(hash: string, unit: string): Promise<number> {
  await office.go(hash);
  await page.getByRole('button', { name: '编入组织' }).click();
  const dialog = page.getByRole('dialog');
  const total = Number((await dialog.locator('b').first().textContent()) ?? '0');
  await dialog.getByLabel('编入').first().click();
  await page.getByRole('option', { name: new RegExp(`${unit}$`) }).click();
  await dialog.getByRole('button', { name: '编入', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  return total;
}

describe('the organisation network', () => {
  test('build two groups, fill them from list filters, print a group contact sheet', async () => {
    await page.getByText('组织网络', { exact: true }).click();
    await createUnit('大组', '东苑大组');
    await createUnit('小组', '东苑一组');
    await createUnit('小组', '东苑二组');

    const inEast = await assignFiltered('#/people?area=东区&status=在册', '东苑一组');
    const inWest = await assignFiltered('#/people?area=西区&status=在册&care=aloneChildless', '东苑二组');
    expect(inEast).toBeGreaterThan(5);
    const east = await office.rpc<ListPage>('retirees.list', { area: '东区', statuses: ['在册'], pageSize: 1 });
    expect(inEast).toBe(east.total);

    const tree = await office.rpc<NetworkUnit[]>('org.tree', {});
    const figures = (name: string) => tree.find((u) => u.name === name)!.figures;
    expect(figures('东苑一组').members).toBe(inEast);
    expect(figures('东苑二组').members).toBe(inWest);
    expect(figures('东苑大组').members).toBe(inEast + inWest);

    await office.go('#/org?view=admin');
    await page.locator('.mantine-NavLink-root', { hasText: '东苑一组' }).click();
    await page.getByRole('heading', { name: '东苑一组', exact: true }).waitFor();
    await page.getByLabel('或：组长（工作人员）').fill('刘芳');
    await page.getByLabel('联系电话').fill('13840001234');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已保存').waitFor();
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(inEast);
    await shot('1-group');

    await page.getByRole('button', { name: '打印联系表和联络树' }).click();
    await page.getByRole('heading', { name: '东苑一组组员联系表' }).waitFor();
    await expect.poll(() => page.locator('.sheet table tbody tr').count()).toBe(inEast);
    await expect
      .poll(() => page.locator('.sheet .sub').first().textContent())
      .toContain(`组长：刘芳　电话：13840001234`);
    await page.getByRole('heading', { name: '东苑一组联络树' }).waitFor();
    await shot('2-contact-sheet');
  });

  test('places come from the files: 东区 shows as many members as the list finds there', async () => {
    const east = await office.rpc<ListPage>('retirees.list', { area: '东区', statuses: ['在册'], pageSize: 1 });
    await office.go('#/org?view=place');
    await page.locator('.mantine-NavLink-root', { hasText: /^东区/ }).first().click();
    await page.getByRole('heading', { name: '东区', exact: true }).waitFor();
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(east.total);
    await shot('3-place');
  });
});
