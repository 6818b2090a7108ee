// Birthdays kept by the lunar calendar (issue 20 item 5): the Gregorian day each year, in the cases
// users of other systems reported wrong, and through the file, the reminders, the year's list and
// the birthday letter. The expected days are written out from the published calendar (春节 2024 on
// 10 February, 2025 on 29 January; 2023 has a 闰二月, 2025 a 闰六月).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppContext } from '../src-main/app/context';
import type { PersonFile } from '../src-main/contract/retirees';
import type { BirthdayList } from '../src-main/contract/visits';
import { keptIn, lunarBirthdaysIn, lunarOf } from '../src-main/shared/lunar';
import { reminders } from '../src-main/visits/reminders';
import { freshContext, person, router } from './helpers';

describe('the Gregorian day of a lunar birthday', () => {
  test('a leap-month birthday in a year without that leap month is kept in the month itself', () => {
    const runYueChuYi = { month: 2, day: 1, leap: true }; // 闰二月初一
    expect(keptIn(runYueChuYi, 2023)).toBe('2023-03-22'); // 2023 has its 闰二月
    expect(keptIn(runYueChuYi, 2024)).toBe('2024-03-10'); // 2024 has none: 二月初一
  });

  test('腊月三十 in a year whose 腊月 has 29 days is kept on its last day, the eve of the new year', () => {
    const chuXi = { month: 12, day: 30, leap: false };
    expect(keptIn(chuXi, 2023)).toBe('2024-02-09'); // 腊月 of 2023 has 30 days
    expect(keptIn(chuXi, 2024)).toBe('2025-01-28'); // 腊月 of 2024 has 29: 腊月廿九
    expect(lunarOf('2025-01-28')).toEqual({ year: 2024, month: 12, day: 29, leap: false });
  });

  test('a 腊月 birthday falls in the next Gregorian year; a year may hold two, or none', () => {
    // 腊月初五 of lunar 2024 is 4 January 2025; that of 2025 falls in 2026.
    expect(lunarBirthdaysIn({ month: 12, day: 5, leap: false }, 2025)).toEqual([{ on: '2025-01-04', lunarYear: 2024 }]);
    // 冬月廿五: lunar 2023's on 6 January 2024, lunar 2024's on 25 December 2024.
    expect(lunarBirthdaysIn({ month: 11, day: 25, leap: false }, 2024)).toEqual([
      { on: '2024-01-06', lunarYear: 2023 },
      { on: '2024-12-25', lunarYear: 2024 },
    ]);
    // And 2025 has none of them: lunar 2025's 冬月廿五 is in January 2026.
    expect(lunarBirthdaysIn({ month: 11, day: 25, leap: false }, 2025)).toEqual([]);
  });
});

