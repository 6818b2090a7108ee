// Turning what a roster cell holds into the value of a field, keeping the precision the source
// gave and saying what is doubtful. Each rule is tested in tests/importer-values.test.ts.
import { isValidPartialDate, parseDateInput } from '../shared/dates';
import type { CellValue } from './sources';
import { restoreNeutralised } from '../documents/formulas';

/** Full-width digits, letters and punctuation to half-width; the ideographic space to a space. */
export function halfWidth(s: string): string {
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
  const s = restoreNeutralised(halfWidth(String(v)).replace(/[\u200b-\u200d\u2060\ufeff]/g, '').trim());
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

const CATEGORY_WORDS: Record<string, { category: '离休' | '退休' | '退职'; staffType?: '干部' | '工人' }> = {
  离休: { category: '离休' },
  离休干部: { category: '离休', staffType: '干部' },
  退休: { category: '退休' },
  退休干部: { category: '退休', staffType: '干部' },
  退休工人: { category: '退休', staffType: '工人' },
  退职: { category: '退职' },
  退职工人: { category: '退职', staffType: '工人' },
};

export function categoryOf(text: string | null) {
  return text ? (CATEGORY_WORDS[text.replace(/\s/g, '')] ?? null) : null;
}

export function genderOf(text: string | null): '男' | '女' | null {
  const t = text?.replace(/\s/g, '');
  if (t === '男' || t === '男性') return '男';
  if (t === '女' || t === '女性') return '女';
  return null;
}

/** 是/否, 中共党员/群众 and the like: party membership and the 政治面貌 to record. */
export function partyOf(text: string | null): { member: boolean; political: string | null } | null {
  const t = text?.replace(/\s/g, '') ?? '';
  if (t === '' || t === '否' || t === '非党员' || t === '无') return { member: false, political: null };
  if (t === '群众') return { member: false, political: '群众' };
  if (['是', '党员', '中共党员', 'Y', '√', '共产党员'].includes(t)) return { member: true, political: '中共党员' };
  if (t === '预备党员' || t === '中共预备党员') return { member: true, political: '中共预备党员' };
  if (t === '共青团员' || t === '团员') return { member: false, political: '共青团员' };
  if (/民革|民盟|民建|民进|农工|致公|九三|台盟|民主党派/.test(t)) return { member: false, political: '民主党派' };
  return null;
}

/** A remark such as `2019年3月去世` or a status word: deceased, with the date as precise as given. */
export function deathIn(text: string | null): { date: string | null } | null {
  if (!text) return null;
  const t = text.replace(/\s/g, '');
  if (!/(去世|病故|逝世|死亡|已故|故去)/.test(t)) return null;
  const m = /(\d{4})[年.\-/](\d{1,2})(?:[月.\-/](\d{1,2})日?)?/.exec(t) ?? /(\d{4})年/.exec(t);
  if (!m) return { date: null };
  const iso = m[3] ? `${m[1]}-${p2(Number(m[2]))}-${p2(Number(m[3]))}` : m[2] ? `${m[1]}-${p2(Number(m[2]))}` : m[1];
  return { date: isValidPartialDate(iso) ? iso : null };
}

export interface CareFields {
  careAloneChildless: boolean;
  careDisability: '失能' | '半失能' | null;
  careHardship: boolean;
  careEmptyNest: boolean;
  remote: boolean;
  remoteCity: string | null;
  /** 艰苦边远地区, for the pension adjustment. */
  remoteArea: boolean;
}

/** `孤寡、半失能、异地居住（北京市）、艰苦边远地区`: the special-care flags as the export writes them. */
export function careOf(text: string | null): { fields: CareFields; unknown: string[] } {
  const fields: CareFields = { careAloneChildless: false, careDisability: null, careHardship: false, careEmptyNest: false, remote: false, remoteCity: null, remoteArea: false };
  const unknown: string[] = [];
  for (const part of (text ?? '').split(/[、,，;；\s]+/).filter(Boolean)) {
    const remote = /^异地居住(?:[（(](.+)[)）])?$/.exec(part);
    if (part === '孤寡') fields.careAloneChildless = true;
    else if (part === '失能' || part === '半失能') fields.careDisability = part;
    else if (part === '生活困难') fields.careHardship = true;
    else if (part === '空巢') fields.careEmptyNest = true;
    else if (part === '艰苦边远地区') fields.remoteArea = true;
    else if (remote) {
      fields.remote = true;
      fields.remoteCity = remote[1] ?? null;
    } else unknown.push(part);
  }
  return { fields, unknown };
}

/** The flags in one cell, the way careOf reads them back. */
export function careText(p: CareFields): string {
  return [
    p.careAloneChildless && '孤寡',
    p.careDisability,
    p.careHardship && '生活困难',
    p.careEmptyNest && '空巢',
    p.remote && (p.remoteCity ? `异地居住（${p.remoteCity}）` : '异地居住'),
    p.remoteArea && '艰苦边远地区',
  ]
    .filter(Boolean)
    .join('、');
}
