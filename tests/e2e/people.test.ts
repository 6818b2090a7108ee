// The people list and a person's file on the office's own screen, 1366×768: the list's columns
// fit without scrolling sideways, rows are reached and opened by keyboard, the list is sorted and
// paged by the database, and the file and its timeline are screenshotted for a person to look at.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import { openOffice, SCREENS, type Office } from './office';

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('people');
  page = office.page;
  await page.setViewportSize({ width: 1366, height: 768 });
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

/** How far the list's table reaches past its box, sideways (0: it fits). */
const sidewaysOverflow = () =>
  page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: {
          querySelector(s: string): { scrollWidth: number; clientWidth: number } | null;
          documentElement: { scrollWidth: number; clientWidth: number };
        };
      }
    ).document;
    const viewport =
      doc.querySelector('.mantine-datatable .mantine-ScrollArea-viewport') ?? doc.querySelector('.mantine-datatable');
    return Math.max(
      viewport!.scrollWidth - viewport!.clientWidth,
      doc.documentElement.scrollWidth - doc.documentElement.clientWidth,
    );
  });

describe('the people list at 1366×768', () => {
  test('the columns fit without scrolling sideways, care and review badges included', async () => {
    await office.go('#/people');
    await page.locator('tbody tr').first().waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(50);
    await expect.poll(sidewaysOverflow).toBe(0);
    await shot('1-list');
    // The rows with the most to show: several care flags each.
    await office.go('#/people?care=aloneChildless&care=emptyNest&care=remote&care=disabled&care=hardship');
    await expect.poll(() => page.url()).toContain('care=hardship');
    await page.locator('tbody tr').first().waitFor();
    await expect.poll(sidewaysOverflow).toBe(0);
  });

  test('sorted by age from a column header, and paged', async () => {
    // The living: the age of the dead is their age at death, which no birth-date order keeps.
    await office.go('#/people?status=在册');
    // Youngest first: ages ascending are birth dates descending.
    await page.locator('thead th', { hasText: '年龄' }).click();
    await expect.poll(() => page.url()).toContain('sort=birthDate&desc=1');
    const ages = async () =>
      (await page.locator('tbody tr td:nth-child(3)').allTextContents()).map(Number).filter((n) => n > 0);
    await expect
      .poll(async () => {
        const a = await ages();
        return a.length > 1 && a.every((n, i) => i === 0 || a[i - 1] <= n);
      })
      .toBe(true);
    // Oldest first: the other way round.
    await page.locator('thead th', { hasText: '年龄' }).click();
    await expect
      .poll(async () => {
        const a = await ages();
        return a.length > 1 && a.every((n, i) => i === 0 || a[i - 1] >= n);
      })
      .toBe(true);
    await page.getByRole('button', { name: '2', exact: true }).click();
    await expect.poll(() => page.url()).toContain('page=2');
    await expect.poll(() => page.getByText(/^第 51–/).isVisible()).toBe(true);
  });

  test('rows are in the Tab order, moved through with ↓ and opened with Enter', async () => {
    await office.go('#/people?sort=name');
    // The rows of this list, not those of the list before it still shown while this one is read.
    const { rows } = await office.rpc<{ rows: { name: string }[] }>('retirees.list', { sort: 'name', pageSize: 2 });
    await expect
      .poll(() => page.locator('tbody tr').nth(1).getAttribute('aria-label'))
      .toMatch(new RegExp(`^${rows[1].name}，`));
    const second = (await page.locator('tbody tr').nth(1).getAttribute('aria-label'))!;
    expect(await page.locator('tbody tr').first().getAttribute('tabindex')).toBe('0');
    await page.locator('tbody tr').first().focus();
    await page.keyboard.press('ArrowDown');
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } } }
        ).document.activeElement.getAttribute('aria-label'),
      ),
    ).toBe(second);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: second.split('，')[0] }).isVisible()).toBe(true);
    await shot('2-file');
  });
});

describe("a person's file at 1366×768", () => {
  test('the timeline, with a visit and a certification', async () => {
    const { rows } = await office.rpc<{ rows: { id: number }[] }>('retirees.list', { statuses: ['在册'], pageSize: 1 });
    const person = await office.rpc<PersonFile>('retirees.get', { id: rows[0].id });
    await office.rpc('visits.create', {
      personId: person.id,
      kind: '日常走访',
      date: '2026-03-02',
      visitors: '李明',
      money: '200',
      note: '身体尚好',
      followUpOn: '2099-01-10',
    });
    await office.go(`#/people/${person.id}`);
    await page.getByRole('tab', { name: '走访慰问' }).click();
    await page.getByRole('button', { name: '记录认证' }).click();
    await page.getByRole('dialog').getByLabel('认证方式').click();
    await page.getByRole('option', { name: '现场' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByText(/年度：.*现场/).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('cell', { name: '身体尚好' }).isVisible()).toBe(true);
    await shot('3-timeline');
    await page.getByRole('button', { name: '已回访' }).click();
    await expect.poll(() => page.getByText(/^已回访（/).isVisible()).toBe(true);
  });

  test('a refused field: the message beside the field and in the save bar, in sight', async () => {
    await page.getByRole('tab', { name: '档案信息' }).click();
    await page.getByLabel('邮编').fill('12');
    await page.getByLabel('邮编').press('Control+s');
    await expect.poll(() => page.getByLabel('邮编').getAttribute('aria-invalid')).toBe('true');
    const bar = page.getByRole('region', { name: '保存' });
    await expect.poll(() => bar.getByRole('alert').textContent()).toContain('邮编应为 6 位数字');
    const box = await bar.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    await page.screenshot({ path: `${SCREENS}/people-4-refused.png` });
    // Put right, it saves.
    await page.getByLabel('邮编').fill('110000');
    await page.getByLabel('邮编').press('Control+s');
    await expect.poll(() => page.getByText('已全部保存').isVisible()).toBe(true);
  });
});
