// Chinese resident ID numbers, GB 11643-1999.
// 18 digits: 6 area code, 8 birth date (YYYYMMDD), 3 sequence (odd = male, even = female),
// 1 check character computed with ISO 7064 MOD 11-2. The older 15-digit form has a 6-digit
// birth date (19YYMMDD implied) and no check character; GB 11643 upgrades it by inserting "19"
// and appending the check character.
// This module is pure (no Node, no DOM) so the renderer can check a number while it is typed.

import { isValidIsoDate } from './dates';

export type Gender = '男' | '女';

export interface IdNumberInfo {
  /** The number as normalised: half-width, no spaces, upper-case X, upgraded to 18 digits. */
  normalized: string;
  /** True when the input was a 15-digit number upgraded to 18. */
  from15: boolean;
  birthDate: string;
  gender: Gender;
}

export type IdNumberCheck =
  | ({ ok: true } & IdNumberInfo)
  | { ok: false; code: 'format'; message: string }
  | { ok: false; code: 'area' | 'date'; message: string }
  // A wrong check digit: the rest is well formed, so birth date and gender can still be read.
  | ({ ok: false; code: 'checkDigit'; message: string; expected: string } & IdNumberInfo);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// Province-level codes of GB/T 2260, plus 83 (Taiwan residents' permits) and 91 (foreign permanent residents).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83, 91,
]);

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Full-width digits and letters to half-width, spaces removed, x upper-cased. */
export function normalizeIdInput(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

export function checkIdNumber(input: string): IdNumberCheck {
  const raw = normalizeIdInput(input);
  let id18: string;
  let from15 = false;
  if (/^\d{15}$/.test(raw)) {
    const first17 = raw.slice(0, 6) + '19' + raw.slice(6);
    id18 = first17 + checkCharacter(first17);
    from15 = true;
  } else if (/^\d{17}[\dX]$/.test(raw)) {
    id18 = raw;
  } else {
    return {
      ok: false,
      code: 'format',
      message: `身份证号应为 18 位（末位可为 X）或 15 位数字，现为 ${raw.length} 位`,
    };
  }
  if (!PROVINCES.has(Number(id18.slice(0, 2)))) {
    return { ok: false, code: 'area', message: `身份证号前两位 ${id18.slice(0, 2)} 不是有效的省级行政区划代码` };
  }
  const birthDate = `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`;
  if (!isValidIsoDate(birthDate) || Number(id18.slice(6, 10)) < 1870) {
    return { ok: false, code: 'date', message: `身份证号中的出生日期 ${id18.slice(6, 14)} 不是有效日期` };
  }
  const gender: Gender = Number(id18[16]) % 2 === 1 ? '男' : '女';
  const info = { normalized: id18, from15, birthDate, gender };
  const expected = checkCharacter(id18.slice(0, 17));
  if (!from15 && id18[17] !== expected) {
    return {
      ok: false,
      code: 'checkDigit',
      message: `身份证号校验位不符：末位应为 ${expected}，现为 ${id18[17]}`,
      expected,
      ...info,
    };
  }
  return { ok: true, ...info };
}

/**
 * Warnings where what was typed disagrees with what the ID number says. A partial birth date
 * (`1952-10`) agrees when it is a prefix of the ID number's date.
 */
export function crossCheckId(
  info: Pick<IdNumberInfo, 'birthDate' | 'gender'>,
  typed: { birthDate?: string | null; gender?: string | null },
): string[] {
  const warnings: string[] = [];
  if (typed.birthDate && !info.birthDate.startsWith(typed.birthDate)) {
    warnings.push(`出生日期 ${typed.birthDate} 与身份证号中的 ${info.birthDate} 不一致`);
  }
  if (typed.gender && typed.gender !== info.gender) {
    warnings.push(`性别“${typed.gender}”与身份证号所示“${info.gender}”不一致`);
  }
  return warnings;
}
