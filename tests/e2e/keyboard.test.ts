// A clerk's morning by keyboard alone, on a 1366×768 screen (issue 15): Ctrl+K to a person by the
// pinyin initials of their name, an edit saved with Ctrl+S, the menu reached with F6 and walked
// with Tab to 走访慰问, a batch opened with Enter. Then the same screens at 标准 and at 特大, for a
// person to look at, with nothing cut off sideways.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import type { VisitBatchView } from '../../src-main/contract/visits';
import { openOffice, SCREENS, type Office } from './office';

let office: Office;
let page: Page;
let person: PersonFile;
let batch: VisitBatchView;

/** What the screen shows, as a person sees it: the viewport, not the whole page. */
const screen = (name: string) => page.screenshot({ path: path.join(SCREENS, `keyboard-${name}.png`) });

// The page's own objects, typed as far as these tests read them (this project's tests have no DOM lib).
interface PageGlobals {
  document: {
    activeElement: { tagName: string; textContent: string | null; getAttribute(n: string): string | null } | null;
    documentElement: { scrollWidth: number; clientWidth: number };
  };
  getComputedStyle(el: unknown): { fontSize: string };
}

const isFocused = (l: Locator) =>
  l.evaluate((el) => el === (globalThis as unknown as PageGlobals).document.activeElement);

/** The root font size (the type size): 16px at 标准, 20px at 特大. */
const rootFontSize = () =>
  page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return g.getComputedStyle(g.document.documentElement).fontSize;
  });

/** Presses Tab (at most `max` times) until `target` has the keyboard; the presses it took. */
async function tabTo(target: Locator, max = 120, key = 'Tab'): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press(key);
    if (await isFocused(target)) return n;
  }
  const at = await page.evaluate(() => {
    const el = (globalThis as unknown as PageGlobals).document.activeElement;
    return el
      ? `${el.tagName} ${el.getAttribute('aria-label') ?? ''} ${(el.textContent ?? '').slice(0, 40)}`
      : 'nothing';
  });
  throw new Error(`${max} × ${key} never reached the target; the keyboard is on: ${at}`);
}

/** Whether the page scrolls sideways (it must not, at any type size). */
const sideways = () =>
  page.evaluate(() => {
    const d = (globalThis as unknown as PageGlobals).document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });

