// 工作概况 in a real browser on a populated office (the demo's 300 people, none certified or
// visited yet): a petition due today and a birthday today above the mass lists, a mass list opened
// a page at a time, this year's deaths by name, a chart's bar through to the 统计 page; at the
// standard and the largest type size. Screenshots in test-results/screens/home/.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFailed, test } from 'vitest';
import type { PersonFile } from '../../src-main/contract/retirees';
import type { FigurePeople, HomeFigures } from '../../src-main/contract/statistics';
import type { ReminderGroup } from '../../src-main/contract/visits';
import { addCalendarDays } from '../../src-main/shared/petitions';
import { openOffice, SCREENS, type Office } from './office';

const SHOTS = path.join(SCREENS, 'home');
let office: Office;
let page: Page;
let today: string;
let deaths: PersonFile[];
const shot = async (name: string) => {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

/** The reminder groups as the page shows them, top to bottom. */
const groupTitles = () =>
  page
    .getByRole('region', { name: '待办提醒', exact: true })
    .getByRole('region')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  office = await openOffice('home');
  page = office.page;
  await page.setViewportSize({ width: 1366, height: 768 });
  today = (await office.rpc<{ today: string }>('retirees.figures', {})).today;
  const year = Number(today.slice(0, 4));
  // Eighty today, and a letter received fifteen days ago: whether it is accepted must be told today.
  await office.rpc('retirees.create', {
    person: { name: '寿星今日', category: '退休', birthDate: `${year - 80}${today.slice(4)}` },
  });
  await office.rpc('petitions.create', {
    receivedOn: addCalendarDays(today, -15),
    channel: '来信',
    petitioner: '周淑芬',
    subject: '医药费报销',
    content: '询问报销进度',
  });
  // Three of the demo's people died this year.
  const { rows } = await office.rpc<{ rows: { id: number }[] }>('retirees.list', { statuses: ['在册'], pageSize: 3 });
  deaths = [];
  for (const [i, diedOn] of [`${year}-01-01`, `${today.slice(0, 7)}-01`, today].entries()) {
    await office.rpc('deaths.register', { personId: rows[i].id, diedOn, reportedBy: '家属' });
    deaths.push(await office.rpc<PersonFile>('retirees.get', { id: rows[i].id }));
  }
  await office.go('#/');
  await page.reload();
  await page.getByRole('heading', { name: '待办提醒' }).waitFor();
});
beforeEach((ctx) => {
  onTestFailed(() => shot(`failed-${ctx.task.name.replace(/[^\w]+/g, '-')}`));
});
afterAll(() => office?.close());

