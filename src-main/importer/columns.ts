// Finding the header of a roster and mapping its columns to the fields of a file, by the roster's
// grammar and by the values under each column (recognise.ts, grammar.ts).
import { ROSTER, ROSTER_FIELDS, type ImportField } from './grammar';
import {
  conceptOf,
  fieldOfLabel,
  taughtFor,
  looksLikeData,
  recogniseColumns,
  SAMPLE_REACH,
  SAMPLED_ROWS,
  sampleColumns,
  type Grammar,
  type Taught,
} from './recognise';
import type { CellValue } from '../spreadsheet/cells';
import { isTitleRow, normalizeLabel, type SourceSheet } from '../spreadsheet/tables';

export { ROSTER_FIELDS, type ImportField };

/** The roster field a label names by the grammar alone, or null. */
export function fieldForLabel(label: string): ImportField | null {
  return fieldOfLabel(ROSTER, label);
}

export interface HeaderGuess {
  /** The first and last row of the header (two rows where group cells sit above the labels); -1 where the data starts on the first row. */
  firstRow: number;
  lastRow: number;
  /** One label per column, as the file says it; '' where the column has none. */
  labels: string[];
  /** The field of each column, or null where it maps to none (kept in the notes). */
  fields: (ImportField | null)[];
  /** Why each column has its field, or none: 按表头：出生年月, 按内容判断：98% 为身份证号. */
  reasons: string[];
  /** The columns placed by what was taught (--map). */
  taught?: boolean[];
  /** The user chose or taught this mapping (the wizard, --map): it is remembered when committed. */
  chosen?: boolean;
}

/** A grammar's header finder: the roster's, the ledger's, the adjustment list's. */
export interface TableShape<F extends string> {
  grammar: Grammar<F>;
  /** The fields a header must have (by its labels or its values) to be this table's: each a field, or fields any one of which will do. */
  required: readonly (F | readonly F[])[];
  /** How many distinct fields a header must have at least. */
  minFields: number;
}

const ROSTER_SHAPE: TableShape<ImportField> = { grammar: ROSTER, required: ['name'], minFields: 2 };

export interface FoundHeader<F extends string> {
  firstRow: number;
  lastRow: number;
  labels: string[];
  fields: (F | null)[];
  reasons: string[];
  taught?: boolean[];
}

/** Each column's label in a header of one row or two (the lower label, or the upper where it says more). */
function rawLabels<F extends string>(
  shape: TableShape<F>,
  rows: readonly CellValue[][],
  firstRow: number,
  lastRow: number,
  taught?: Taught<F>,
): CellValue[] {
  const upper = rows[firstRow] ?? [];
  const lower = rows[lastRow] ?? [];
  // As wide as the first row below too: a last column without a label is still a column.
  const width = Math.max(upper.length, lower.length, rows[lastRow + 1]?.length ?? 0);
  const known = (v: CellValue, c: number) => normalizeLabel(v) !== '' && knownField(shape, taught, v, c) !== null;
  return Array.from({ length: width }, (_, c) => {
    const low = lower[c] ?? null;
    const up = upper[c] ?? null;
    if (lastRow === firstRow) return up;
    return normalizeLabel(low) && known(low, c) ? low : known(up, c) ? up : normalizeLabel(low) ? low : up;
  });
}

function widthOf(rows: readonly CellValue[][], from: number, to: number): number {
  let w = 0;
  for (let r = Math.max(0, from); r < Math.min(rows.length, to); r++) w = Math.max(w, rows[r]?.length ?? 0);
  return w;
}

/** The header the user pointed at, or that was found: its columns recognised by label and values. */
export function tableHeaderAt<F extends string>(
  shape: TableShape<F>,
  rows: readonly CellValue[][],
  firstRow: number,
  lastRow: number,
  taught?: Taught<F>,
  blankLabels = false,
): FoundHeader<F> {
  const headerLabels = firstRow < 0 || blankLabels ? [] : rawLabels(shape, rows, firstRow, lastRow, taught);
  const width = Math.max(headerLabels.length, widthOf(rows, lastRow + 1, lastRow + 201));
  const labels = Array.from({ length: width }, (_, c) => headerLabels[c] ?? null);
  const sample = sampleColumns(rows, lastRow + 1, width);
  const aligned = rows.slice(Math.max(0, lastRow + 1), Math.max(0, lastRow + 1) + 200);
  const choices = recogniseColumns(shape.grammar, labels, sample, { taught, alignedRows: aligned });
  return {
    firstRow,
    lastRow,
    labels: labels.map((l) => normalizeLabel(l)),
    fields: choices.map((c) => c.field),
    reasons: choices.map((c) => c.reason),
    ...(taught ? { taught: choices.map((c) => c.taught === true) } : {}),
  };
}

/** The required fields (each a field, or fields any one of which will do) that no column is. */
export function lacking<F extends string>(shape: TableShape<F>, fields: Iterable<F | null>): F[][] {
  const distinct = new Set(fields);
  return shape.required
    .map((r) => (typeof r === 'string' ? [r] : [...r]))
    .filter((any) => !any.some((f) => distinct.has(f)));
}

function fits<F extends string>(shape: TableShape<F>, fields: readonly (F | null)[]): boolean {
  return lacking(shape, fields).length === 0 && new Set(fields.filter((f) => f !== null)).size >= shape.minFields;
}

