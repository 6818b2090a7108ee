// What a cell holds, as text, a date or an identifier, keeping the precision the source gave and
// saying what is doubtful; nothing here knows what the table is about (the roster's words are
// importer/values.ts). Each rule is tested in tests/importer-values.test.ts.
import { isValidPartialDate, parseDateInput } from '../shared/dates';
import { restoreNeutralised } from '../documents/formulas';

/** A cell as the file holds it: text, a number, a real date (UTC midnight), a boolean, or nothing. */
export type CellValue = string | number | boolean | Date | null;

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

/** Full-width digits, letters and punctuation to half-width; the ideographic space to a space. */
export function halfWidth(s: string): string {
  if (!FULL_WIDTH.test(s)) return s;
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const p2 = (n: number) => String(n).padStart(2, '0');

function isoOfUtc(d: Date): string {
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
}

/**
 * A cell as text: trimmed, half-width; a date cell as ISO; null when empty. The quote our own
 * exports put before formula-like text (documents/formulas.ts) is taken off again, so an exported
 * roster imports back unchanged.
 */
export function cellText(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return isoOfUtc(v);
  // Zero-width spaces and joiners come with names pasted from web pages: invisible, never meant.
  const s = restoreNeutralised(
    halfWidth(String(v))
      .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
      .trim(),
  );
  return s === '' ? null : s;
}

/** An Excel serial day number as ISO (1900 system, with its phantom 1900-02-29; or 1904). */
export function excelSerialToIso(serial: number, date1904: boolean): string {
  const days = Math.floor(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const adjusted = !date1904 && days < 61 ? days + 1 : days;
  return isoOfUtc(new Date(epoch + adjusted * 86400000));
}

export interface ParsedDate {
  /** ISO text, partial where the source was (`1952-10`); null when it cannot be read. */
  value: string | null;
  /** `1952.1` typed as a number: January, or October with its trailing zero lost. */
  ambiguousMonths?: [string, string];
  problem?: string;
}

/**
 * Dates from real date cells, Excel serials, 8-digit numbers (19521005), year.month numbers
 * (1952.05, and the ambiguous 1952.1), and every text spelling parseDateInput knows.
 */
export function parseDateCell(v: CellValue, date1904: boolean): ParsedDate {
  if (v === null || v === undefined || v === '') return { value: null };
  if (v instanceof Date) return { value: isoOfUtc(v) };
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 18000101 && v <= 21001231) {
      const s = String(v);
      const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
      return isValidPartialDate(iso) ? { value: iso } : { value: null, problem: `无法识别的日期：${v}` };
    }
    if (Number.isInteger(v) && v >= 1800 && v <= 2100) return { value: String(v) };
    if (!Number.isInteger(v) && v > 1800 && v < 2100) {
      const [year, frac] = String(v).split('.');
      if (frac === '1') return { value: null, ambiguousMonths: [`${year}-01`, `${year}-10`] };
      const month = Number(frac);
      if (month >= 1 && month <= 12) return { value: `${year}-${p2(month)}` };
      return { value: null, problem: `无法识别的日期：${v}` };
    }
    if (v > 0 && v < 80000) return { value: excelSerialToIso(v, date1904) };
    // A negative number, or an ID number typed into a date column: not a day Excel has (issue 14).
    const shown = Math.abs(v) >= 1e15 ? v.toExponential(14).toUpperCase() : String(v);
    return { value: null, problem: `无法识别的日期：${shown}（不是日期，请核对原件）` };
  }
  const text = cellText(v);
  if (text === null) return { value: null };
  const iso = parseDateInput(text.replace(/\s/g, ''));
  return iso ? { value: iso } : { value: null, problem: `无法识别的日期：${text}` };
}

export type IdCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  /** Excel turned an 18-digit number into a float: the last digits are gone. */
  | { kind: 'lost'; shown: string };

export function idCell(v: CellValue): IdCell {
  if (v === null || v === undefined || v === '') return { kind: 'empty' };
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1e14 && v < 1e15) return { kind: 'text', text: String(v) };
    if (v >= 1e16) return { kind: 'lost', shown: v.toExponential(14).toUpperCase() };
    return { kind: 'text', text: String(v) };
  }
  const text = cellText(v) ?? '';
  if (/^\d(\.\d+)?E\+?\d+$/i.test(text.replace(/\s/g, ''))) return { kind: 'lost', shown: text };
  return text === '' ? { kind: 'empty' } : { kind: 'text', text };
}
