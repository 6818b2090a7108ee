// Reading the cells of an .xlsx workbook (SpreadsheetML, ECMA-376 part 1, §18): each sheet's cell
// values, its hidden rows, its merged ranges, and whether the sheet is hidden.
//
// Why not ExcelJS's reader: its full reader builds a model of every cell with its style (about
// 10 kB a row: a 50,000-row roster took 1.5 GB), and its streaming reader ignores hidden rows and
// merged cells, which a roster's title rows and its deceased depend on. This reader keeps only the
// values, reads the parts a roster needs (workbook, relationships, shared strings, number formats,
// sheets) and scans each sheet's XML once. ExcelJS still writes every workbook the app makes.
//
// What a file says is not trusted to size anything (issue 13): the parts are inflated within a
// budget (./zip.ts); a value on a row or in a column beyond the limits, a cell longer than
// Excel's, more shared strings or cells than the limit, refuse the file before anything is built
// for them; rows and cells that hold nothing are not built where they lie beyond the limits.
import { grouped, IMPORT_LIMITS, unreadableFile, type ImportLimits } from '../shared/importLimits';
import { UserError } from '../shared/errors';
import { decodePart, piecesOf, ZipArchive } from './zip';

export type XlsxCell = string | number | boolean | Date | null;

export interface XlsxSheet {
  name: string;
  hidden: boolean;
  rows: XlsxCell[][];
  hiddenRows: Set<number>;
  /** 0-based inclusive ranges. */
  merges: { r0: number; c0: number; r1: number; c1: number }[];
}

export interface XlsxBook {
  date1904: boolean;
  sheets: XlsxSheet[];
}

export class XlsxError extends Error {}

/** A file past one of the limits: said to the user as it is. */
export function beyondLimit(reason: string): UserError {
  return new UserError('too_large', unreadableFile(reason));
}

// Element names may carry a namespace prefix (`<x:row>`), which some generators write.
const P = '(?:[\\w.-]+:)?';
const ROW_OPEN = new RegExp(`<${P}row\\b([^>]*)>`, 'g');
const ROW_CLOSE = new RegExp(`</${P}row>`, 'g');
const CELL = new RegExp(`<${P}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}c>)`, 'g');
// `<v/>` is a formula's empty text (`=IF(A1="","",A1)`), and `<v xml:space="preserve">` keeps its spaces.
const VALUE = new RegExp(`<${P}v\\b[^>]*?(?:/>|>([\\s\\S]*?)</${P}v>)`);
const FORMULA = new RegExp(`<${P}f\\b`);
const TEXT = new RegExp(`<${P}t\\b[^>]*?(?:/>|>([\\s\\S]*?)</${P}t>)`, 'g');
const PHONETIC = new RegExp(`<${P}rPh\\b[\\s\\S]*?</${P}rPh>`, 'g');
const SHARED_STRING = new RegExp(`<${P}si\\b[^>]*?(?:/>|>([\\s\\S]*?)</${P}si>)`, 'g');
const MERGE = new RegExp(`<${P}mergeCell\\b([^>]*)>`, 'g');
const CELL_REF = /\sr="([A-Za-z]{1,3})(\d+)"/;
const CELL_TYPE = /\st="(\w+)"/;
const CELL_STYLE = /\ss="(\d+)"/;
const HIDDEN = /\shidden="(?:1|true)"/;

