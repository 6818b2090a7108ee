// Festival batches dated by the festival (issue 20 item 5): 春节, 元宵, 端午, 中秋 and 重阳 by the
// lunar calendar, the rest by the solar one. The expected days are written out from the published
// calendar (2023 has a 闰二月 and 2025 a 闰六月, which move the festivals after them; 腊月 of lunar 2025
// has 29 days, so 除夕 2026 is 腊月廿九).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import { todayIso } from '../src-main/shared/dates';
import { type FestivalDay, festivalIn, upcomingFestivals } from '../src-main/shared/festivals';
import { freshContext, router } from './helpers';

describe('the day of a festival', () => {
  test.each([
    [
      2023,
      {
        除夕: '2023-01-21',
        春节: '2023-01-22',
        元宵节: '2023-02-05',
        端午节: '2023-06-22',
        中秋节: '2023-09-29',
        重阳节: '2023-10-23',
      },
    ],
    [
      2025,
      {
        除夕: '2025-01-28',
        春节: '2025-01-29',
        元宵节: '2025-02-12',
        端午节: '2025-05-31',
        中秋节: '2025-10-06',
        重阳节: '2025-10-29',
      },
    ],
    [
      2026,
      {
        除夕: '2026-02-16',
        春节: '2026-02-17',
        元宵节: '2026-03-03',
        端午节: '2026-06-19',
        中秋节: '2026-09-25',
        重阳节: '2026-10-18',
      },
    ],
    [
      2027,
      {
        除夕: '2027-02-05',
        春节: '2027-02-06',
        元宵节: '2027-02-20',
        端午节: '2027-06-09',
        中秋节: '2027-09-15',
        重阳节: '2027-10-08',
      },
    ],
  ] as const)('the lunar festivals of %i', (year, days) => {
    for (const [name, on] of Object.entries(days))
      expect(festivalIn(name as FestivalDay['name'], year).on, name).toBe(on);
  });

  test('each says its lunar day, and 除夕 is the last day of 腊月, 廿九 or 三十', () => {
    expect(festivalIn('重阳节', 2026)).toEqual({
      name: '重阳节',
      on: '2026-10-18',
      lunar: '农历九月初九',
      batchName: '2026年重阳节慰问',
    });
    expect(festivalIn('除夕', 2026).lunar).toBe('农历腊月廿九');
    expect(festivalIn('除夕', 2024).lunar).toBe('农历腊月三十');
    expect(festivalIn('国庆节', 2026)).toEqual({
      name: '国庆节',
      on: '2026-10-01',
      lunar: null,
      batchName: '2026年国庆节慰问',
    });
  });

  test('the next of each from a day: one passed this year is next year’s, soonest first', () => {
    const next = upcomingFestivals('2026-10-18');
    expect(next.map((f) => `${f.name} ${f.on}`)).toEqual([
      '重阳节 2026-10-18',
      '元旦 2027-01-01',
      '除夕 2027-02-05',
      '春节 2027-02-06',
      '元宵节 2027-02-20',
      '端午节 2027-06-09',
      '建党节 2027-07-01',
      '建军节 2027-08-01',
      '中秋节 2027-09-15',
      '国庆节 2027-10-01',
    ]);
    expect(next.find((f) => f.name === '春节')?.batchName).toBe('2027年春节慰问');
  });
});

describe('visits.festivals', () => {
  let ctx: AppContext;
  const { call } = router(() => ctx);
  beforeEach(async () => {
    ctx = await freshContext();
  });
  afterEach(() => ctx.close());

  test('gives every festival once, none before today, soonest first', async () => {
    const list = await call<FestivalDay[]>('visits.festivals', {});
    expect(list).toHaveLength(10);
    expect(list.every((f) => f.on >= todayIso())).toBe(true);
    expect([...list].sort((a, b) => a.on.localeCompare(b.on))).toEqual(list);
    expect(list.find((f) => f.name === '春节')).toEqual(upcomingFestivals(todayIso()).find((f) => f.name === '春节'));
  });
});
