// Reading a file from outside into plain grids of cell values, whatever wrote it: .xlsx (./xlsx.ts),
// .xls (./xls.ts: Excel 97-2003 / WPS), .csv (./csv.ts: UTF-8, GBK or GB18030), told by the bytes
// (./fileKind.ts). Nothing here knows what the table is about: that is the caller's.
//
// Every reader keeps the limits of shared/importLimits.ts before it allocates (issue 13): a file
// beyond one is refused with a sentence naming it (UserError 'too_large'), whatever the format.
import { UserError } from '../shared/errors';
import { IMPORT_LIMITS, sizeText, unreadableFile, type ImportLimits } from '../shared/importLimits';
import { readCsv } from './csv';
import { fileKind } from './fileKind';
import { cellsOf, fillMerges, type SourceBook, type SourceSheet } from './tables';
import { readXls } from './xls';
import { readXlsxBook, type XlsxBook } from './xlsx';

/** A reader's own errors (a damaged file) in words; a limit already has its sentence. */
export function refusal(e: unknown, otherwise: string): UserError {
  return e instanceof UserError ? e : new UserError('bad_file', otherwise);
}

export const XLSX_DAMAGED = '无法读取这个 Excel 文件：文件可能已损坏或不是 .xlsx 格式';

function readXlsx(bytes: Buffer, limits: ImportLimits): SourceBook {
  let book: XlsxBook;
  try {
    book = readXlsxBook(bytes, limits);
  } catch (e) {
    throw refusal(e, XLSX_DAMAGED);
  }
  const cells = { n: cellsOf(book.sheets) };
  const sheets = book.sheets.map(({ merges, ...sheet }): SourceSheet => {
    const mergedRows = new Set<number>();
    fillMerges(sheet.name, sheet.rows, merges, mergedRows, cells, limits);
    return { ...sheet, mergedRows };
  });
  return { format: 'xlsx', sheets, date1904: book.date1904 };
}

/** The limits (shared/importLimits.ts) are lowered only by tests. */
export async function readSource(
  bytes: Buffer,
  fileName: string,
  limits: ImportLimits = IMPORT_LIMITS,
): Promise<SourceBook> {
  return readBook(bytes, fileName, limits);
}

/** The file's kind, told by its bytes (an .xls named .xlsx is an .xls: issue 14), once its size is within the limit. */
export function sourceKind(bytes: Buffer, fileName: string, limits: ImportLimits): ReturnType<typeof fileKind> {
  if (bytes.length === 0) throw new UserError('bad_file', '文件是空的');
  if (bytes.length > limits.fileBytes)
    throw new UserError('too_large', unreadableFile(`文件超过 ${sizeText(limits.fileBytes)} 的上限`));
  return fileKind(bytes, fileName);
}

/** readSource, in one go (./stream.ts reads an .xlsx a row at a time). */
export function readBook(bytes: Buffer, fileName: string, limits: ImportLimits = IMPORT_LIMITS): SourceBook {
  const kind = sourceKind(bytes, fileName, limits);
  if (kind.kind === 'csv') return readCsv(bytes, limits);
  if (kind.kind === 'xls') return readXls(bytes, kind.cfb, limits);
  return readXlsx(bytes, limits);
}