beforeAll(async () => {
  office = await openOffice('keyboard');
  page = office.page;
  await page.setViewportSize({ width: 1366, height: 768 });
  person = await office.rpc<PersonFile>('retirees.create', {
    person: { name: '诸葛慧敏', category: '退休', birthDate: '1940-03-08', address: '沈阳市大东区小河沿路 5 号' },
  });
  batch = await office.rpc<VisitBatchView>('visits.createBatch', {
    name: '2027年春节慰问',
    kind: '节日慰问',
    date: '2027-01-20',
    money: '300',
    items: '大米一袋',
    query: { statuses: ['在册'], minAge: 90 },
  });
  // The home page afresh, as the morning starts.
  await page.reload();
  await page.getByRole('heading', { name: '工作概况' }).waitFor();
});
beforeEach((ctx) => {
  onTestFailed(() => office.shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(() => office?.close());

describe("the clerk's morning by keyboard alone", () => {
  test('Ctrl+K, the pinyin initials and Enter open the file', async () => {
    await page.keyboard.press('Control+k');
    const search = page.getByRole('dialog').getByLabel('查找人员或页面');
    await expect.poll(() => isFocused(search)).toBe(true);
    await page.keyboard.type('zghm');
    const found = page.getByRole('dialog').getByRole('button', { name: /诸葛慧敏/ });
    await expect.poll(() => found.getAttribute('data-selected')).toBe('true');
    await screen('01-palette');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: '诸葛慧敏' }).isVisible()).toBe(true);
    expect(page.url()).toMatch(new RegExp(`#/people/${person.id}$`));
  });

  test('a field edited and saved with Ctrl+S', async () => {
    const address = page.getByLabel('住址');
    const presses = await tabTo(address);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('沈阳市大东区小河沿路 7 号');
    await expect.poll(() => page.getByText('有未保存的修改').isVisible()).toBe(true);
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByText('已全部保存').isVisible()).toBe(true);
    expect((await office.rpc<PersonFile>('retirees.get', { id: person.id })).address).toBe('沈阳市大东区小河沿路 7 号');
    console.log(`Tab presses from the file's top to 住址: ${presses}`);
  });

  test('F6 to the menu, Tab to 走访慰问, Enter; Tab to the batch, Enter', async () => {
    // From the page, F6 goes round the regions: the header, then the menu (on its current entry).
    const current = page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '人员档案' });
    await tabTo(current, 3, 'F6');
    const visits = page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '走访慰问' });
    await tabTo(visits, 5);
    await screen('02-menu-focus');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: '走访慰问' }).isVisible()).toBe(true);
    // The page has the keyboard now: Tab goes on in it, to the batch's row.
    const row = page.locator('tbody tr', { hasText: batch.name });
    await tabTo(row, 20);
    await screen('03-batch-row-focus');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: `慰问批次：${batch.name}` }).isVisible()).toBe(true);
  });

  test("Alt+digit opens a menu page from anywhere; the home page's figures and reminders open with Enter", async () => {
    await page.keyboard.press('Alt+1');
    await expect.poll(() => page.getByRole('heading', { name: '工作概况' }).isVisible()).toBe(true);
    // A figure on the home page is a button: Tab reaches it, Enter opens its list.
    const over90 = page.getByRole('button', { name: /90 岁及以上/ });
    await tabTo(over90, 40);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: '人员档案' }).isVisible()).toBe(true);
    // Back, as the browser's (and the mouse's) back button does.
    await page.goBack();
    await expect.poll(() => page.getByRole('heading', { name: '工作概况' }).isVisible()).toBe(true);
    // A reminder's name is a link: Tab reaches it, Enter opens the file.
    const birthday = page.getByRole('region', { name: '近期整寿生日' }).getByRole('link').first();
    const name = (await birthday.textContent())!;
    await tabTo(birthday, 60);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name }).isVisible()).toBe(true);
  });
});

describe('readable at 1366×768', () => {
  const screens = async (size: string) => {
    await office.go('#/');
    await page.getByRole('heading', { name: '工作概况' }).waitFor();
    await page.getByRole('heading', { name: '待办提醒' }).waitFor();
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screen(`${size}-home`);
    await office.go(`#/people/${person.id}`);
    await page.getByRole('heading', { name: '诸葛慧敏' }).waitFor();
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screen(`${size}-file`);
    await office.go('#/people?status=在册');
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screen(`${size}-list`);
    await office.go('#/settings');
    await page.getByRole('heading', { name: '系统设置' }).waitFor();
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screen(`${size}-settings`);
  };

  test('标准: the demo notice is compact, and put away for good', async () => {
    await office.go('#/');
    const notice = page.getByRole('alert').filter({ hasText: '演示人员' });
    await notice.waitFor();
    const box = (await notice.boundingBox())!;
    expect(box.height).toBeLessThanOrEqual(48);
    await screens('standard');
    await notice.getByRole('button', { name: '知道了，不再显示' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: '系统设置' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: '演示人员' }).count()).toBe(0);
  });

  test('特大 from the header scales the whole interface, and is kept', async () => {
    await office.go('#/');
    await page.getByRole('heading', { name: '工作概况' }).waitFor();
    expect(await rootFontSize()).toBe('16px');
    await page.getByRole('banner').getByText('特大', { exact: true }).click();
    await expect.poll(rootFontSize).toBe('20px');
    await page.reload();
    await page.getByRole('heading', { name: '工作概况' }).waitFor();
    expect(await rootFontSize()).toBe('20px');
    await screens('xlarge');
    // Paper is printed at the standard size whatever the screen's.
    await office.go(`#/print/letters?kind=birthday&people=${person.id}`);
    await expect.poll(rootFontSize).toBe('16px');
    await office.go('#/settings');
    await page.getByRole('heading', { name: '系统设置' }).waitFor();
    // Back from paper, the screen is at the workstation's size again; 系统设置 sets it back.
    expect(await rootFontSize()).toBe('20px');
    await page.getByRole('main').getByText('标准', { exact: true }).click();
    await expect.poll(rootFontSize).toBe('16px');
  });
});