/**
 * The header of a table: the row (or pair of rows) among the first 20 whose labels name the most
 * fields, with every required one (a pair is a row of group cells, like 基本情况 over 姓名/性别,
 * above a row of labels). Where no row's labels do, the values find it: the first row that holds
 * what the columns below hold (names, ID numbers, dates …) is the first data row, and the row
 * above it, if any, is the header, however blank or unknown its labels.
 */
/** A table's header is one of a sheet's first rows (or two of them). */
export const HEADER_ROWS = 20;

/**
 * How many rows from the top of a sheet decide its header (findTableHeader): the header among the
 * first 20 (or the first data row among the first 21), and the values that recognise its columns
 * below it (sampleColumns: 200 rows that hold something, among the next 2,000). A sheet read this
 * far, or to its end, has its header found as it would be over all its rows (the adjustment check
 * finds it so while the rest of the file is still being read).
 */
export const HEADER_FOUND_WITHIN = HEADER_ROWS + 1 + SAMPLED_ROWS * SAMPLE_REACH;

export function findTableHeader<F extends string>(
  shape: TableShape<F>,
  rows: readonly CellValue[][],
  taught?: Taught<F>,
): FoundHeader<F> | null {
  const score = (labels: CellValue[]) => {
    // A column without a label that was taught by its place (第N列) counts only in a row some of
    // whose labels name a field themselves: a title row over a header is not that header.
    const named = labels.some(
      (l) => normalizeLabel(l) && (taught?.fields.get(conceptOf(l))?.field ?? fieldOfLabel(shape.grammar, l)) != null,
    );
    const fields = labels
      .map((l, c) =>
        normalizeLabel(l) ? knownField(shape, taught, l, c) : named ? (taughtFor(taught, l, c)?.field ?? null) : null,
      )
      .filter((f): f is F => f !== null);
    return lacking(shape, fields).length === 0 ? new Set(fields).size : 0;
  };
  let best: { firstRow: number; lastRow: number } | null = null;
  let bestScore = Math.max(1, shape.minFields - 1);
  const limit = Math.min(rows.length, HEADER_ROWS);
  for (let r = 0; r < limit; r++) {
    const candidates = [{ firstRow: r, lastRow: r, s: score(rawLabels(shape, rows, r, r, taught)) }];
    // A pair only where the upper row adds to the lower one (not a title row above a header).
    if (r + 1 < rows.length) {
      const pair = score(rawLabels(shape, rows, r, r + 1, taught));
      if (pair > score(rawLabels(shape, rows, r + 1, r + 1, taught)))
        candidates.push({ firstRow: r, lastRow: r + 1, s: pair });
    }
    for (const c of candidates) {
      if (c.s > bestScore) {
        bestScore = c.s;
        best = c;
      }
    }
  }
  if (best) {
    const header = tableHeaderAt(shape, rows, best.firstRow, best.lastRow, taught);
    if (fits(shape, header.fields)) return header;
  }
  return headerByValues(shape, rows, taught);
}

/**
 * Where no header has every required field: the header found as findTableHeader finds one, but
 * asking only for two fields of the table, with the required fields it lacks, so that the mapping
 * step can show its columns and let the user say which one holds what is missing. Null where it
 * lacks more than half of what is required (a file of another kind, not a spelling to teach).
 */
export function nearestTableHeader<F extends string>(
  shape: TableShape<F>,
  rows: readonly CellValue[][],
  taught?: Taught<F>,
): (FoundHeader<F> & { missing: F[][] }) | null {
  const found = findTableHeader({ grammar: shape.grammar, required: [], minFields: 2 }, rows, taught);
  if (!found) return null;
  const missing = lacking(shape, found.fields);
  return missing.length * 2 <= shape.required.length ? { ...found, missing } : null;
}

function knownField<F extends string>(
  shape: TableShape<F>,
  taught: Taught<F> | undefined,
  label: CellValue,
  c: number,
): F | null {
  const t = taughtFor(taught, label, c);
  return t !== undefined ? t.field : fieldOfLabel(shape.grammar, label);
}

/**
 * The header found from the values below it (see findTableHeader): the first row, within the
 * first 20, that holds what its columns hold below it, with the table's fields placed, is the
 * first data row; the row above it is the header (none, blank, or a title over the table).
 */
function headerByValues<F extends string>(
  shape: TableShape<F>,
  rows: readonly CellValue[][],
  taught?: Taught<F>,
): FoundHeader<F> | null {
  for (let d = 0; d < Math.min(rows.length, HEADER_ROWS + 1); d++) {
    const row = rows[d] ?? [];
    if (row.every((v) => normalizeLabel(v) === '')) continue;
    const above = d - 1;
    const header = tableHeaderAt(shape, rows, above, above, taught, above < 0 || isTitleRow(rows[above] ?? []));
    if (!fits(shape, header.fields)) continue;
    const choices = header.fields.map((field, i) => ({ field, reason: header.reasons[i] }));
    if (looksLikeData(shape.grammar, row, choices)) return header;
  }
  return null;
}

/** A roster's header (see findTableHeader). */
export function findHeader(sheet: SourceSheet, taught?: Taught<ImportField>): HeaderGuess | null {
  return findTableHeader(ROSTER_SHAPE, sheet.rows, taught);
}

/** The header the user pointed at: one row, or two (group cells above labels). */
export function headerAt(
  sheet: SourceSheet,
  firstRow: number,
  lastRow: number,
  taught?: Taught<ImportField>,
): HeaderGuess {
  return tableHeaderAt(ROSTER_SHAPE, sheet.rows, firstRow, lastRow, taught);
}
