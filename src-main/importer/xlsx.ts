// Reading the cells of an .xlsx workbook (SpreadsheetML, ECMA-376 part 1, §18): each sheet's cell
// values, its hidden rows, its merged ranges, and whether the sheet is hidden.
//
// Why not ExcelJS's reader: its full reader builds a model of every cell with its style (about
// 10 kB a row: a 50,000-row roster took 1.5 GB), and its streaming reader ignores hidden rows and
// merged cells, which a roster's title rows and its deceased depend on. This reader keeps only the
// values, reads the parts a roster needs (workbook, relationships, shared strings, number formats,
// sheets) and scans each sheet's XML once. ExcelJS still writes every workbook the app makes.
import { ZipArchive } from './zip';

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

// Element names may carry a namespace prefix (`<x:row>`), which some generators write.
const P = '(?:[\\w.-]+:)?';
const ROW_OPEN = new RegExp(`<${P}row\\b([^>]*)>`, 'g');
const ROW_CLOSE = new RegExp(`</${P}row>`, 'g');
const CELL = new RegExp(`<${P}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}c>)`, 'g');
const VALUE = new RegExp(`<${P}v>([\\s\\S]*?)</${P}v>`);
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
  return own(unescapeXml(text));
}

/** `AB` → 27 (1-based). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function decodeRange(ref: string): XlsxSheet['merges'][number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const r0 = Number(m[2]) - 1;
  const c0 = columnNumber(m[1]) - 1;
  return { r0, c0, r1: m[4] ? Number(m[4]) - 1 : r0, c1: m[3] ? columnNumber(m[3]) - 1 : c0 };
}

// Built-in number formats that show dates or times, including the ones Chinese Excel defines
// (27–36, 50–58: `yyyy"年"m"月"`, `m"月"d"日"`, …).
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

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
    if (id && target && attr(m[1], 'TargetMode') !== 'External') out.push({ id, type, target: resolvePart(part, target) });
  }
  return out;
}

/** For each cell style (`s`), whether its number format shows a date. */
function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(new RegExp(`<${P}numFmt\\b([^>]*)>`, 'g'))) custom.set(Number(attr(m[1], 'numFmtId')), attr(m[1], 'formatCode') ?? '');
  const xfs = new RegExp(`<${P}cellXfs\\b[^>]*>([\\s\\S]*?)</${P}cellXfs>`).exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(new RegExp(`<${P}xf\\b([^>]*)>`, 'g'))].map((m) => {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

function sharedStrings(xml: string | null): string[] {
  const out: string[] = [];
  if (!xml) return out;
  for (const m of xml.matchAll(SHARED_STRING)) out.push(m[1] ? runsText(m[1]) : '');
  return out;
}

interface Context {
  strings: string[];
  dates: boolean[];
  date1904: boolean;
}

function cellValue(attrs: string, body: string | undefined, ctx: Context): XlsxCell {
  const type = CELL_TYPE.exec(attrs)?.[1] ?? 'n';
  if (type === 'inlineStr') return body ? runsText(body) : null;
  const raw = body ? VALUE.exec(body)?.[1] : undefined;
  if (raw === undefined) return body && FORMULA.test(body) ? '#NOVALUE' : null;
  switch (type) {
    case 's':
      return ctx.strings[Number(raw)] ?? null;
    case 'str':
      return own(unescapeXml(raw));
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
      if (raw.trim() === '' || Number.isNaN(n)) return own(unescapeXml(raw));
      const style = CELL_STYLE.exec(attrs);
      return style && ctx.dates[Number(style[1])] ? serialToDate(n, ctx.date1904) : n;
    }
  }
}

function readSheet(xml: string, ctx: Context): Omit<XlsxSheet, 'name' | 'hidden'> {
  const rows: XlsxCell[][] = [];
  const hiddenRows = new Set<number>();
  let rowIndex = -1;
  let end = 0;
  ROW_OPEN.lastIndex = 0;
  for (let m = ROW_OPEN.exec(xml); m; m = ROW_OPEN.exec(xml)) {
    const attrs = m[1];
    const r = attr(attrs, 'r');
    rowIndex = r ? Number(r) - 1 : rowIndex + 1;
    if (HIDDEN.test(attrs)) hiddenRows.add(rowIndex);
    const values: XlsxCell[] = [];
    if (!attrs.endsWith('/')) {
      ROW_CLOSE.lastIndex = ROW_OPEN.lastIndex;
      const close = ROW_CLOSE.exec(xml);
      if (!close) throw new XlsxError(`row ${rowIndex + 1} is not closed`);
      const body = xml.slice(ROW_OPEN.lastIndex, close.index);
      ROW_OPEN.lastIndex = end = ROW_CLOSE.lastIndex;
      let col = -1;
      CELL.lastIndex = 0;
      for (let c = CELL.exec(body); c; c = CELL.exec(body)) {
        const ref = CELL_REF.exec(c[1]);
        col = ref ? columnNumber(ref[1]) - 1 : col + 1;
        const v = cellValue(c[1], c[2], ctx);
        if (v !== null) values[col] = v;
      }
    } else end = ROW_OPEN.lastIndex;
    rows[rowIndex] = Array.from(values, (v) => v ?? null);
  }
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  const merges: XlsxSheet['merges'] = [];
  for (const m of xml.slice(end).matchAll(MERGE)) {
    const range = decodeRange(attr(m[1], 'ref') ?? '');
    if (range) merges.push(range);
  }
  return { rows, hiddenRows, merges };
}

/** Throws XlsxError (or the zip's error) when the package is not a readable workbook. */
export function readXlsxBook(bytes: Buffer): XlsxBook {
  const zip = new ZipArchive(bytes);
  const workbookPart = relationships(zip, '').find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbook = zip.text(workbookPart);
  if (!workbook) throw new XlsxError('no workbook part');
  const rels = relationships(zip, workbookPart);
  const partOf = (kind: string) => rels.find((r) => r.type.endsWith(`/${kind}`))?.target;
  const ctx: Context = {
    strings: sharedStrings(zip.text(partOf('sharedStrings') ?? 'xl/sharedStrings.xml')),
    dates: dateStyles(zip.text(partOf('styles') ?? 'xl/styles.xml')),
    date1904: new RegExp(`<${P}workbookPr\\b[^>]*\\sdate1904="(?:1|true)"`).test(workbook),
  };
  const sheets: XlsxSheet[] = [];
  for (const m of workbook.matchAll(new RegExp(`<${P}sheet\\b([^>]*)>`, 'g'))) {
    const rel = rels.find((r) => r.id === attr(m[1], 'id'));
    // Chart sheets and dialog sheets hold no rows.
    if (!rel || !rel.type.endsWith('/worksheet')) continue;
    const xml = zip.text(rel.target);
    if (xml === null) throw new XlsxError(`sheet part ${rel.target} is missing`);
    const state = attr(m[1], 'state');
    sheets.push({ name: attr(m[1], 'name') ?? rel.target, hidden: state === 'hidden' || state === 'veryHidden', ...readSheet(xml, ctx) });
  }
  return { date1904: ctx.date1904, sheets };
}
