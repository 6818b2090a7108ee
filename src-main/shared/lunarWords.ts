// A lunar birthday in words (no calendar here, so the form can use it without the calendar library):
// stored as 'MM-DD' or '闰MM-DD' ('04-08' 四月初八, '闰04-08' 闰四月初八, '12-30' 腊月三十).

export const LUNAR_MONTH_NAMES = [
  '正月',
  '二月',
  '三月',
  '四月',
  '五月',
  '六月',
  '七月',
  '八月',
  '九月',
  '十月',
  '冬月',
  '腊月',
];
const TENS = ['初', '十', '廿', '三'];
const UNITS = ['十', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 初一, 10 → 初十, 20 → 二十, 21 → 廿一, 30 → 三十. */
export function lunarDayName(day: number): string {
  if (day === 10) return '初十';
  if (day === 20) return '二十';
  if (day === 30) return '三十';
  return TENS[Math.floor(day / 10)] + UNITS[day % 10];
}

export const LUNAR_DAY_NAMES = Array.from({ length: 30 }, (_, i) => lunarDayName(i + 1));

export interface LunarDay {
  month: number;
  day: number;
  leap: boolean;
}

const STORED = /^(闰)?(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|30)$/;

/** '闰04-08' → { month: 4, day: 8, leap: true }; null for anything else. */
export function parseLunarDay(stored: string): LunarDay | null {
  const m = STORED.exec(stored);
  return m ? { month: Number(m[2]), day: Number(m[3]), leap: m[1] !== undefined } : null;
}

export function storedLunarDay(d: LunarDay): string {
  return `${d.leap ? '闰' : ''}${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** '闰04-08' → 闰四月初八. */
export function lunarDayWords(stored: string): string {
  const d = parseLunarDay(stored);
  return d ? `${d.leap ? '闰' : ''}${LUNAR_MONTH_NAMES[d.month - 1]}${lunarDayName(d.day)}` : stored;
}
