// Reading a roster file into plain grids of cell values, whatever wrote it: .xlsx (./xlsx.ts),
// .xls (Excel 97-2003 / WPS, BIFF8: SheetJS CE from the @e965/xlsx republication, since ExcelJS
// cannot read BIFF8 and the `xlsx` package on npm is stuck at 0.18.5 with known advisories),
// .csv in UTF-8 (with or without BOM), GBK or GB18030, detected, not asked.
//
// Every reader keeps the limits of shared/importLimits.ts before it allocates (issue 13): a file
// beyond one is refused with a sentence naming it (UserError 'too_large'), whatever the format.
import * as XLSX from '@e965/xlsx';
import { UserError } from '../shared/errors';
import { grouped, IMPORT_LIMITS, sizeText, unreadableFile, type ImportLimits } from '../shared/importLimits';
import type { CellValue } from './cells';
import { fileKind, passwordProtected } from './fileKind';
import { beyondLimit, isDateSerial, lineBreaks, readXlsxBook, type XlsxBook } from './xlsx';

export interface SourceSheet {
  name: string;
  hidden: boolean;
  /** rows[r][c], 0-based; merged ranges are filled with their first cell's value. */
  rows: CellValue[][];
  hiddenRows: Set<number>;
  /** Rows of horizontal merges (title rows), so a merged title is not mistaken for data. */
  mergedRows: Set<number>;
}

export interface SourceBook {
  format: 'xlsx' | 'xls' | 'csv';
  sheets: SourceSheet[];
  /** Serials in 1904-based workbooks count from 1904-01-01. */
  date1904: boolean;
}

type Merge = { r0: number; c0: number; r1: number; c1: number };

/** Cells a set of sheets holds: each row one, plus its cells up to its last value. */
function cellsOf(sheets: { rows: CellValue[][] }[]): number {
  let n = 0;
  for (const sheet of sheets) for (const row of sheet.rows) n += 1 + row.length;
  return n;
}

/**
 * Fills each merged range with its first cell's value. A range is cut to the sheet's real extent
 * (its rows, and the columns of its widest row): past that it would only copy the value into
 * cells that hold nothing, which is how a merge of A2:XFD1048576 made the reader build every cell
 * of the sheet. What is filled counts against the workbook's cells. `cells` is the count so far.
 */
function fillMerges(sheetName: string, rows: CellValue[][], merges: Merge[], mergedRows: Set<number>, cells: { n: number }, limits: ImportLimits) {
  const height = rows.length;
  let width = 0;
  for (const row of rows) width = Math.max(width, row.length);
  const cut = merges.flatMap((m) => (m.r0 < height && m.c0 < width ? [{ ...m, r1: Math.min(m.r1, height - 1), c1: Math.min(m.c1, width - 1), across: m.c1 > m.c0 }] : []));
  for (const m of cut) cells.n += (m.r1 - m.r0 + 1) * (m.c1 - m.c0 + 1);
  if (cells.n > limits.cells) throw beyondLimit(`工作表“${sheetName.slice(0, 40)}”的合并单元格填满后，单元格总数超过 ${grouped(limits.cells)} 个的上限`);
  for (const m of cut) {
    const v = rows[m.r0]?.[m.c0] ?? null;
    for (let r = m.r0; r <= m.r1; r++) {
      if (m.across) mergedRows.add(r);
      for (let c = m.c0; c <= m.c1; c++) rows[r][c] = v;
    }
  }
}

/** A reader's own errors (a damaged file) in words; a limit already has its sentence. */
function refusal(e: unknown, otherwise: string): UserError {
  return e instanceof UserError ? e : new UserError('bad_file', otherwise);
}

function readXlsx(bytes: Buffer, limits: ImportLimits): SourceBook {
  let book: XlsxBook;
  try {
    book = readXlsxBook(bytes, limits);
  } catch (e) {
    throw refusal(e, '无法读取这个 Excel 文件：文件可能已损坏或不是 .xlsx 格式');
  }
  const cells = { n: cellsOf(book.sheets) };
  const sheets = book.sheets.map(({ merges, ...sheet }): SourceSheet => {
    const mergedRows = new Set<number>();
    fillMerges(sheet.name, sheet.rows, merges, mergedRows, cells, limits);
    return { ...sheet, mergedRows };
  });
  return { format: 'xlsx', sheets, date1904: book.date1904 };
}

