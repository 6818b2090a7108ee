// Birthdays by the lunar calendar (issue 20 item 5), through lunar-typescript (6tail's 寿星万年历
// port, MIT): which Gregorian day a lunar birthday falls on in a given year.
//
// The customs the office follows, where the calendar leaves a choice:
// - a birthday in a leap month (闰四月初八) is kept in that leap month when the year has one, else in
//   the month itself (四月初八);
// - the 30th of a month that has only 29 days that year is kept on its last day (腊月三十 → 腊月廿九,
//   the eve of the new year);
// - a lunar year runs from late January or February to the next: a birthday in 冬月 or 腊月 may fall
//   in the next Gregorian year, and a Gregorian year may hold two of them (one of each lunar year), or
//   none.
import { Lunar, LunarMonth, Solar } from 'lunar-typescript';
import { UserError } from './errors';
import { type LunarDay, lunarDayWords, parseLunarDay, storedLunarDay } from './lunarWords';

/** The lunar date of a Gregorian day (yyyy-mm-dd). */
export function lunarOf(date: string): LunarDay & { year: number } {
  const l = Solar.fromYmd(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))).getLunar();
  return { year: l.getYear(), month: Math.abs(l.getMonth()), day: l.getDay(), leap: l.getMonth() < 0 };
}

/** The days in a lunar month of a year, or 0 when the year has no such month (a leap month it lacks). */
function daysIn(year: number, month: number, leap: boolean): number {
  return LunarMonth.fromYm(year, leap ? -month : month)?.getDayCount() ?? 0;
}

/** Whether the lunar date is one the calendar has in that lunar year (a birth date must be). */
export function existsIn(d: LunarDay, year: number): boolean {
  return d.day <= daysIn(year, d.month, d.leap);
}

/** Why a lunar birthday cannot be the one a person was born on in `year`, in Chinese; null when it can. */
export function lunarBirthProblem(d: LunarDay, year: number): string | null {
  if (d.leap && daysIn(year, d.month, true) === 0)
    return `农历${year}年没有${lunarDayWords(storedLunarDay(d)).slice(0, -2)}`;
  if (!existsIn(d, year))
    return `农历${year}年的${lunarDayWords(storedLunarDay({ ...d, day: 1 })).slice(0, -2)}只有 ${daysIn(year, d.month, d.leap)} 天`;
  return null;
}

const kept = new Map<string, string>();

/** The Gregorian day a lunar birthday is kept in lunar year `year`, by the customs above. */
export function keptIn(d: LunarDay, year: number): string {
  const key = `${storedLunarDay(d)}/${year}`;
  let on = kept.get(key);
  if (on === undefined) {
    const leap = d.leap && daysIn(year, d.month, true) > 0;
    const day = Math.min(d.day, daysIn(year, d.month, leap));
    on = Lunar.fromYmd(year, leap ? -d.month : d.month, day)
      .getSolar()
      .toYmd();
    kept.set(key, on);
  }
  return on;
}

/** The days a lunar birthday falls on in a Gregorian year, with the lunar year of each: none, one or two. */
export function lunarBirthdaysIn(d: LunarDay, gregorianYear: number): { on: string; lunarYear: number }[] {
  return [gregorianYear - 1, gregorianYear]
    .map((lunarYear) => ({ on: keptIn(d, lunarYear), lunarYear }))
    .filter((b) => b.on.startsWith(`${gregorianYear}-`));
}

/** The lunar birthday on or after `today`, with the lunar year it belongs to. */
export function nextLunarBirthday(d: LunarDay, today: string): { on: string; lunarYear: number } {
  const year = lunarOf(today).year;
  for (const lunarYear of [year - 1, year, year + 1]) {
    const on = keptIn(d, lunarYear);
    if (on >= today) return { on, lunarYear };
  }
  return { on: keptIn(d, year + 2), lunarYear: year + 2 };
}

/**
 * The lunar birthdays a Gregorian day keeps, as stored ('MM-DD', '闰MM-DD'): the day's own, the 30th
 * when its month ends on the 29th, and the leap month's when the year has none of that number.
 */
export function lunarBirthdaysOn(date: string): string[] {
  const l = lunarOf(date);
  const days = daysIn(l.year, l.month, l.leap);
  const dayNumbers = l.day === days && days === 29 ? [29, 30] : [l.day];
  const leaps = l.leap ? [true] : daysIn(l.year, l.month, true) === 0 ? [false, true] : [false];
  return leaps.flatMap((leap) => dayNumbers.map((day) => storedLunarDay({ month: l.month, day, leap })));
}

const refuse = (message: string) => new UserError('invalid_input', message, [{ path: ['lunarBirthday'], message }]);

/**
 * The lunar birthday a file keeps: for 阳历 none; for 阴历 the one the clerk gave, else the birth
 * date's. Refused in Chinese when 阴历 has neither, or when the one given is no day of the birth
 * year (闰四月 in a year without one; 腊月三十 in a year whose 腊月 has 29 days). The birth year is
 * checked with the one before it: a birth date may be Gregorian (a 腊月 birth falls in the next
 * Gregorian year) or, as on many old ID cards, the lunar date itself.
 */
export function lunarBirthdayOf(
  calendar: '阳历' | '阴历',
  given: string | null,
  birthDate: string | null,
): string | null {
  if (calendar === '阳历') return null;
  if (given === null) {
    if (birthDate?.length !== 10) throw refuse('按农历过生日的，请填写农历生日，或填写完整的出生日期以便推算');
    return storedLunarDay(lunarOf(birthDate));
  }
  const d = parseLunarDay(given);
  if (d === null) throw refuse('农历生日应写成月-日，如 04-08（四月初八）或 闰04-08');
  if (birthDate !== null) {
    const year = Number(birthDate.slice(0, 4));
    const problems = [year, year - 1].map((y) => lunarBirthProblem(d, y));
    if (problems.every((p) => p !== null)) throw refuse(`农历生日${lunarDayWords(given)}不存在：${problems[0]}`);
  }
  return given;
}