const attrPatterns = new Map<string, RegExp>();
/** An attribute's value (entities decoded); `name` may be written with any namespace prefix. */
function attr(attrs: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) attrPatterns.set(name, (re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(attrs);
  return m ? unescapeXml(m[1] ?? m[2]) : undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities and character references, then OOXML's `_xHHHH_` escapes (`_x000D_` is a CR). */
export function unescapeXml(s: string): string {
  let out = s;
  if (out.includes('&')) {
    out = out.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (_, dec, hex, name) =>
      name ? ENTITIES[name] : String.fromCodePoint(dec ? Number(dec) : parseInt(hex, 16)),
    );
  }
  if (out.includes('_x')) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

/**
 * Line breaks as Excel shows them: an XML reader turns a literal CR LF (or a lone CR) into LF
 * (XML 1.0 §2.11), and `_x000D_&#10;` is what Excel writes for the break a user typed with Alt+Enter.
 */
export function lineBreaks(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

/**
 * A string of its own. V8 makes a substring of 13 or more characters a view into the string it
 * was cut from, which would keep a sheet's whole XML (tens of MB) alive for as long as any of
 * its addresses is kept; concatenating and cutting again copies it.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The text of a rich or plain string: its `<t>` runs, without phonetic guides (`<rPh>`). */
function runsText(xml: string): string {
  const body = xml.includes('rPh') ? xml.replace(PHONETIC, '') : xml;
  let text = '';
  TEXT.lastIndex = 0;
  for (let m = TEXT.exec(body); m; m = TEXT.exec(body)) text += m[1] ?? '';
  return lineBreaks(unescapeXml(text));
}

/** `AB` → 27 (1-based). */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function decodeRange(ref: string): XlsxSheet['merges'][number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,10})(?::\$?([A-Za-z]{1,3})\$?(\d{1,10}))?$/.exec(ref.trim());
  if (!m) return null;
  const a = { r: Number(m[2]) - 1, c: columnNumber(m[1]) - 1 };
  const b = m[3] ? { r: Number(m[4]) - 1, c: columnNumber(m[3]) - 1 } : a;
  if (a.r < 0 || b.r < 0) return null;
  return { r0: Math.min(a.r, b.r), c0: Math.min(a.c, b.c), r1: Math.max(a.r, b.r), c1: Math.max(a.c, b.c) };
}

// Built-in number formats that show dates or times, including the ones Chinese Excel defines
// (27–36, 50–58: `yyyy"年"m"月"`, `m"月"d"日"`, …).
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** Whether a format code shows a date or time: y, m, d, h or s outside quotes, escapes and brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .split(';')[0]
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/General/gi, '');
  return /[ymdhs]/i.test(bare);
}

/** The last day Excel has: 9999-12-31 is serial 2,958,465 (in the 1900 system). */
export const LAST_EXCEL_SERIAL = 2_958_465;

/**
 * Whether a number in a date-formatted cell is a day Excel can show. A negative number, or an ID
 * number typed into a date column, is not (Excel shows ####): it stays the number it is.
 */
export function isDateSerial(n: number, date1904: boolean): boolean {
  return Number.isFinite(n) && n >= 0 && n <= LAST_EXCEL_SERIAL - (date1904 ? 1462 : 0);
}

/** An Excel serial day number as a date (UTC), in the 1900 or the 1904 date system. */
export function serialToDate(serial: number, date1904: boolean): Date {
  let days = date1904 ? serial + 1462 : serial;
  // The 1900 system counts a 29 February 1900 that never was: serials below 61 are one day behind.
  if (!date1904 && days < 61) days += 1;
  return new Date(Date.UTC(1899, 11, 30) + Math.round(days * 86_400_000));
}

/** A part's path from a relationship target, relative to the part that holds the relationship. */
function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relationships(zip: ZipArchive, part: string): { id: string; type: string; target: string }[] {
  const slash = part.lastIndexOf('/');
  const xml = zip.text(`${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`) ?? '';
  const out = [];
  for (const m of xml.matchAll(new RegExp(`<${P}Relationship\\b([^>]*)>`, 'g'))) {
    const id = attr(m[1], 'Id');
    const type = attr(m[1], 'Type') ?? '';
    const target = attr(m[1], 'Target');
    if (id && target && attr(m[1], 'TargetMode') !== 'External')
      out.push({ id, type, target: resolvePart(part, target) });
  }
  return out;
}

