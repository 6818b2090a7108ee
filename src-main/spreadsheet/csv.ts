// Reading a .csv (RFC 4180) in UTF-8 (with or without BOM), GBK or GB18030, detected, not asked;
// bounded on its bytes before it is decoded, and again as it is parsed.
import { UserError } from '../shared/errors';
import { grouped, IMPORT_LIMITS, type ImportLimits } from '../shared/importLimits';
import type { SourceBook } from './tables';
import { beyondLimit, lineBreaks } from './xlsx';

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), else GB18030, the superset of GBK. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
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
    if (field.length > limits.cellChars)
      throw beyondLimit(`${line()}有一项超过 ${grouped(limits.cellChars)} 个字符，超过了 Excel 单元格的上限`);
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
      if (fields >= limits.columns)
        throw beyondLimit(`第 ${grouped(rows + 1)} 行超过了 ${grouped(limits.columns)} 列的上限`);
      fields++;
      fieldBytes = 0;
    } else if (c === LF || c === CR) {
      if (c === CR && b[i + 1] === LF) i++;
      endRow();
    } else fieldBytes++;
    if (fieldBytes > limits.cellChars * 4)
      throw beyondLimit(
        `第 ${grouped(rows + 1)} 行有一项超过 ${grouped(limits.cellChars)} 个字符，超过了 Excel 单元格的上限`,
      );
  }
}

export function readCsv(bytes: Buffer, limits: ImportLimits): SourceBook {
  checkCsvBytes(bytes, limits);
  const text = decodeText(bytes);
  if (text.includes('\u0000')) throw new UserError('bad_file', '这个文件不是文本格式的 CSV 文件');
  const rows = parseCsv(text, limits).map((r) => r.map((v) => (v.trim() === '' ? null : lineBreaks(v))));
  return {
    format: 'csv',
    date1904: false,
    sheets: [{ name: 'CSV', hidden: false, rows, hiddenRows: new Set(), mergedRows: new Set() }],
  };
}