// BIFF record types (MS-XLS 2.3) that the check before SheetJS reads.
const BOF = 0x0809;
const EOF = 0x000a;
const DIMENSIONS = 0x0200;
const MERGECELLS = 0x00e5;
const MULRK = 0x00bd;
/** FILEPASS: the workbook is encrypted from here on (MS-XLS 2.4.117). */
const FILEPASS = 0x002f;
/** FORMULA, RSTRING, LABELSST, NUMBER, LABEL, BOOLERR, RK: one cell each, row and column first. */
const CELL_RECORDS = new Set([0x0006, 0x00d6, 0x00fd, 0x0203, 0x0204, 0x0205, 0x027e]);

/**
 * Reads the records of an .xls workbook stream before SheetJS does, without building anything:
 * a declared sheet extent (DIMENSIONS), a value or a merged range beyond the limits, or more
 * values or merged ranges than the limits, refuse the file before SheetJS makes an object for
 * each. (BIFF8 itself stops at 65,536 rows × 256 columns; a file that says more is forged.)
 */
export function checkBiffStream(stream: Uint8Array, limits: ImportLimits): void {
  const b = Buffer.from(stream.buffer, stream.byteOffset, stream.byteLength);
  let depth = 0;
  let cells = 0;
  let merges = 0;
  const tooWide = (col: number) => col >= limits.columns && beyondLimit(`有内容在第 ${grouped(col + 1)} 列，超过了 ${grouped(limits.columns)} 列的上限`);
  for (let at = 0; at + 4 <= b.length; ) {
    const type = b.readUInt16LE(at);
    const size = b.readUInt16LE(at + 2);
    const body = at + 4;
    at = body + size;
    if (at > b.length) break;
    if (type === BOF) depth++;
    else if (type === EOF) depth = Math.max(0, depth - 1);
    else if (depth === 0) continue;
    else if (type === FILEPASS) throw passwordProtected();
    else if (type === DIMENSIONS && size >= 10) {
      // BIFF8 counts rows in 32 bits (14 bytes), BIFF5 in 16 (10 bytes); both give last + 1.
      const wide = size >= 14;
      const rowsEnd = wide ? b.readUInt32LE(body + 4) : b.readUInt16LE(body + 2);
      const colsEnd = b.readUInt16LE(body + (wide ? 10 : 6));
      if (rowsEnd > limits.rows) throw beyondLimit(`文件声明有 ${grouped(rowsEnd)} 行，超过了 ${grouped(limits.rows)} 行的上限`);
      if (colsEnd > limits.columns) throw beyondLimit(`文件声明有 ${grouped(colsEnd)} 列，超过了 ${grouped(limits.columns)} 列的上限`);
    } else if (CELL_RECORDS.has(type) && size >= 4) {
      const err = tooWide(b.readUInt16LE(body + 2));
      if (err) throw err;
      cells++;
    } else if (type === MULRK && size >= 6) {
      const first = b.readUInt16LE(body + 2);
      const last = b.readUInt16LE(body + size - 2);
      const err = tooWide(last);
      if (err) throw err;
      cells += Math.max(0, last - first + 1);
    } else if (type === MERGECELLS && size >= 2) {
      const count = b.readUInt16LE(body);
      for (let i = 0; i < count && body + 2 + i * 8 + 8 <= at; i++) {
        const err = tooWide(b.readUInt16LE(body + 2 + i * 8 + 6));
        if (err) throw err;
      }
      merges += count;
      if (merges > limits.merges) throw beyondLimit(`合并单元格超过 ${grouped(limits.merges)} 处的上限`);
    }
    if (cells > limits.cells) throw beyondLimit(`单元格总数超过 ${grouped(limits.cells)} 个的上限`);
  }
}

/**
 * An .xls cell's value. A number in a date format is a date only where it is a day Excel can
 * show: a negative number, or an ID number typed into a date column, stays the number it is
 * (SheetJS gives no date for it: reading one crashed with "Cannot read properties of null").
 */
function xlsCell(cell: XLSX.CellObject | undefined, date1904: boolean): CellValue {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  if (cell.t === 'n' && typeof cell.v === 'number' && cell.z && XLSX.SSF.is_date(String(cell.z)) && isDateSerial(cell.v, date1904)) {
    const d = XLSX.SSF.parse_date_code(cell.v, { date1904 });
    if (d) return new Date(Date.UTC(d.y, d.m - 1, d.d));
  }
  if (cell.t === 'e') return `#ERROR ${cell.w ?? ''}`;
  if (typeof cell.v === 'string') return lineBreaks(cell.v);
  return cell.v as CellValue;
}

