// The bounds every reader of a file from outside keeps (a roster, a claims ledger, the agency's
// adjustment list; .xlsx, .xls and .csv; in the app and in the CLI alike). Each is checked before
// the reader allocates for it, and a file past one is refused with a sentence saying which, so
// that a small hostile file cannot make the reader build what the format allows: 1,048,576 rows
// × 16,384 columns is the format's limit, not a budget (issue 13: a 1.9 kB file naming row
// 100,000,000 and a 1.1 MB zip inflating to 480 MB each took the app down). The README's import
// section lists them. Shared, because the contract bounds the wizard's inputs by them too.
export const IMPORT_LIMITS = {
  /** The file as chosen (the contract's base64 bound is the same file). */
  fileBytes: 100 * 1024 * 1024,
  /** Rows of one sheet: a value on a row numbered beyond this refuses the file. */
  rows: 200_000,
  /** Columns: a value in a column beyond this (SF) refuses the file. */
  columns: 500,
  /** Cells of the whole workbook: every row as far as its last value, merged ranges filled in. */
  cells: 5_000_000,
  /** Sheets of one workbook. */
  sheets: 100,
  /** Merged ranges of one sheet. */
  merges: 100_000,
  /** All the parts of an .xlsx package that are read, once inflated. */
  inflatedBytes: 200 * 1024 * 1024,
  /** Characters of one cell: Excel's own limit (a CSV field longer than this is no cell). */
  cellChars: 32_767,
  /** The reading process's heap: past it that process dies alone, and the app says so. */
  heapMb: 640,
  /** Reading one file (opening it in the wizard, an adjustment list, a ledger). */
  readSeconds: 120,
} as const;

export type ImportLimits = { -readonly [K in keyof typeof IMPORT_LIMITS]: number };

/** How a refused file is described to the user, whatever the reason. */
export function unreadableFile(reason: string): string {
  return `这个文件无法读取（${reason}），数据未作改动`;
}

/** 200 MB, or 600 字节 for a limit below a megabyte (tests lower the limits). */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${grouped(Math.round(bytes / 1024 / 1024))} MB` : `${grouped(bytes)} 字节`;
}

/** 200000 → 200,000, as the messages write large numbers. */
export function grouped(n: number): string {
  return n.toLocaleString('en-US');
}
