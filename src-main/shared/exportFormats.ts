// How an export template (issue 19 item 6) writes ID numbers and dates for its recipient. A small
// set, the formats recipients actually ask for:
// - ID numbers: 完整18位 as the file holds it (15-digit numbers were upgraded to 18 when they were
//   saved: shared/idNumber), or 仅后六位 (a sign-for list where the last six confirm the person).
//   Either way a masked export stays masked (shared/mask.ts): the format shapes a full export only.
// - dates: 2026-12-31 (the office's own, a date cell in Excel), 2026年12月31日, 2026.12.31, 2026.12
//   (month only) and 20261231 (the social-insurance systems' compact form). A date the file holds
//   only to the month or year (1952-10) keeps its precision in every format: nothing is invented.

export const ID_FORMATS = {
  full: '完整18位（按档案原样）',
  last6: '仅后六位',
} as const;
export type IdFormat = keyof typeof ID_FORMATS;
export const ID_FORMAT_KEYS = Object.keys(ID_FORMATS) as [IdFormat, ...IdFormat[]];

/** Each date format: its words, and what 31 December 2026 looks like in it. */
export const DATE_FORMATS = {
  iso: { words: '横线分隔（年-月-日）', example: '2026-12-31' },
  chinese: { words: '中文年月日', example: '2026年12月31日' },
  dots: { words: '圆点分隔（年.月.日）', example: '2026.12.31' },
  month: { words: '只到月（年.月）', example: '2026.12' },
  compact: { words: '八位数字（年月日）', example: '20261231' },
} as const;
export type DateFormat = keyof typeof DATE_FORMATS;
export const DATE_FORMAT_KEYS = Object.keys(DATE_FORMATS) as [DateFormat, ...DateFormat[]];

const ISO_PARTS = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/;

/**
 * A date of the file (`1952-10-05`, `1952-10`, `1952`) written in `format`. Anything else (text
 * a file held before dates were checked) is written as it is, not dropped.
 */
export function formatDateAs(value: string | null | undefined, format: DateFormat): string | null {
  if (value === null || value === undefined || value === '') return null;
  const m = ISO_PARTS.exec(value);
  if (!m) return value;
  const [, y, mo, d] = m;
  switch (format) {
    case 'iso':
      return value;
    case 'chinese':
      return `${y}年${mo ? `${Number(mo)}月` : ''}${d ? `${Number(d)}日` : ''}`;
    case 'dots':
      return [y, mo, d].filter(Boolean).join('.');
    case 'month':
      return [y, mo].filter(Boolean).join('.');
    case 'compact':
      return [y, mo, d].filter(Boolean).join('');
  }
}

/** An ID number as the format writes it (in a full export; a masked one is masked first). */
export function formatIdAs(value: string | null | undefined, format: IdFormat): string | null {
  if (value === null || value === undefined || value === '') return null;
  return format === 'last6' ? value.slice(-6) : value;
}