/** `cfb` is the file's OLE container, parsed when its kind was told (./fileKind.ts). */
function readXls(bytes: Buffer, cfb: unknown, limits: ImportLimits): SourceBook {
  let wb: XLSX.WorkBook;
  try {
    const stream = XLSX.CFB.find(cfb, '/Workbook') ?? XLSX.CFB.find(cfb, '/Book');
    if (stream?.content) checkBiffStream(stream.content as Uint8Array, limits);
    // Dense sheets: rows of the cells there are, not an object keyed by every address.
    wb = XLSX.read(bytes, { type: 'buffer', cellNF: true, cellDates: false, dense: true, sheetRows: limits.rows });
  } catch (e) {
    if (e instanceof UserError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(msg)) throw passwordProtected();
    throw new UserError('bad_file', '无法读取这个 .xls 文件：文件可能已损坏或不是 Excel 97-2003 格式');
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  if (wb.SheetNames.length > limits.sheets) throw beyondLimit(`工作表超过 ${grouped(limits.sheets)} 张的上限`);
  const cells = { n: 0 };
  const sheets = wb.SheetNames.map((name, i): SourceSheet => {
    const ws = wb.Sheets[name];
    const data = (ws['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
    // Only the cells there are, each row as far as its last value. The declared range (`!ref`,
    // the file's DIMENSIONS) is not walked: a sheet formatted to its last row declares 65,536
    // rows, and building each of them made a 41 kB file take 12.9 s and 946 MB (issue 14).
    const rows: CellValue[][] = [];
    for (let r = 0; r < data.length; r++) {
      const source = data[r] ?? [];
      const row: CellValue[] = [];
      for (let c = 0; c < source.length; c++) {
        const v = xlsCell(source[c], date1904);
        if (v === null) continue;
        if (c >= limits.columns) throw beyondLimit(`工作表“${name.slice(0, 40)}”第 ${grouped(r + 1)} 行超过了 ${grouped(limits.columns)} 列的上限`);
        if (typeof v === 'string' && v.length > limits.cellChars) {
          throw beyondLimit(`工作表“${name.slice(0, 40)}”第 ${grouped(r + 1)} 行有一个单元格超过 ${grouped(limits.cellChars)} 个字符，超过了 Excel 单元格的上限`);
        }
        row[c] = v;
      }
      rows[r] = Array.from(row, (v) => v ?? null);
      cells.n += 1 + rows[r].length;
      if (cells.n > limits.cells) throw beyondLimit(`单元格总数超过 ${grouped(limits.cells)} 个的上限`);
    }
    // The rows that hold nothing after the last one that does are no rows.
    while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
    const hiddenRows = new Set<number>();
    (ws['!rows'] ?? []).forEach((info, r) => info?.hidden && r < rows.length && hiddenRows.add(r));
    const mergedRows = new Set<number>();
    const merges = ws['!merges'] ?? [];
    if (merges.length > limits.merges) throw beyondLimit(`工作表“${name.slice(0, 40)}”的合并单元格超过 ${grouped(limits.merges)} 处的上限`);
    fillMerges(
      name,
      rows,
      merges.map((m) => ({ r0: m.s.r, c0: m.s.c, r1: m.e.r, c1: m.e.c })),
      mergedRows,
      cells,
      limits,
    );
    const hidden = Boolean(wb.Workbook?.Sheets?.[i]?.Hidden);
    return { name, hidden, rows, hiddenRows, mergedRows };
  });
  return { format: 'xls', sheets, date1904 };
}

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), else GB18030, the superset of GBK. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF.
 * Bounded as a sheet is: a field longer than a cell may be, a line with more fields than the
 * columns, more lines than the rows or more fields than the cells refuse the text as soon as
 * they are met (issue 13: 50 MB of commas made one row of 50 million fields).
 */
export function parseCsv(text: string, limits: ImportLimits = IMPORT_LIMITS): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let cells = 0;
  const line = () => `第 ${grouped(rows.length + 1)} 行`;
  const endField = () => {
    if (row.length >= limits.columns) throw beyondLimit(`${line()}超过了 ${grouped(limits.columns)} 列的上限`);
    row.push(field);
    field = '';
  };
  const endRow = () => {
    if (rows.length >= limits.rows) throw beyondLimit(`超过了 ${grouped(limits.rows)} 行的上限`);
    cells += 1 + row.length;
    if (cells > limits.cells) throw beyondLimit(`单元格总数超过 ${grouped(limits.cells)} 个的上限`);
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endField();
      endRow();
    } else field += ch;
    if (field.length > limits.cellChars) throw beyondLimit(`${line()}有一项超过 ${grouped(limits.cellChars)} 个字符，超过了 Excel 单元格的上限`);
  }
  if (field !== '' || row.length > 0) {
    endField();
    endRow();
  }
  return rows;
}