describe('工作概况', () => {
  test('a petition and a birthday due today come before the mass lists, which open a page at a time', async () => {
    const groups = await office.rpc<ReminderGroup[]>('reminders.groups', {});
    const certs = groups.find((g) => g.kind === 'certifications')!;
    expect(certs.count).toBeGreaterThan(250);
    await expect
      .poll(groupTitles)
      // The death on 1 January is past its three months for filing the 丧葬抚恤 claim: overdue, for one person.
      .toEqual(['信访办理期限', '近期整寿生日', '丧葬抚恤待申报', `${today.slice(0, 4)} 年度资格认证超期`, '久未联系']);
    const petitions = page.getByRole('region', { name: '信访办理期限' });
    await petitions.getByRole('link', { name: /周淑芬/ }).waitFor();
    expect(await petitions.getByText('（今天到期）', { exact: false }).isVisible()).toBe(true);
    const birthdays = page.getByRole('region', { name: '近期整寿生日' });
    expect(await birthdays.getByRole('link', { name: '寿星今日' }).isVisible()).toBe(true);
    expect(await birthdays.getByText('80 岁（今天）', { exact: false }).first().isVisible()).toBe(true);
    // The certifications: one line, its count and five names.
    const mass = page.getByRole('region', { name: certs.title });
    // The people's names, each a link to the file.
    const names = mass.getByRole('link');
    expect(await mass.getByText(`${certs.count} 人`, { exact: true }).isVisible()).toBe(true);
    expect(await names.count()).toBe(5);
    await shot('1-home-standard');

    await mass.getByRole('button', { name: `展开全部 ${certs.count} 人` }).click();
    await expect.poll(() => names.count()).toBe(50);
    const first = await names.first().textContent();
    await mass.getByRole('button', { name: '2' }).click();
    await expect.poll(() => names.first().textContent()).not.toBe(first);
    await shot('2-certifications-opened');
    await mass.getByRole('button', { name: '收起' }).click();
    await expect.poll(() => names.count()).toBe(5);
  });

  test("this year's deaths by name, each opening the file", async () => {
    const home = await office.rpc<HomeFigures>('statistics.home', {});
    // The demo office's own deaths of the year, and the three registered above.
    for (const d of deaths) expect(home.deaths.map((x) => x.personId)).toContain(d.id);
    const list = page.getByRole('region', { name: `${today.slice(0, 4)}年去世人员` });
    await list.getByText(`${today.slice(0, 4)}年去世人员：${home.deaths.length} 人`).waitFor();
    // Newest first, today's death on top.
    const names = await list.getByRole('link').allTextContents();
    expect(names).toEqual(home.deaths.slice(0, 10).map((d) => d.name));
    expect(names[0]).toBe(deaths[2].name);
    await list.getByRole('link', { name: deaths[0].name }).click();
    await page.getByRole('heading', { name: deaths[0].name }).waitFor();
    expect(page.url()).toMatch(new RegExp(`#/people/${deaths[0].id}$`));
    await page.goBack();
    await page.getByRole('heading', { name: '待办提醒' }).waitFor();
  });

  test('a bar of the age chart opens the 统计 page at that band, with the same count', async () => {
    const home = await office.rpc<HomeFigures>('statistics.home', {});
    const shown = home.ageBands.filter((b) => b.band !== '年龄不详' || b.合计 > 0);
    // The largest band: its bar is not a sliver to aim at.
    const band = [...shown].sort((a, b) => b.合计 - a.合计)[0];
    const index = shown.indexOf(band);
    const categories = ['离休', '退休', '退职'] as const;
    // A series (离休, 退休, 退职) has a rectangle per band shown: the band's largest segment.
    await page.locator('.recharts-surface').first().waitFor();
    await shot('3-charts');
    const series = page
      .getByRole('region', { name: '在册人员年龄段' })
      .locator('.recharts-bar')
      .nth(categories.indexOf([...categories].sort((a, b) => band[b] - band[a])[0]));
    await expect.poll(() => series.locator('.recharts-bar-rectangle').count()).toBe(shown.length);
    await series.locator('.recharts-bar-rectangle').nth(index).click();
    await page.waitForURL(/#\/statistics\?/);
    const url = new URL(page.url().replace('#', ''), 'http://x');
    expect(Object.fromEntries(new URLSearchParams(url.search))).toEqual({
      asOf: today,
      figure: 'ageBands',
      key: band.band,
    });
    const people = await office.rpc<FigurePeople>('statistics.people', {
      asOf: today,
      figure: 'ageBands',
      key: band.band,
    });
    expect(people.total).toBe(band.合计);
    await page.getByLabel('名单').getByText(`年龄段 · ${band.band}`, { exact: false }).waitFor();
    expect(await page.getByLabel('名单').getByText(`${band.合计} 人）`, { exact: false }).isVisible()).toBe(true);
    await shot('4-statistics-from-home');
    await page.goBack();
    await page.getByRole('heading', { name: '待办提醒' }).waitFor();
  });

  test('at the largest type size nothing is cut off sideways, and the petition is still first', async () => {
    await page.getByRole('banner').getByText('特大', { exact: true }).click();
    await page.getByRole('heading', { name: '待办提醒' }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    expect(
      await page.evaluate(() => {
        const d = (
          globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
        ).document.documentElement;
        return d.scrollWidth - d.clientWidth;
      }),
    ).toBeLessThanOrEqual(0);
    expect((await groupTitles())[0]).toBe('信访办理期限');
    await shot('5-home-xlarge');
    await page.getByRole('banner').getByText('标准', { exact: true }).click();
  });
});
