// Reading an .xls (Excel 97-2003 / WPS, BIFF8 and BIFF5) with SheetJS CE from the @e965/xlsx
// republication, since ExcelJS cannot read BIFF8 and the `xlsx` package on npm is stuck at 0.18.5
// with known advisories. The records are checked against the limits before SheetJS builds them.
import * as XLSX from '@e965/xlsx';
import { UserError } from '../shared/errors';
import { grouped, type ImportLimits } from '../shared/importLimits';
import type { CellValue } from './cells';
import { passwordProtected } from './fileKind';
import { fillMerges, type SourceBook, type SourceSheet } from './tables';
import { beyondLimit, isDateSerial, lineBreaks } from './xlsx';

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
  const tooWide = (col: number) =>
    col >= limits.columns &&
    beyondLimit(`有内容在第 ${grouped(col + 1)} 列，超过了 ${grouped(limits.columns)} 列的上限`);
  for (let at = 0; at + 4 <= b.length;) {
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
      if (rowsEnd > limits.rows)
        throw beyondLimit(`文件声明有 ${grouped(rowsEnd)} 行，超过了 ${grouped(limits.rows)} 行的上限`);
      if (colsEnd > limits.columns)
        throw beyondLimit(`文件声明有 ${grouped(colsEnd)} 列，超过了 ${grouped(limits.columns)} 列的上限`);
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
  if (
    cell.t === 'n' &&
    typeof cell.v === 'number' &&
    cell.z &&
    XLSX.SSF.is_date(String(cell.z)) &&
    isDateSerial(cell.v, date1904)
  ) {
    const d = XLSX.SSF.parse_date_code(cell.v, { date1904 });
    if (d) return new Date(Date.UTC(d.y, d.m - 1, d.d));
  }
  if (cell.t === 'e') return `#ERROR ${cell.w ?? ''}`;
  if (typeof cell.v === 'string') return lineBreaks(cell.v);
  return cell.v as CellValue;
}

/** `cfb` is the file's OLE container, parsed when its kind was told (./fileKind.ts). */
export function readXls(bytes: Buffer, cfb: unknown, limits: ImportLimits): SourceBook {
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
        if (c >= limits.columns)
          throw beyondLimit(
            `工作表“${name.slice(0, 40)}”第 ${grouped(r + 1)} 行超过了 ${grouped(limits.columns)} 列的上限`,
          );
        if (typeof v === 'string' && v.length > limits.cellChars) {
          throw beyondLimit(
            `工作表“${name.slice(0, 40)}”第 ${grouped(r + 1)} 行有一个单元格超过 ${grouped(limits.cellChars)} 个字符，超过了 Excel 单元格的上限`,
          );
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
    if (merges.length > limits.merges)
      throw beyondLimit(`工作表“${name.slice(0, 40)}”的合并单元格超过 ${grouped(limits.merges)} 处的上限`);
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