/**
 * A CSV's shape checked on its bytes, before they are decoded into text (50 MB of commas would be
 * a string of 50 million characters first): in UTF-8 and in GB18030 alike the comma, the quote and
 * the line ends are bytes that never occur inside another character (GBK's second bytes are 0x40
 * and above; GB18030's four-byte characters have digits as their second and fourth), so lines and
 * fields count exactly as parseCsv counts them. A field is held to the cell limit at 4 bytes a
 * character, the most either encoding takes; parseCsv holds it to the characters after.
 */
export function checkCsvBytes(b: Uint8Array, limits: ImportLimits = IMPORT_LIMITS): void {
  const QUOTE = 0x22;
  const COMMA = 0x2c;
  const LF = 0x0a;
  const CR = 0x0d;
  let rows = 0;
  let cells = 0;
  let fields = 1;
  let fieldBytes = 0;
  let quoted = false;
  const endRow = () => {
    if (rows >= limits.rows) throw beyondLimit(`超过了 ${grouped(limits.rows)} 行的上限`);
    cells += 1 + fields;
    if (cells > limits.cells) throw beyondLimit(`单元格总数超过 ${grouped(limits.cells)} 个的上限`);
    rows++;
    fields = 1;
    fieldBytes = 0;
  };
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 0) throw new UserError('bad_file', '这个文件不是文本格式的 CSV 文件');
    if (quoted) {
      if (c === QUOTE && b[i + 1] === QUOTE) {
        fieldBytes++;
        i++;
      } else if (c === QUOTE) quoted = false;
      else fieldBytes++;
    } else if (c === QUOTE && fieldBytes === 0) quoted = true;
    else if (c === COMMA) {
      if (fields >= limits.columns) throw beyondLimit(`第 ${grouped(rows + 1)} 行超过了 ${grouped(limits.columns)} 列的上限`);
      fields++;
      fieldBytes = 0;
    } else if (c === LF || c === CR) {
      if (c === CR && b[i + 1] === LF) i++;
      endRow();
    } else fieldBytes++;
    if (fieldBytes > limits.cellChars * 4) throw beyondLimit(`第 ${grouped(rows + 1)} 行有一项超过 ${grouped(limits.cellChars)} 个字符，超过了 Excel 单元格的上限`);
  }
}

function readCsv(bytes: Buffer, limits: ImportLimits): SourceBook {
  checkCsvBytes(bytes, limits);
  const text = decodeText(bytes);
  if (text.includes('\u0000')) throw new UserError('bad_file', '这个文件不是文本格式的 CSV 文件');
  const rows = parseCsv(text, limits).map((r) => r.map((v) => (v.trim() === '' ? null : lineBreaks(v))));
  return { format: 'csv', date1904: false, sheets: [{ name: 'CSV', hidden: false, rows, hiddenRows: new Set(), mergedRows: new Set() }] };
}

/** The limits (shared/importLimits.ts) are lowered only by tests. */
export async function readSource(bytes: Buffer, fileName: string, limits: ImportLimits = IMPORT_LIMITS): Promise<SourceBook> {
  if (bytes.length === 0) throw new UserError('bad_file', '文件是空的');
  if (bytes.length > limits.fileBytes) throw new UserError('too_large', unreadableFile(`文件超过 ${sizeText(limits.fileBytes)} 的上限`));
  // By the bytes, not the name: an .xls named .xlsx is an .xls (issue 14).
  const kind = fileKind(bytes, fileName);
  if (kind.kind === 'csv') return readCsv(bytes, limits);
  if (kind.kind === 'xls') return readXls(bytes, kind.cfb, limits);
  return readXlsx(bytes, limits);
}
