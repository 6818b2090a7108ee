// Every .xlsx the app writes is a table made here: `tableWorkbook({ name, title, columns, rows })`.
// The rules that keep an exported list safe and readable live in this one place:
//   - a title row (and a second line under it) merged across the table, a bold header, the panes
//     frozen under the header, widths, A4 page setup;
//   - each column's kind decides how its cells go out: ID numbers, bank accounts and phone numbers
//     as text (so Excel never shows 2.1E+17 or drops a leading 0), money from fen to yuan with two
//     decimals, full dates as real dates and partial ones (1952-10) as text, keeping their precision;
//   - formula text neutralised (formulas.ts, OWASP CSV injection): nothing the app writes is
//     computed by Excel, and no cell is set any other way (tests/formula-export.test.ts);
//   - sheet names made ones Excel accepts.
// Written with ExcelJS's streaming writer, so a 100,000-row roster goes out in bounded memory, to a
// file or to a buffer. ExcelJS is loaded when the first workbook is written, not when the program
// starts: it is the slowest library to load, and a CLI command or the app's start that writes no
// workbook should not wait for it.
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { neutraliseFormula } from './formulas';

export { neutraliseFormula, restoreNeutralised } from './formulas';

/** What a writer may put in a cell. No formula objects: nothing the app writes is computed by Excel. */
export type TableValue = string | number | Date | null | undefined;

/**
 * How a column's cells go out:
 * - `text`: as given, formatted as text (what someone types in later stays text too);
 * - `id`: ID numbers, bank accounts, phone numbers: always text, a number given is written as its digits;
 * - `money`: integer fen, written as yuan with two decimals;
 * - `date`: ISO text; a full date (1952-10-05) is a date cell, a partial one (1952-10) stays text;
 * - `number`: a number as a number (a count, an age, years).
 */
export type ColumnKind = 'text' | 'id' | 'money' | 'date' | 'number';

export interface TableColumn {
  label: string;
  kind: ColumnKind;
  /** In characters, Excel's unit; by default wide enough for the label. */
  width?: number;
  /** Long text wrapped within its cell, top-aligned. */
  wrap?: boolean;
  /** On a sheet to fill in (`blankRows`), the values offered as a drop-down list. */
  choices?: readonly string[];
  /**
   * A heading this column shares with its neighbours of the same group, merged above their own
   * (an official form's 本年12月底 over 应有 and 实有): the header is then two rows, and a column
   * without a group has its heading merged down both.
   */
  group?: string;
}

/** A cell with a problem to point at: coloured, and the problem as its comment. */
export interface FlaggedCell {
  value: TableValue;
  problem: string;
}

export type TableRow = readonly (TableValue | FlaggedCell)[];

export interface TableSheet {
  /** The sheet's name; made one Excel accepts (tableSheetName). */
  name: string;
  /** A bold line above the table, merged across it. */
  title?: string;
  /** A second line under the title (a batch, a leader, the date), merged across the table. */
  subtitle?: string;
  columns: readonly TableColumn[];
  /** The data, a row an array of cells in column order; an async iterable lets a long export yield. */
  rows: Iterable<TableRow> | AsyncIterable<TableRow>;
  /** A bold line after the data (合计), cells by the same columns. */
  total?: TableRow;
  /** Lines under the table, each merged across it (the total in capitals). */
  notes?: readonly string[];
  /** Thin borders round every cell of the header, the data and the total: a list signed on paper. */
  ruled?: boolean;
  orientation?: 'portrait' | 'landscape';
  /**
   * A sheet to fill in by hand (an import template): this many rows under the header offered the
   * columns' choices as drop-down lists. Never whole columns: those make spreadsheet readers crawl.
   */
  blankRows?: number;
}

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: '@',
  id: '@',
  money: '#,##0.00',
  date: 'yyyy-mm-dd',
  number: undefined,
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const PROBLEM_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFD8A8' } };
const THIN: ExcelJS.Borders = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
} as ExcelJS.Borders;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A cell's value as it goes out, whatever its column: text neutralised, numbers finite, never a formula. */
export function tableCell(v: TableValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return neutraliseFormula(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return v;
}

/** A value as a column of this kind writes it. */
export function columnCell(kind: ColumnKind, v: TableValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'money':
      return typeof v === 'number' ? tableCell(v / 100) : tableCell(v);
    case 'date':
      return typeof v === 'string' && FULL_DATE.test(v) ? new Date(`${v}T00:00:00Z`) : tableCell(v);
    case 'id':
      return tableCell(typeof v === 'number' ? String(v) : v);
    default:
      return tableCell(v);
  }
}

