// Text that a spreadsheet would take for a formula, made inert on its way out (OWASP, CSV
// Injection: https://owasp.org/www-community/attacks/CSV_Injection). A cell that begins with
// = + - @, a tab or a carriage return runs as a formula once it is edited in Excel or saved as
// CSV and opened again (=HYPERLINK(…), +cmd|' /C calc'!A0, @SUM(…)). OWASP's advice: prefix it
// with a single quote, which Excel shows as text and never evaluates, in the cell and in any CSV
// made from it. The stored value is never changed; only what goes out.
//
// Kept apart from tableWorkbook.ts (which loads ExcelJS) so that the importer, in its child
// process, can undo the prefix on a file we exported without carrying ExcelJS.

/** The characters that start a formula, full-width forms included (an IME types those). */
const FORMULA_START = /^[=+\-@\t\r\n＝＋－＠]/;
/** A plain number (-12, +3.5, 1e3) is no formula, and stays as it was typed. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function needsNeutralising(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** Text our export quoted: one or more quotes, then formula text (`'=1`, or `''=1` for a typed `'=1`). */
function isNeutralised(text: string): boolean {
  const quotes = text.length - text.replace(/^'+/, '').length;
  return quotes > 0 && needsNeutralising(text.slice(quotes));
}

/**
 * `=HYPERLINK(…)` → `'=HYPERLINK(…)`; anything else as it is, except text that already looks
 * quoted so (`'=1` typed by someone), which gets one more, so that reading it back gives it unchanged.
 */
export function neutraliseFormula(text: string): string {
  return needsNeutralising(text) || isNeutralised(text) ? `'${text}` : text;
}

/** The inverse, for a file read back in: `'=HYPERLINK(…)` → `=HYPERLINK(…)`; anything else as it is. */
export function restoreNeutralised(text: string): string {
  return isNeutralised(text) ? text.slice(1) : text;
}
