// The order units (党支部, 行政小组, 片区, 楼栋) are listed in: as a person counts them, not as the code
// points fall. A plain sort puts 第一, 第三, 第二 (三 U+4E09 < 二 U+4E8C) and 十号楼 before 二号楼;
// `Intl.Collator('zh-CN', { numeric: true })` orders digit runs by value (2号楼 < 10号楼) and the rest
// by pinyin, so Chinese numerals are read as numbers first: 第十二组 → 第12组, 一百零五号 → 105号.

const DIGIT: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const NUMERAL_RUN = /[〇零一二两三四五六七八九十百千]+/g;

/**
 * One run of Chinese numerals as a number: with 十/百/千 as a count (十二 12, 二十 20, 一百零五 105,
 * 两千 2000), without them digit by digit as years and house numbers are written (二〇二六 2026).
 */
export function chineseNumeralValue(run: string): number {
  if (![...run].some((c) => c in UNIT)) return Number([...run].map((c) => DIGIT[c]).join(''));
  let total = 0;
  let digit: number | null = null;
  for (const c of run) {
    if (c in UNIT) {
      total += (digit ?? 1) * UNIT[c];
      digit = null;
    } else if (DIGIT[c] !== 0) digit = DIGIT[c];
  }
  return total + (digit ?? 0);
}

/** A name with its Chinese numerals (and full-width digits) as ASCII digits, for comparing only. */
export function numeralsAsDigits(name: string): string {
  return name
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(NUMERAL_RUN, (run) => String(chineseNumeralValue(run)));
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/**
 * Unit names in the order a person counts them: 第一党支部 < 第二党支部 < 第十二党支部,
 * 一号楼 < 2号楼 < 十号楼, the rest by pinyin. Names equal as numbers (第2组, 第二组) fall back to
 * the names themselves, so the order is total and stable.
 */
export function compareUnitNames(a: string, b: string): number {
  return collator.compare(numeralsAsDigits(a), numeralsAsDigits(b)) || collator.compare(a, b);
}
