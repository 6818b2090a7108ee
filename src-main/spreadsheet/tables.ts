// A sheet as a table of cells, whatever it lists: merged ranges filled in within the workbook's
// bounds, header labels as written, and what a row is (a title over the table; below the header,
// data, blank, or a closing 合计/注/制表 line). Which columns are which is the caller's grammar.
import { grouped, type ImportLimits } from '../shared/importLimits';
import { cellText, type CellValue } from './cells';
import { beyondLimit } from './xlsx';

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

export type Merge = { r0: number; c0: number; r1: number; c1: number };

/** Cells a set of sheets holds: each row one, plus its cells up to its last value. */
export function cellsOf(sheets: { rows: CellValue[][] }[]): number {
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
export function fillMerges(
  sheetName: string,
  rows: CellValue[][],
  merges: Merge[],
  mergedRows: Set<number>,
  cells: { n: number },
  limits: ImportLimits,
) {
  const fill = new MergeFill(sheetName, merges, cells, limits);
  for (const row of rows) fill.push(row);
  fill.finish();
  for (const r of fill.mergedRows) mergedRows.add(r);
}

type Placed = Merge & { at: number; value?: CellValue };

/**
 * fillMerges row by row, for a sheet whose rows are given out as they are read (./stream.ts): a
 * row is filled and given out as soon as no range over it can still be cut otherwise. A range
 * reaching past the widest row read so far waits (the sheet may yet be wider), and the rows from
 * that one on with it, until a wider row comes or the sheet ends. Rows are pushed top to bottom,
 * every index (an empty row as []); each is filled in place. The same rows come out filled as
 * fillMerges fills them, in order: fillMerges is this, over a sheet already read.
 */
export class MergeFill {
  /** Rows of horizontal merges (title rows), as fillMerges tells them. */
  readonly mergedRows = new Set<number>();
  /** The ranges in the order they take effect: by first row, then as the sheet lists them. */
  private readonly byStart: Placed[];
  private started = 0;
  /** The ranges over the next row to give out, as the sheet lists them. */
  private active: Placed[] = [];
  /** Rows read; those from `head` on are not given out yet, the first of them row `given`. */
  private held: CellValue[][] = [];
  private head = 0;
  private given = 0;
  /** The widest row read so far. */
  private width = 0;
  /** The widest column a range over the first held row reaches (-1: none). */
  private reach = -1;

  constructor(
    private readonly sheetName: string,
    merges: readonly Merge[],
    private readonly cells: { n: number },
    private readonly limits: ImportLimits,
  ) {
    this.byStart = merges.map((m, at) => ({ ...m, at })).sort((p, q) => p.r0 - q.r0 || p.at - q.at);
    this.enter();
  }

  /** The next row of the sheet; the rows that are final now, filled, in order. */
  push(row: CellValue[]): CellValue[][] {
    this.held.push(row);
    if (row.length > this.width) this.width = row.length;
    return this.release(false);
  }

  /** The sheet has no more rows: the rows still held, filled to the sheet's real extent. */
  finish(): CellValue[][] {
    return this.release(true);
  }

  /** The ranges over the first held row taken up, and how far they reach. */
  private enter() {
    const r = this.given;
    this.active = this.active.filter((m) => m.r1 >= r);
    while (this.started < this.byStart.length && this.byStart[this.started].r0 <= r) {
      const m = this.byStart[this.started++];
      if (m.r1 < r) continue;
      let i = this.active.length;
      while (i > 0 && this.active[i - 1].at > m.at) i--;
      this.active.splice(i, 0, m);
    }
    this.reach = -1;
    for (const m of this.active) if (m.c1 > this.reach) this.reach = m.c1;
  }

  private release(last: boolean): CellValue[][] {
    const out: CellValue[][] = [];
    while (this.head < this.held.length && (last || this.reach < this.width)) {
      const row = this.held[this.head++];
      const r = this.given;
      let filled = 0;
      for (const m of this.active) {
        // Past the widest row, a range holds nothing to fill.
        if (m.c0 >= this.width) continue;
        if (m.r0 === r) m.value = row[m.c0] ?? null;
        const c1 = Math.min(m.c1, this.width - 1);
        if (m.c1 > m.c0) this.mergedRows.add(r);
        for (let c = m.c0; c <= c1; c++) row[c] = m.value ?? null;
        filled += c1 - m.c0 + 1;
      }
      this.cells.n += filled;
      if (filled > 0 && this.cells.n > this.limits.cells)
        throw beyondLimit(
          `工作表“${this.sheetName.slice(0, 40)}”的合并单元格填满后，单元格总数超过 ${grouped(this.limits.cells)} 个的上限`,
        );
      out.push(row);
      this.given++;
      this.enter();
    }
    if (this.head === this.held.length) {
      this.held = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head > this.held.length / 2) {
      this.held = this.held.slice(this.head);
      this.head = 0;
    }
    return out;
  }
}

/** `姓  名`, `性　别`, `身份证号码：` → the label as shown and remembered. */
export function normalizeLabel(v: CellValue): string {
  if (v === null || v === undefined) return '';
  return String(v)
    .replace(/[\s\u3000]+/g, '')
    .replace(/[：:（）()*＊/／、]/g, '')
    .trim();
}

/** A row that is a title over the table (one text across it), not labels. */
export function isTitleRow(row: readonly CellValue[]): boolean {
  const texts = new Set(row.map((v) => normalizeLabel(v)).filter((t) => t !== ''));
  return texts.size <= 1;
}

/** What a row below the header is: data, blank, or a closing line (合计, 注, 制表人, 审核). */
export function tableRowKind(row: CellValue[]): 'data' | 'blank' | 'total' {
  for (const v of row) {
    const text = cellText(v)?.trim() ?? '';
    if (text !== '') return /^(合计|总计|小计|注|制表|审核)/.test(text) ? 'total' : 'data';
  }
  return 'blank';
}

/**
 * A row's non-empty cells by header label (or 第N列), as the file gave them; a label written twice
 * keeps its place and the later value. Built property by property: a list of 90,000 rows keeps one
 * of these for each (an array of pairs turned into an object cost a third more).
 */
export function rawCells(row: CellValue[], labels: string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (v === null || v === undefined || v === '') continue;
    const label = labels[c] || `第${c + 1}列`;
    const text = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    // A label `__proto__` is a cell like any other, not the object's prototype.
    if (label === '__proto__')
      Object.defineProperty(cells, label, { value: text, enumerable: true, writable: true, configurable: true });
    else cells[label] = text;
  }
  return cells;
}

/** What JSON.stringify writes otherwise than as it is: quotes, backslashes, control characters, lone surrogates. */
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * A row's cells as the JSON text of an array of their texts in column order (null where a cell
 * holds nothing), for a table whose labels are kept once beside its many rows (the adjustment
 * check): `rawCells(JSON.parse(text), labels)` gives the row's cells by label as rawCells gives
 * them from the row.
 */
export function rawTextsJson(row: CellValue[]): string {
  let out = '[';
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (c > 0) out += ',';
    if (v === null || v === undefined || v === '') out += 'null';
    // A number's text, and most text, needs no escape: JSON.stringify only for what may.
    else if (typeof v === 'number') out += `"${v}"`;
    else {
      const text = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
      out += ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`;
    }
  }
  return `${out}]`;
}
