// The festivals the office visits for (节日慰问), dated for a festival batch (issue 20 item 5): the
// lunar ones (春节, 元宵, 端午, 中秋, 重阳 — 重阳 is also 老年节) through lunar-typescript, as
// shared/lunar.ts does for birthdays, and the solar ones the office keeps (元旦, 七一, 八一, 国庆).
//
// Every lunar festival here falls in the Gregorian year its lunar year begins in: the lunar year
// starts between 21 January and 20 February, and 重阳 (九月初九) comes by mid-November. 除夕 is the
// eve of that year's 春节 (the last day of the 腊月 before it, 廿九 or 三十), so it too falls in January
// or February of the same Gregorian year.
import { Lunar } from 'lunar-typescript';
import { lunarOf } from './lunar';
import { lunarDayWords, storedLunarDay } from './lunarWords';

type Festival = { name: string; lunar: string } | { name: string; solar: string } | { name: '除夕'; eve: true };

/** As an office lists them through the year (中秋 may come after 国庆: upcomingFestivals sorts by day). */
export const FESTIVALS = [
  { name: '元旦', solar: '01-01' },
  { name: '除夕', eve: true },
  { name: '春节', lunar: '01-01' },
  { name: '元宵节', lunar: '01-15' },
  { name: '端午节', lunar: '05-05' },
  { name: '建党节', solar: '07-01' },
  { name: '建军节', solar: '08-01' },
  { name: '中秋节', lunar: '08-15' },
  { name: '国庆节', solar: '10-01' },
  { name: '重阳节', lunar: '09-09' },
] as const satisfies readonly Festival[];

export type FestivalName = (typeof FESTIVALS)[number]['name'];
export const FESTIVAL_NAMES = FESTIVALS.map((f) => f.name) as FestivalName[];

export interface FestivalDay {
  name: FestivalName;
  /** yyyy-mm-dd. */
  on: string;
  /** 农历正月初一 for a lunar festival, null for a solar one. */
  lunar: string | null;
  /** The batch's name the office would write: 2027年春节慰问, 2026年重阳节慰问. */
  batchName: string;
}

function ymd(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** The day a festival falls on in a Gregorian year. */
export function festivalIn(name: FestivalName, year: number): FestivalDay {
  const f = FESTIVALS.find((x) => x.name === name) as Festival;
  let on: string;
  if ('solar' in f) on = `${year}-${f.solar}`;
  else if ('eve' in f) on = Lunar.fromYmd(year, 1, 1).getSolar().next(-1).toYmd();
  else
    on = Lunar.fromYmd(year, Number(f.lunar.slice(0, 2)), Number(f.lunar.slice(3)))
      .getSolar()
      .toYmd();
  const lunar = 'solar' in f ? null : `农历${lunarDayWords(storedLunarDay(lunarOf(on)))}`;
  return { name, on, lunar, batchName: `${year}年${name}慰问` };
}

/** Each festival's next day on or after `today`, soonest first: what a batch made today is for. */
export function upcomingFestivals(today: string): FestivalDay[] {
  const year = ymd(today)[0];
  return FESTIVAL_NAMES.map((name) => {
    const d = festivalIn(name, year);
    return d.on >= today ? d : festivalIn(name, year + 1);
  }).sort((a, b) => a.on.localeCompare(b.on));
}