describe('a file whose birthday is lunar', () => {
  let ctx: AppContext;
  const { call, refusal } = router(() => ctx);
  beforeEach(async () => {
    ctx = await freshContext();
  });
  afterEach(() => ctx.close());

  const add = (name: string, fields: Partial<PersonFile>) =>
    call<PersonFile>('retirees.create', { person: person({ name, idNumber: null, ...fields }) });

  test('the lunar birthday is taken from the birth date when none is given, and kept as given otherwise', async () => {
    // 2 February 1945 (Gregorian) was 腊月二十 of lunar 1944.
    const derived = await add('农甲', { birthDate: '1945-01-03', birthdayCalendar: '阴历', lunarBirthday: null });
    expect(derived.lunarBirthday).toBe(
      `${String(lunarOf('1945-01-03').month).padStart(2, '0')}-${String(lunarOf('1945-01-03').day).padStart(2, '0')}`,
    );
    const given = await add('农乙', { birthDate: '1944', birthdayCalendar: '阴历', lunarBirthday: '12-30' });
    expect([given.birthdayCalendar, given.lunarBirthday]).toEqual(['阴历', '12-30']);
    // Back to 阳历: the lunar day is not kept as if it still counted.
    const p = await call<PersonFile>('retirees.get', { id: given.id });
    await call('retirees.update', {
      id: p.id,
      version: p.version,
      changes: { birthdayCalendar: '阳历' },
      base: { birthdayCalendar: '阴历' },
    });
    expect((await call<PersonFile>('retirees.get', { id: p.id })).lunarBirthday).toBeNull();
  });

  test('a lunar day that does not exist, or none at all, is refused in Chinese and nothing is saved', async () => {
    const count = async () => (await call<{ total: number }>('retirees.list', {})).total;
    const before = await count();
    // 1940 has no 闰四月 (nor has 1939).
    const noLeap = await refusal('retirees.create', {
      person: person({
        name: '农丙',
        idNumber: null,
        birthDate: '1940-05-01',
        birthdayCalendar: '阴历',
        lunarBirthday: '闰04-08',
      }),
    });
    expect(noLeap.message).toContain('没有闰四月');
    const noDay = await refusal('retirees.create', {
      person: { ...person({ name: '农丁', idNumber: null }), birthdayCalendar: '阴历', lunarBirthday: '04-31' },
    });
    expect(noDay.message).toContain('农历生日应写成月-日');
    const nothing = await refusal('retirees.create', {
      person: person({
        name: '农戊',
        idNumber: null,
        birthDate: '1940',
        birthdayCalendar: '阴历',
        lunarBirthday: null,
      }),
    });
    expect(nothing.message).toContain('请填写农历生日');
    expect(await count()).toBe(before);
  });

  test('the reminders, the year’s list and the letter put the birthday on its Gregorian day, by the office’s reckoning', async () => {
    // Born in lunar 1944 (the ID card writes the lunar date itself), 腊月三十: 80 in lunar 2024, whose
    // 腊月 has 29 days — kept on 28 January 2025.
    const old = await add('农寿', { birthDate: '1944-12-30', birthdayCalendar: '阴历', lunarBirthday: '12-30' });
    // A Gregorian birthday on the same day, for comparison: 80 on 28 January 2025.
    await add('阳寿', { birthDate: '1945-01-28', birthdayCalendar: '阳历' });
    const r = reminders(ctx.store, '2025-01-10');
    expect(r.birthdays.map((b) => [b.name, b.on, b.turning, b.lunar])).toEqual([
      ['农寿', '2025-01-28', 80, '农历腊月三十'],
      ['阳寿', '2025-01-28', 80, null],
    ]);
    // Next year's list: lunar 2025's 腊月三十 falls in February 2026 (its 腊月 has 30 days? either way
    // in 2026), so the list of 2026 shows him at 81; the list of 2025 at 80 on 28 January.
    const list = (year: number, month: number | null = null) =>
      call<BirthdayList>('reminders.birthdayList', { year, month, milestonesOnly: false });
    expect((await list(2025)).rows.filter((b) => b.personId === old.id).map((b) => [b.on, b.turning])).toEqual([
      ['2025-01-28', 80],
    ]);
    const next = (await list(2026, 2)).rows.filter((b) => b.personId === old.id);
    expect(next).toMatchObject([{ turning: 81, lunar: '农历腊月三十', milestone: false }]);
    expect(next[0].on.slice(0, 7)).toBe('2026-02');
    // 虚岁: the office counts one more; 80 comes a year earlier.
    const rules = await call<Record<string, unknown>>('reminders.rules', {});
    await call('reminders.saveRules', { ...rules, ageReckoning: '虚岁' });
    expect((await list(2026, 2)).rows.find((b) => b.personId === old.id)).toMatchObject({ turning: 82 });
    expect(reminders(ctx.store, '2024-01-20').birthdays.map((b) => [b.name, b.on, b.turning])).toEqual([
      ['阳寿', '2024-01-28', 80], // 79 周岁
      ['农寿', '2024-02-09', 80], // lunar 2023 − 1944 = 79 周岁
    ]);
    // The birthday letter speaks of the age the list shows (虚岁 now: 81 on 28 January 2025).
    const letters = await call('letters.render', { kind: 'birthday', personIds: [old.id], date: '2025-01-10' });
    expect(JSON.stringify(letters)).toContain('值此您81岁寿辰之际');
  });
});
