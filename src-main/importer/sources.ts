// Reading a roster file into plain grids of cell values, whatever wrote it: .xlsx (./xlsx.ts),
// .xls (Excel 97-2003 / WPS, BIFF8: SheetJS CE from the @e965/xlsx republication, since ExcelJS
// cannot read BIFF8 and the `xlsx` package on npm is stuck at 0.18.5 with known advisories),
// .csv in UTF-8 (with or without BOM), GBK or GB18030, detected, not asked.
import * as XLSX from '@e965/xlsx';
import { UserError } from '../shared/errors';
import { readXlsxBook, type XlsxBook } from './xlsx';

/** A cell as the file holds it: text, a number, a real date (UTC midnight), a boolean, or nothing. */
export type CellValue = string | number | boolean | Date | null;

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

function fillMerges(rows: CellValue[][], merges: { r0: number; c0: number; r1: number; c1: number }[], mergedRows: Set<number>) {
  for (const m of merges) {
    const v = rows[m.r0]?.[m.c0] ?? null;
    for (let r = m.r0; r <= m.r1; r++) {
      rows[r] ??= [];
      if (m.c1 > m.c0) mergedRows.add(r);
      for (let c = m.c0; c <= m.c1; c++) rows[r][c] = v;
    }
  }
}

function readXlsx(bytes: Buffer): SourceBook {
  let book: XlsxBook;
  try {
    book = readXlsxBook(bytes);
  } catch {
    throw new UserError('bad_file', '无法读取这个 Excel 文件：文件可能已损坏或不是 .xlsx 格式');
  }
  const sheets = book.sheets.map(({ merges, ...sheet }): SourceSheet => {
    const mergedRows = new Set<number>();
    fillMerges(sheet.rows, merges, mergedRows);
    return { ...sheet, mergedRows };
  });
  return { format: 'xlsx', sheets, date1904: book.date1904 };
}

function readXls(bytes: Buffer): SourceBook {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'buffer', cellNF: true, cellDates: false, dense: false });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(msg)) throw new UserError('bad_file', '文件设有密码保护，请在 Excel 中取消密码后再导入');
    throw new UserError('bad_file', '无法读取这个 .xls 文件：文件可能已损坏或不是 Excel 97-2003 格式');
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets = wb.SheetNames.map((name, i): SourceSheet => {
    const ws = wb.Sheets[name];
    const rows: CellValue[][] = [];
    const ref = ws['!ref'];
    if (ref) {
      const range = XLSX.utils.decode_range(ref);
      for (let r = 0; r <= range.e.r; r++) {
        const row: CellValue[] = [];
        for (let c = 0; c <= range.e.c; c++) {
          const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
          if (!cell || cell.v === undefined) row[c] = null;
          else if (cell.t === 'n' && typeof cell.v === 'number' && cell.z && XLSX.SSF.is_date(String(cell.z))) {
            const d = XLSX.SSF.parse_date_code(cell.v, { date1904 });
            row[c] = new Date(Date.UTC(d.y, d.m - 1, d.d));
          } else if (cell.t === 'e') row[c] = `#ERROR ${cell.w ?? ''}`;
          else row[c] = cell.v as CellValue;
        }
        rows[r] = row;
      }
    }
    const hiddenRows = new Set<number>();
    (ws['!rows'] ?? []).forEach((info, r) => info?.hidden && hiddenRows.add(r));
    const mergedRows = new Set<number>();
    fillMerges(
      rows,
      (ws['!merges'] ?? []).map((m) => ({ r0: m.s.r, c0: m.s.c, r1: m.e.r, c1: m.e.c })),
      mergedRows,
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

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readCsv(bytes: Buffer): SourceBook {
  const text = decodeText(bytes);
  if (text.includes('\u0000')) throw new UserError('bad_file', '这个文件不是文本格式的 CSV 文件');
  const rows = parseCsv(text).map((r) => r.map((v) => (v.trim() === '' ? null : v)));
  return { format: 'csv', date1904: false, sheets: [{ name: 'CSV', hidden: false, rows, hiddenRows: new Set(), mergedRows: new Set() }] };
}

export async function readSource(bytes: Buffer, fileName: string): Promise<SourceBook> {
  const ext = fileName.toLowerCase().split('.').pop();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const isOle = bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  if (bytes.length === 0) throw new UserError('bad_file', '文件是空的');
  if (ext === 'csv' || ext === 'txt') return readCsv(bytes);
  // An encrypted .xlsx is an OLE container, not a zip.
  if (ext === 'xlsx' && isOle) throw new UserError('bad_file', '文件设有密码保护，请在 Excel 中取消密码后再导入');
  if (isZip) return readXlsx(bytes);
  if (isOle) return readXls(bytes);
  throw new UserError('bad_file', `无法识别的文件：“${fileName}”不是 Excel（.xlsx/.xls）或 CSV 文件`);
}
