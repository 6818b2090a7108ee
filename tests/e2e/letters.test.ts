// Letters in a real browser: a festival batch's letters printed to one PDF through Chromium (each
// name and the date in its text, one letter a page), and an envelope whose postcode boxes and
// address sit where the standard puts them, measured in millimetres.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { VisitBatchView } from '../../src-main/contract/visits';
import { todayIso } from '../../src-main/shared/dates';
import { letterDate } from '../../src-main/shared/letters';
import { openOffice, SCREENS, type Office } from './office';
import { pdfText } from './pdf';

const PX_PER_MM = 96 / 25.4;

let office: Office;
let page: Page;
const shot = (name: string) => office.shot(name);

beforeAll(async () => {
  office = await openOffice('letters');
  page = office.page;
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await office?.close();
});

describe('letters', () => {
  test("a festival batch's letters to one PDF: each name and the date, a page each; printing logs them", async () => {
    const batch = await office.rpc<VisitBatchView>('visits.createBatch', {
      name: '2027年春节慰问',
      kind: '节日慰问',
      date: '2027-01-20',
      money: '300',
      items: '大米一袋',
      query: { statuses: ['在册'], minAge: 95 },
    });
    expect(batch.rows.length).toBeGreaterThan(1);
    await office.go(`#/visits/${batch.id}`);
    await page.getByRole('button', { name: '打印慰问信' }).click();
    await expect.poll(() => page.locator('section.letter').count()).toBe(batch.rows.length);
    await shot('1-batch-letters');
    // The print dialog is the browser's; here Chromium prints to PDF instead.
    await page.evaluate(() => {
      (globalThis as unknown as { print: () => void }).print = () => {};
    });
    await page.getByRole('button', { name: /^打印（共/ }).click();
    await expect
      .poll(async () => (await office.rpc<unknown[]>('letters.log', { personId: batch.rows[0].personId })).length)
      .toBe(1);
    const pdf = path.join(office.harness.dir, 'letters.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const pages = (await pdfText(pdf)).split('\f');
    expect(pages).toHaveLength(batch.rows.length);
    const date = letterDate(todayIso(), 'arabic');
    batch.rows.forEach((r, i) => {
      expect(pages[i]).toContain(`尊敬的${r.name}同志：`);
      expect(pages[i]).toContain(date);
      expect(pages[i]).toContain('慰问金 300.00 元，大米一袋');
    });
    expect(pages.join('')).not.toContain('打印');
    const log = await office.rpc<{ batch: string }[]>('letters.log', { personId: batch.rows[0].personId });
    expect(log).toMatchObject([{ batch: '2027年春节慰问' }]);
    fs.copyFileSync(pdf, path.join(SCREENS, 'letters-batch.pdf'));
  });

  test('an envelope (DL): six postcode boxes 20 mm from the left and 10 mm from the top, the address at 26 mm', async () => {
    const { rows } = await office.rpc<{ rows: { id: number; name: string }[] }>('retirees.list', {
      statuses: ['在册'],
      pageSize: 1,
    });
    const file = await office.rpc<{ postcode: string | null; address: string | null }>('retirees.get', {
      id: rows[0].id,
    });
    expect(file.postcode).toMatch(/^\d{6}$/);
    await office.go(`#/print/envelopes?people=${rows[0].id}&size=DL`);
    const envelope = page.locator('section.envelope');
    await envelope.waitFor();
    await shot('2-envelope');
    const origin = (await envelope.boundingBox())!;
    const inMm = async (selector: string, nth = 0) => {
      const b = (await page.locator(selector).nth(nth).boundingBox())!;
      return {
        left: (b.x - origin.x) / PX_PER_MM,
        top: (b.y - origin.y) / PX_PER_MM,
        width: b.width / PX_PER_MM,
        height: b.height / PX_PER_MM,
      };
    };
    expect(origin.width / PX_PER_MM).toBeCloseTo(220, 0);
    expect(origin.height / PX_PER_MM).toBeCloseTo(110, 0);
    for (let i = 0; i < 6; i++) {
      const box = await inMm('.pc', i);
      expect(box.left).toBeCloseTo(20 + i * 10, 0);
      expect(box.top).toBeCloseTo(10, 0);
      expect(box.width).toBeCloseTo(8, 0);
      expect(box.height).toBeCloseTo(10, 0);
      expect(await page.locator('.pc').nth(i).textContent()).toBe(file.postcode![i]);
    }
    const address = await inMm('.to-address');
    expect(address.left).toBeCloseTo(20, 0);
    expect(address.top).toBeCloseTo(26, 0);
    expect(await page.locator('.to-address').textContent()).toBe(file.address);
    expect(await page.locator('.to-name').textContent()).toBe(`${rows[0].name}　收`);
  });

  test('the template editor: Ctrl+S saves; another tab with unsaved changes asks first', async () => {
    await office.go('#/letters');
    await page.getByRole('tab', { name: '生日贺信' }).click();
    await page.getByLabel('标题').waitFor();
    expect(page.url()).toContain('#/letters/birthday');
    await page.getByLabel('标题').fill('九十华诞贺信');
    await page.keyboard.press('Control+S');
    await page.getByText('本单位已修改').waitFor();
    await expect
      .poll(
        async () =>
          (await office.rpc<{ kind: string; title: string }[]>('letters.templates', {})).find(
            (t) => t.kind === 'birthday',
          )?.title,
      )
      .toBe('九十华诞贺信');

    // An edit not saved: another tab asks 保存 / 放弃 / 取消; 取消 stays with the edit.
    await page.getByLabel('祝颂语').fill('敬祝\n健康长寿！');
    await page.getByRole('tab', { name: '唁函' }).click();
    const question = page.getByRole('dialog', { name: '有未保存的修改' });
    await question.waitFor();
    await shot('3-template-leave');
    await question.getByRole('button', { name: '取消' }).click();
    expect(await page.getByLabel('祝颂语').inputValue()).toBe('敬祝\n健康长寿！');
    expect(page.url()).toContain('#/letters/birthday');
    // 保存 in the question saves, then goes.
    await page.getByRole('tab', { name: '唁函' }).click();
    await question.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/letters\/bereavement/);
    const birthday = (await office.rpc<{ kind: string; closing: string }[]>('letters.templates', {})).find(
      (t) => t.kind === 'birthday',
    );
    expect(birthday?.closing).toBe('敬祝\n健康长寿！');
    await shot('4-template');
  });
});
