// Dates are ISO text. A source that gives only a year, or a year and month, is stored as such
// (`1952`, `1952-10`): the precision the source had is kept, never invented (DESIGN: data safety).

export const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function isValidPartialDate(s: string): boolean {
  if (!PARTIAL_DATE.test(s)) return false;
  return s.length < 10 || isValidIsoDate(s);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's date in local time as `YYYY-MM-DD`. */
/** 31 December of last year: the date the yearly tables are made for. */
export function lastYearEnd(today: string = todayIso()): string {
  return `${Number(today.slice(0, 4)) - 1}-12-31`;
}

export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/**
 * Age in full years on `on`. With only a birth year and month, the age counts from the first of
 * the month; with only a year, from 1 January. Null without a birth date.
 */
export function ageOn(birthDate: string | null | undefined, on: string): number | null {
  if (!birthDate || !PARTIAL_DATE.test(birthDate)) return null;
  // PARTIAL_DATE: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
  const by = Number(birthDate.slice(0, 4));
  const bm = birthDate.length > 4 ? Number(birthDate.slice(5, 7)) : 1;
  const bd = birthDate.length > 7 ? Number(birthDate.slice(8, 10)) : 1;
  const [y, m, d] = on.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** The first and the last day a date of this precision can stand for: `2000-06` → 2000-06-01 … 2000-06-30. */
function dateSpan(date: string): [string, string] {
  const [y, m, d] = date.split('-');
  if (d) return [date, date];
  if (m) return [`${y}-${m}-01`, `${y}-${m}-${String(daysInMonth(Number(y), Number(m))).padStart(2, '0')}`];
  return [`${y}-01-01`, `${y}-12-31`];
}

/**
 * The ages in full years a person born on `birthDate` can have had on `on`, where either date may be
 * partial (`1939`, `1939-06`): the youngest from the latest birth to the earliest day, the oldest
 * from the earliest birth to the latest day. Equal when the dates decide it; otherwise one apart
 * (a partial date spans at most a year). Null without both dates, or when `on` is before the birth.
 */
export function ageRange(
  birthDate: string | null | undefined,
  on: string | null | undefined,
): { min: number; max: number } | null {
  if (!birthDate || !on || !isValidPartialDate(birthDate) || !isValidPartialDate(on)) return null;
  const [bornFirst, bornLast] = dateSpan(birthDate);
  const [onFirst, onLast] = dateSpan(on);
  const max = ageOn(bornFirst, onLast)!;
  if (max < 0) return null;
  return { min: Math.max(0, ageOn(bornLast, onFirst)!), max };
}

/** An age as shown: in full years, `approximate` where partial dates leave two possible (then the older). */
export interface PersonAge {
  years: number;
  approximate: boolean;
  /** The age at death (享年), for the deceased. */
  atDeath: boolean;
}

/**
 * The age shown for a person anywhere (file, lists, letters): today's, or for the deceased their age
 * at death, from the dates as far as they go. A month-only death date (`2000-06`) is still the date
 * of death: where the unknown day decides between two ages, the age is `approximate` (约61岁). The
 * deceased without a date of death have no age to show (null), never today's.
 */
export function personAge(
  p: { birthDate?: string | null; status?: string | null; statusDate?: string | null },
  today: string = todayIso(),
): PersonAge | null {
  const atDeath = p.status === '已故';
  if (atDeath && !p.statusDate) return null;
  const range = ageRange(p.birthDate, atDeath ? p.statusDate : today);
  return range && { years: range.max, approximate: range.min !== range.max, atDeath };
}

/**
 * `61岁`, `约61岁`, `享年61岁`, `享年约61岁`; with `short`, the number alone (`61`, `约61`) for a table
 * column headed 年龄 or a letter's {年龄}. Empty for no age.
 */
export function formatAge(age: PersonAge | null, style: 'full' | 'short' = 'full'): string {
  if (!age) return '';
  const n = `${age.approximate ? '约' : ''}${age.years}`;
  return style === 'short' ? n : `${age.atDeath ? '享年' : ''}${n}岁`;
}

/**
 * The latest birth date at which a person is at least `years` old on `on`, for `birth_date <= ?`
 * filters; it agrees with `ageOn`. A Feb 29 birthday counts from Mar 1 in common years.
 */
export function bornOnOrBefore(years: number, on: string): string {
  const [y, m, d] = on.split('-').map(Number);
  const ty = y - years;
  const day = Math.min(d, daysInMonth(ty, m));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${ty}-${p(m)}-${p(day)}`;
}

/** `1952-10-05` → `1952年10月5日`, `1952-10` → `1952年10月`, `1952` → `1952年`. */
export function formatChineseDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  let out = `${y}年`;
  if (m) out += `${Number(m)}月`;
  if (d) out += `${Number(d)}日`;
  return out;
}

/**
 * What staff type into a date field, as ISO text keeping its precision: `1952-10-05`,
 * `1952.10.5`, `1952/10/05`, `1952年10月5日`, `19521005`, `1952-10`, `1952年10月`, `1952`.
 * Null when it is not a valid date, so the form can say so instead of guessing.
 */
export function parseDateInput(input: string): string | null {
  const s = input
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/日$/, '');
  const p = (n: string) => n.padStart(2, '0');
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isValidIsoDate(`${m[1]}-${m[2]}-${m[3]}`) ? `${m[1]}-${m[2]}-${m[3]}` : null;
  m = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*(?:[-./月]\s*(\d{1,2})?)?\s*$/.exec(s);
  if (m) {
    const iso = m[3] ? `${m[1]}-${p(m[2])}-${p(m[3])}` : `${m[1]}-${p(m[2])}`;
    return isValidPartialDate(iso) ? iso : null;
  }
  m = /^(\d{4})年?$/.exec(s);
  return m ? m[1] : null;
}
