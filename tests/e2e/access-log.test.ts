// The access log in a real browser, as an administrator: a person's file opened and the roster
// exported, then the log read under 个人信息保护 → 访问记录, filtered by that person and by kind,
// and exported itself.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import { openOffice, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('access-log');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('访问记录', () => {
  test('a file opened and a list exported, then read in the log filtered by that person', async () => {
    const p = await office.rpc<PersonFile>('retirees.create', { person: { name: '隋德明', category: '离休' } });

    await office.go(`#/people/${p.id}`);
    await page.getByRole('tab', { name: /家属及联系人/ }).waitFor();
    await office.go('#/people?category=离休');
    await expect.poll(() => page.getByText(/共 \d+ 人/).isVisible()).toBe(true);
    const total = Number((await page.getByText(/共 \d+ 人/).textContent())!.replace(/\D/g, ''));
    await page.getByRole('button', { name: '导出 Excel' }).click();
    // Masked, the default of the export dialog.
    const [roster] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('dialog').getByRole('button', { name: '导出', exact: true }).click(),
    ]);
    expect(roster.suggestedFilename()).toMatch(/^离退休人员花名册-/);

    await office.go('#/privacy/access');
    await page.getByLabel('人员姓名').fill('隋德明');
    const opened = page.getByRole('row', { name: /李明，查看档案/ });
    await opened.waitFor();
    // The name filter applies once typing pauses: then only that person's rows remain.
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await opened.textContent()).toContain('隋德明');
    await shot('1-by-person');

    await page.getByLabel('人员姓名').fill('');
    await page.getByLabel('类别', { exact: true }).first().click();
    await page.getByRole('option', { name: '导出', exact: true }).click();
    const exported = page.getByRole('row', { name: /李明，导出人员名单/ });
    await exported.waitFor();
    expect(await exported.textContent()).toContain(String(total));
    expect(await exported.textContent()).toContain('"categories":["离休"]');
    await shot('2-exports');

    const [log] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(log.suggestedFilename()).toMatch(/^访问记录-\d{4}-\d{2}-\d{2}\.xlsx$/);
    // The log's export is a row of the log.
    await page.getByRole('row', { name: /李明，导出访问记录/ }).waitFor();
    await shot('3-log-exported');
  });
});
