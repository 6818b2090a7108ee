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
  const [by, bm = 1, bd = 1] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
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