/** For each cell style (`s`), whether its number format shows a date. */
function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(new RegExp(`<${P}numFmt\\b([^>]*)>`, 'g')))
    custom.set(Number(attr(m[1], 'numFmtId')), attr(m[1], 'formatCode') ?? '');
  const xfs = new RegExp(`<${P}cellXfs\\b[^>]*>([\\s\\S]*?)</${P}cellXfs>`).exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(new RegExp(`<${P}xf\\b([^>]*)>`, 'g'))].map((m) => {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

function sharedStrings(pieces: Iterable<string> | null, limits: ImportLimits): string[] {
  const out: string[] = [];
  for (const xml of pieces ?? []) {
    SHARED_STRING.lastIndex = 0;
    for (let m = SHARED_STRING.exec(xml); m; m = SHARED_STRING.exec(xml)) {
      // The table is kept for the whole book: each text a string of its own.
      const text = m[1] ? own(runsText(m[1])) : '';
      if (text.length > limits.cellChars)
        throw beyondLimit(`有一段文字超过 ${grouped(limits.cellChars)} 个字符，超过了 Excel 单元格的上限`);
      // No workbook within the limits refers to more distinct strings than it has cells.
      if (out.length >= limits.cells) throw beyondLimit(`文字超过 ${grouped(limits.cells)} 段的上限`);
      out.push(text);
    }
  }
  return out;
}

interface Context {
  strings: string[];
  dates: boolean[];
  date1904: boolean;
  limits: ImportLimits;
  /** Cells built so far in the workbook (each row counts one, plus its cells), against limits.cells. */
  cells: number;
  /** Short texts met so far, each kept once (a roster repeats 男, 退休, its units on every row). */
  texts: Map<string, string>;
  /**
   * Whether the rows are kept once read (readXlsxBook): a cell's text is then a string of its own
   * and a short one kept once. Rows given out as they are read (xlsxSheets' callers: they are
   * copied to another thread, then dropped) need neither.
   */
  held: boolean;
}

/** A cell's text as the rows keep it (Context.held). */
function kept(s: string, ctx: Context): string {
  return ctx.held ? shared(own(s), ctx) : s;
}

/** A short text as one string however many cells hold it; longer ones (names are short too) as they are. */
function shared(s: string, ctx: Context): string {
  if (s.length > 12) return s;
  const kept = ctx.texts.get(s);
  if (kept !== undefined) return kept;
  if (ctx.texts.size < 100_000) ctx.texts.set(s, s);
  return s;
}

/** `3, 27` → `AB3`, for the messages. */
function cellName(row: number, col: number): string {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

function cellValue(attrs: string, body: string | undefined, ctx: Context): XlsxCell {
  const type = CELL_TYPE.exec(attrs)?.[1] ?? 'n';
  if (type === 'inlineStr') return body ? kept(runsText(body), ctx) : null;
  const v = body ? VALUE.exec(body) : null;
  if (!v) return body && FORMULA.test(body) ? '#NOVALUE' : null;
  const raw = v[1] ?? '';
  switch (type) {
    case 's':
      return raw.trim() === '' ? null : (ctx.strings[Number(raw)] ?? null);
    case 'str':
      return kept(lineBreaks(unescapeXml(raw)), ctx);
    case 'b':
      return raw === '1' || raw === 'true';
    case 'e':
      return `#ERROR ${unescapeXml(raw)}`;
    case 'd': {
      const d = new Date(/T.*(Z|[+-]\d\d:?\d\d)$/.test(raw) ? raw : raw.includes('T') ? `${raw}Z` : `${raw}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? raw : d;
    }
    default: {
      const n = Number(raw);
      if (raw.trim() === '' || Number.isNaN(n))
        return ctx.held ? own(lineBreaks(unescapeXml(raw))) : lineBreaks(unescapeXml(raw));
      const style = CELL_STYLE.exec(attrs);
      return style && ctx.dates[Number(style[1])] && isDateSerial(n, ctx.date1904) ? serialToDate(n, ctx.date1904) : n;
    }
  }
}

/** A row of a sheet as its part gives it: where it is, its values (null between them), whether it is hidden. */
export interface XlsxRow {
  index: number;
  values: XlsxCell[];
  hidden: boolean;
}

/**
 * A sheet's rows, in the order its part gives them (Excel writes them top to bottom), as each is
 * read. `pieces`: the sheet's XML a piece at a time, each ending after a row (zip.ts, piecesOf).
 * Counts each row's cells, and the empty rows above it, against the workbook's limit as it goes.
 */
function* sheetRows(pieces: Iterable<string>, ctx: Context, sheetName: string): Generator<XlsxRow> {
  const { limits } = ctx;
  let rowIndex = -1;
  /** One past the lowest row not given yet: the rows above it are given or empty. */
  let height = 0;
  const where = (row: number, col: number) => `工作表“${sheetName}”的 ${cellName(row, col)} 单元格`;
  for (const xml of pieces) {
    ROW_OPEN.lastIndex = 0;
    for (let m = ROW_OPEN.exec(xml); m; m = ROW_OPEN.exec(xml)) {
      const attrs = m[1];
      const r = attr(attrs, 'r');
      rowIndex = r ? Number(r) - 1 : rowIndex + 1;
      if (!Number.isSafeInteger(rowIndex) || rowIndex < 0) throw new XlsxError(`row number ${r} is not a number`);
      const values: XlsxCell[] = [];
      if (!attrs.endsWith('/')) {
        ROW_CLOSE.lastIndex = ROW_OPEN.lastIndex;
        const close = ROW_CLOSE.exec(xml);
        if (!close) throw new XlsxError(`row ${rowIndex + 1} is not closed`);
        const body = xml.slice(ROW_OPEN.lastIndex, close.index);
        ROW_OPEN.lastIndex = ROW_CLOSE.lastIndex;
        let col = -1;
        CELL.lastIndex = 0;
        for (let c = CELL.exec(body); c; c = CELL.exec(body)) {
          const ref = CELL_REF.exec(c[1]);
          col = ref ? columnNumber(ref[1]) - 1 : col + 1;
          const v = cellValue(c[1], c[2], ctx);
          if (v === null) continue;
          if (rowIndex >= limits.rows || col >= limits.columns) {
            // Nothing is built for a row or a column beyond the limits; a value there refuses the file.
            if (v === '') continue;
            const limit = rowIndex >= limits.rows ? `${grouped(limits.rows)} 行` : `${grouped(limits.columns)} 列`;
            throw beyondLimit(`${where(rowIndex, col)}有内容，超过了 ${limit}的上限`);
          }
          if (typeof v === 'string' && v.length > limits.cellChars) {
            throw beyondLimit(
              `${where(rowIndex, col)}超过 ${grouped(limits.cellChars)} 个字符，超过了 Excel 单元格的上限`,
            );
          }
          values[col] = v;
        }
      }
      // An empty row past the limit (formatting that reaches the bottom of the sheet) is no row.
      if (rowIndex >= limits.rows) continue;
      // Each row built counts, with its cells up to its last value, and so do the empty rows above it.
      ctx.cells += 1 + values.length + Math.max(0, rowIndex - height);
      if (ctx.cells > limits.cells) throw beyondLimit(`单元格总数超过 ${grouped(limits.cells)} 个的上限`);
      height = Math.max(height, rowIndex + 1);
      yield { index: rowIndex, values: Array.from(values, (v) => v ?? null), hidden: HIDDEN.test(attrs) };
    }
  }
}

/**
 * A sheet's merged ranges. They come after its rows (ECMA-376 §18.3.1.99: sheetData, then
 * mergeCells), so they are found from the end of the part's bytes, before its rows are read: a
 * sheet's rows can then be given out filled as they are read (./tables.ts, MergeFill).
 */
function sheetMerges(data: Buffer, limits: ImportLimits, sheetName: string): XlsxSheet['merges'] {
  const utf16 = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff);
  let tail: string;
  if (utf16) {
    const text = decodePart(data);
    tail = text.slice(Math.max(0, text.lastIndexOf('sheetData>')));
  } else tail = data.toString('utf8', Math.max(0, data.lastIndexOf('sheetData>')));
  const merges: XlsxSheet['merges'] = [];
  MERGE.lastIndex = 0;
  for (let m = MERGE.exec(tail); m; m = MERGE.exec(tail)) {
    const ref = attr(m[1], 'ref') ?? '';
    const range = decodeRange(ref);
    if (!range) continue;
    if (range.r1 >= limits.rows || range.c1 >= limits.columns) {
      throw beyondLimit(
        `工作表“${sheetName}”的合并单元格 ${ref.slice(0, 40)} 超出了 ${grouped(limits.rows)} 行 × ${grouped(limits.columns)} 列的上限`,
      );
    }
    if (merges.length >= limits.merges)
      throw beyondLimit(`工作表“${sheetName}”的合并单元格超过 ${grouped(limits.merges)} 处的上限`);
    merges.push(range);
  }
  return merges;
}

/** A worksheet as it is read: its name, whether it is hidden, its merged ranges, then its rows one by one. */
export interface XlsxSheetReading {
  name: string;
  hidden: boolean;
  merges: XlsxSheet['merges'];
  rows: Iterable<XlsxRow>;
}

/**
 * A workbook read sheet after sheet and row after row, for a reader that gives rows out as they
 * come (./stream.ts); readXlsxBook keeps them all. Throws as readXlsxBook does, as it goes.
 */
export function xlsxSheets(
  bytes: Buffer,
  limits: ImportLimits = IMPORT_LIMITS,
  { held = false }: { held?: boolean } = {},
): { date1904: boolean; sheets: Iterable<XlsxSheetReading> } {
  const zip = new ZipArchive(bytes, limits.inflatedBytes);
  const workbookPart =
    relationships(zip, '').find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbook = zip.text(workbookPart);
  if (!workbook) throw new XlsxError('no workbook part');
  const rels = relationships(zip, workbookPart);
  const partOf = (kind: string) => rels.find((r) => r.type.endsWith(`/${kind}`))?.target;
  const ctx: Context = {
    strings: sharedStrings(zip.textPieces(partOf('sharedStrings') ?? 'xl/sharedStrings.xml', 'si'), limits),
    dates: dateStyles(zip.text(partOf('styles') ?? 'xl/styles.xml')),
    date1904: new RegExp(`<${P}workbookPr\\b[^>]*\\sdate1904="(?:1|true)"`).test(workbook),
    limits,
    cells: 0,
    texts: new Map(),
    held,
  };
  function* sheets(): Generator<XlsxSheetReading> {
    let n = 0;
    for (const m of workbook!.matchAll(new RegExp(`<${P}sheet\\b([^>]*)>`, 'g'))) {
      const rel = rels.find((r) => r.id === attr(m[1], 'id'));
      // Chart sheets and dialog sheets hold no rows.
      if (!rel || !rel.type.endsWith('/worksheet')) continue;
      if (n++ >= limits.sheets) throw beyondLimit(`工作表超过 ${grouped(limits.sheets)} 张的上限`);
      const data = zip.read(rel.target);
      if (data === null) throw new XlsxError(`sheet part ${rel.target} is missing`);
      const state = attr(m[1], 'state');
      const name = attr(m[1], 'name') ?? rel.target;
      yield {
        name,
        hidden: state === 'hidden' || state === 'veryHidden',
        merges: sheetMerges(data, limits, name.slice(0, 40)),
        rows: sheetRows(piecesOf(data, 'row'), ctx, name.slice(0, 40)),
      };
    }
  }
  return { date1904: ctx.date1904, sheets: sheets() };
}

/**
 * Throws XlsxError (or the zip's error) when the package is not a readable workbook, and a
 * UserError saying which limit when it is beyond one.
 */
export function readXlsxBook(bytes: Buffer, limits: ImportLimits = IMPORT_LIMITS): XlsxBook {
  const book = xlsxSheets(bytes, limits, { held: true });
  const sheets: XlsxSheet[] = [];
  for (const { rows: reading, ...sheet } of book.sheets) {
    const rows: XlsxCell[][] = [];
    const hiddenRows = new Set<number>();
    for (const row of reading) {
      rows[row.index] = row.values;
      if (row.hidden) hiddenRows.add(row.index);
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    sheets.push({ ...sheet, rows, hiddenRows });
  }
  return { date1904: book.date1904, sheets };
}