/**
 * A sheet name Excel accepts, from text a file or a user gave: at most 31 characters, none of
 * : \ / ? * [ ], not blank, not beginning or ending with an apostrophe, and not one already used.
 */
export function tableSheetName(name: string, used: Set<string>, fallback = '工作表'): string {
  const base =
    name
      // eslint-disable-next-line no-control-regex -- control characters are among what Excel refuses in a sheet name
      .replace(/[:\\/?*[\]\u0000-\u001f]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31) || fallback;
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()) || candidate.toLowerCase() === 'history'; n++)
    candidate = `${base.slice(0, 31 - String(n).length - 2)}（${n}）`;
  used.add(candidate.toLowerCase());
  return candidate;
}

/** Wide enough for a label: a Chinese character takes about two of Excel's width units. */
function labelWidth(label: string): number {
  const units = [...label].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
  return Math.max(8, units + 4);
}

function isFlagged(v: TableValue | FlaggedCell): v is FlaggedCell {
  return typeof v === 'object' && v !== null && !(v instanceof Date);
}

type Sheet = ExcelJS.Worksheet;

/**
 * Starts a sheet on a streaming writer: page setup, frozen panes, column widths and formats, the
 * title lines and the header, committed. Returns the sheet, ready for `addTableRows`.
 */
