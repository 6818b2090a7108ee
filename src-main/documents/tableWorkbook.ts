// What goes out as .xlsx goes through here: every cell a writer puts in a workbook is a value of
// `tableCell` (text with formula characters neutralised, numbers as numbers, dates as dates, never
// a formula), and every sheet name a safe one. tests/formula-export.test.ts reads every export
// back; tests/architecture.test.ts keeps the writers from setting cells any other way.
import ExcelJS from 'exceljs';
import { neutraliseFormula } from './formulas';

export { neutraliseFormula, restoreNeutralised } from './formulas';

/** What a writer may put in a cell. No formula objects: nothing the app writes is computed by Excel. */
export type TableValue = string | number | Date | null | undefined;

/** A cell's value as it goes out. */
export function tableCell(v: TableValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return neutraliseFormula(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return v;
}

/** Appends a row of cells, each through `tableCell`. */
export function addTableRow(ws: ExcelJS.Worksheet, values: readonly TableValue[]): ExcelJS.Row {
  return ws.addRow(values.map(tableCell));
}

/** Sets one cell (a title above a merged range), through `tableCell`. */
export function setTableCell(ws: ExcelJS.Worksheet, row: number, col: number, v: TableValue): ExcelJS.Cell {
  const cell = ws.getCell(row, col);
  cell.value = tableCell(v);
  return cell;
}

/**
 * A sheet name Excel accepts, from text a file or a user gave: at most 31 characters, none of
 * : \ / ? * [ ], not blank, not beginning or ending with an apostrophe, and not one already used.
 */
export function tableSheetName(name: string, used: Set<string>, fallback = '工作表'): string {
  const base = name.replace(/[:\\/?*[\]\u0000-\u001f]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || fallback;
  let candidate = base;
  for (let n = 2; used.has(candidate.toLowerCase()) || candidate.toLowerCase() === 'history'; n++) candidate = `${base.slice(0, 31 - String(n).length - 2)}（${n}）`;
  used.add(candidate.toLowerCase());
  return candidate;
}
