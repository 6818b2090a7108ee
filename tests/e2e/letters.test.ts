// Letters in a real browser: a festival batch's letters printed to one PDF through Chromium (each
// name and the date in its text, one letter a page), and an envelope whose postcode boxes and
// address sit where the standard puts them, measured in millimetres.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { VisitBatchView } from '../../src-main/api/contract';
import { todayIso } from '../../src-main/shared/dates';
import { letterDate } from '../../src-main/shared/letters';
import { launchChromium } from './browser';
import { startHarness, type Harness } from './harness';
import { pdfText } from './pdf';

const SCREENS = path.resolve(import.meta.dirname, '../../test-results/screens');
const PX_PER_MM = 96 / 25.4;

let harness: Harness;
let browser: Browser;
let page: Page;
async function shot(name: string) {
  await page.screenshot({ path: path.join(SCREENS, `letters-${name}.png`), fullPage: true });
}
async function rpc<T>(method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      const storage = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage;
      const res = await fetch('./rpc', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rpc-token': storage.getItem('rpc-token') ?? '' },
        body: JSON.stringify({ method: m, input: i }),
      });
      const r = (await res.json()) as { ok: boolean; value: unknown; error?: { message: string } };
      if (!r.ok) throw new Error(r.error?.message);
      return r.value;
    },
    [method, input] as const,
  ) as Promise<T>;
}
const go = (hash: string) =>
  page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);

beforeAll(async () => {
  fs.mkdirSync(SCREENS, { recursive: true });
  harness = await startHarness(['--demo']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await page.goto(harness.url);
  await page.getByLabel('单位名称').fill('红星机械厂离退休管理办公室');
  await page.getByLabel('经办人姓名').fill('李明');
  await page.getByRole('button', { name: '开始使用' }).click();
  await page.getByRole('heading', { name: '工作概况' }).waitFor();
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

describe('letters', () => {
  test("a festival batch's letters to one PDF: each name and the date, a page each; printing logs them", async () => {
    const batch = await rpc<VisitBatchView>('visits.createBatch', {
      name: '2027年春节慰问',
      kind: '节日慰问',
      date: '2027-01-20',
      money: '300',
      items: '大米一袋',
      query: { statuses: ['在册'], minAge: 95 },
    });
    expect(batch.rows.length).toBeGreaterThan(1);
    await go(`#/visits/${batch.id}`);
    await page.getByRole('button', { name: '打印慰问信' }).click();
    await expect.poll(() => page.locator('section.letter').count()).toBe(batch.rows.length);
    await shot('1-batch-letters');
    // The print dialog is the browser's; here Chromium prints to PDF instead.
    await page.evaluate(() => {
      (globalThis as unknown as { print: () => void }).print = () => {};
    });
    await page.getByRole('button', { name: /^打印（共/ }).click();
    await expect.poll(async () => (await rpc<unknown[]>('letters.log', { personId: batch.rows[0].personId })).length).toBe(1);
    const pdf = path.join(harness.dir, 'letters.pdf');
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
    const log = await rpc<{ batch: string }[]>('letters.log', { personId: batch.rows[0].personId });
    expect(log).toMatchObject([{ batch: '2027年春节慰问' }]);
    fs.copyFileSync(pdf, path.join(SCREENS, 'letters-batch.pdf'));
  });

  test('an envelope (DL): six postcode boxes 20 mm from the left and 10 mm from the top, the address at 26 mm', async () => {
    const { rows } = await rpc<{ rows: { id: number; name: string }[] }>('retirees.list', { statuses: ['在册'], pageSize: 1 });
    const file = await rpc<{ postcode: string | null; address: string | null }>('retirees.get', { id: rows[0].id });
    expect(file.postcode).toMatch(/^\d{6}$/);
    await go(`#/print/envelopes?people=${rows[0].id}&size=DL`);
    const envelope = page.locator('section.envelope');
    await envelope.waitFor();
    await shot('2-envelope');
    const origin = (await envelope.boundingBox())!;
    const inMm = async (selector: string, nth = 0) => {
      const b = (await page.locator(selector).nth(nth).boundingBox())!;
      return { left: (b.x - origin.x) / PX_PER_MM, top: (b.y - origin.y) / PX_PER_MM, width: b.width / PX_PER_MM, height: b.height / PX_PER_MM };
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
});