export function startTableSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: Omit<TableSheet, 'rows'>,
  usedNames = new Set<string>(),
): Sheet {
  const lines = [sheet.title, sheet.subtitle].filter((t): t is string => t !== undefined);
  const grouped = sheet.columns.some((c) => c.group !== undefined);
  const ws = workbook.addWorksheet(tableSheetName(sheet.name, usedNames), {
    views: [{ state: 'frozen', ySplit: lines.length + (grouped ? 2 : 1) }],
    pageSetup: {
      paperSize: 9,
      orientation: sheet.orientation ?? 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  ws.columns = sheet.columns.map((c) => {
    const numFmt = NUMBER_FORMATS[c.kind];
    const style: Partial<ExcelJS.Style> = {
      ...(numFmt ? { numFmt } : {}),
      ...(c.wrap ? { alignment: { wrapText: true, vertical: 'top' } } : {}),
    };
    return { width: c.width ?? labelWidth(c.label), ...(numFmt || c.wrap ? { style } : {}) };
  });
  const span = Math.max(1, sheet.columns.length);
  lines.forEach((text, i) => {
    const row = ws.addRow([tableCell(text)]);
    if (i === 0) {
      row.font = { bold: true, size: 14 };
      row.height = 24;
      row.alignment = { horizontal: 'center', vertical: 'middle' };
    }
    ws.mergeCells(row.number, 1, row.number, span);
    row.commit();
  });
  const headers = grouped
    ? [sheet.columns.map((c) => c.group ?? c.label), sheet.columns.map((c) => (c.group === undefined ? null : c.label))]
    : [sheet.columns.map((c) => c.label)];
  const rows = headers.map((labels) => {
    const header = ws.addRow(labels.map((l) => tableCell(l)));
    for (let i = 1; i <= sheet.columns.length; i++) {
      const cell = header.getCell(i);
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = sheet.ruled ? THIN : { bottom: { style: 'thin' } };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    }
    return header;
  });
  if (grouped) {
    const [top, under] = rows.map((r) => r.number);
    sheet.columns.forEach((c, i) => {
      if (c.group === undefined) ws.mergeCells(top, i + 1, under, i + 1);
      else if (i === 0 || sheet.columns[i - 1].group !== c.group) {
        let last = i;
        while (last + 1 < sheet.columns.length && sheet.columns[last + 1].group === c.group) last++;
        if (last > i) ws.mergeCells(top, i + 1, top, last + 1);
      }
    });
  }
  for (const r of rows) r.commit();
  return ws;
}

/** One row of data, each cell by its column's kind; a flagged cell coloured and commented. */
export function addTableRow(ws: Sheet, columns: readonly TableColumn[], cells: TableRow, ruled = false): ExcelJS.Row {
  const row = ws.addRow(cells.map((v, i) => columnCell(columns[i]?.kind ?? 'text', isFlagged(v) ? v.value : v)));
  cells.forEach((v, i) => {
    if (!isFlagged(v)) return;
    const cell = row.getCell(i + 1);
    cell.fill = PROBLEM_FILL;
    cell.note = v.problem;
  });
  if (ruled) for (let c = 1; c <= columns.length; c++) row.getCell(c).border = THIN;
  return row;
}

/**
 * A sheet's validations, cell by cell (`B3`): ExcelJS writes alike neighbours as one range, and
 * this adds no rows to the sheet as setting each cell's would. ExcelJS has them; its types do not.
 */
function validations(ws: Sheet): { add(address: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } })
    .dataValidations;
}

async function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: TableSheet,
  usedNames: Set<string>,
): Promise<number> {
  const ws = startTableSheet(workbook, sheet, usedNames);
  const { columns, ruled = false } = sheet;
  // (A streaming sheet keeps no row count: the last row's number is kept here.)
  let last =
    (sheet.title === undefined ? 0 : 1) +
    (sheet.subtitle === undefined ? 0 : 1) +
    (columns.some((c) => c.group !== undefined) ? 2 : 1);
  const commit = (row: ExcelJS.Row) => {
    last = row.number;
    row.commit();
  };
  let n = 0;
  for await (const cells of sheet.rows) {
    commit(addTableRow(ws, columns, cells, ruled));
    n++;
  }
  if (sheet.total) {
    const total = addTableRow(ws, columns, sheet.total, ruled);
    total.font = { bold: true };
    commit(total);
  }
  for (const note of sheet.notes ?? []) {
    const row = ws.addRow([tableCell(note)]);
    ws.mergeCells(row.number, 1, row.number, Math.max(1, columns.length));
    commit(row);
  }
  if (sheet.blankRows) {
    const first = last + 1;
    columns.forEach((c, i) => {
      if (!c.choices) return;
      const letter = ws.getColumn(i + 1).letter;
      const list: ExcelJS.DataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.choices.join(',')}"`],
        showErrorMessage: true,
        errorTitle: '请从列表中选择',
        error: `可选：${c.choices.join('、')}`,
      };
      for (let r = first; r < first + sheet.blankRows!; r++) validations(ws).add(`${letter}${r}`, list);
    });
  }
  ws.commit();
  return n;
}

async function writeWorkbook(
  target: { filename: string } | { stream: PassThrough },
  sheets: TableSheet | readonly TableSheet[],
): Promise<number> {
  const list = Array.isArray(sheets) ? (sheets as readonly TableSheet[]) : [sheets as TableSheet];
  if (list.length === 0) throw new Error('tableWorkbook: a workbook needs at least one sheet');
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ ...target, useStyles: true, useSharedStrings: false });
  const usedNames = new Set<string>();
  let rows = 0;
  for (const sheet of list) rows += await writeSheet(workbook, sheet, usedNames);
  await workbook.commit();
  return rows;
}

/** The workbook as bytes (for a download or a save dialog). */
export async function tableWorkbook(sheets: TableSheet | readonly TableSheet[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeWorkbook({ stream }, sheets);
  return Buffer.concat(chunks);
}

/** The workbook written to a file as it is made (a long roster in bounded memory). Returns the data rows written. */
export function tableWorkbookFile(file: string, sheets: TableSheet | readonly TableSheet[]): Promise<number> {
  return writeWorkbook({ filename: file }, sheets);
}
