// A row of the agency's adjustment list as its cells say, before it is matched to a file: what
// kind of row it is, the ID number, the name, the three amounts and what is wrong with them, and
// the cells' texts as the row keeps them. Nothing here reads the database, so that the rows of a
// long list are read so on the thread that reads the file (app/readThread.ts), while the check
// matches the rows before them (adjustments.ts).
import { ADJUSTMENT_FIELD_NAMES, type AdjustmentField } from '../importer/grammar';
import { idNumberInCell } from '../importer/table';
import { cellText, type CellValue } from '../spreadsheet/cells';
import { rawTextsJson, tableRowKind } from '../spreadsheet/tables';
import { fenFromCell, formatYuan } from '../shared/money';

/** Something the row or its person is not as it should be: the column, a code, and a sentence. */
export interface Issue {
  column: string;
  code: string;
  message: string;
}

export interface ListRowRead {
  kind: ReturnType<typeof tableRowKind>;
  id: ReturnType<typeof idNumberInCell>;
  name: string | null;
  oldFen: number | null;
  newFen: number | null;
  /** The increase the agency gives: its 调整额, or the difference of the two pensions. */
  agencyFen: number | null;
  /** What is wrong with the amounts. */
  issues: Issue[];
  /** The cells' texts in column order (rawTextsJson). */
  raw: string;
}

/** The table's columns, by field (TableHeader.columns). */
export type ListColumns = ReadonlyMap<AdjustmentField, number>;

export function problem(issues: Issue[], f: AdjustmentField, code: string, message: string): void {
  issues.push({ column: ADJUSTMENT_FIELD_NAMES[f], code, message });
}

/** A column's amount in fen; null, with the issue, where it is not one. */
function amountOf(v: CellValue, f: AdjustmentField, issues: Issue[]): number | null {
  if (v === null || v === '') return null;
  try {
    const fen = fenFromCell(v);
    if (fen < 0) {
      problem(issues, f, 'amount', `${ADJUSTMENT_FIELD_NAMES[f]}不能为负数`);
      return null;
    }
    return fen;
  } catch (e) {
    problem(issues, f, 'amount', `${ADJUSTMENT_FIELD_NAMES[f]}：${(e as Error).message}`);
    return null;
  }
}

/**
 * Rows of the list as their cells say, a chunk at a time, kept by column (what a row is, its ID
 * number as read and as typed (null: as read) or why there is none, its name, its three figures in fen, NaN for
 * none, the issues of its amounts as JSON, its cells' texts): passed from the reading thread
 * without an object a row, and read back a row at a time by listRowAt.
 */
export interface ListRowsRead {
  kinds: Uint8Array;
  idNumbers: (string | null)[];
  typed: (string | null)[];
  idProblems: (string | null)[];
  names: (string | null)[];
  /** Three a row: old, new, the agency's increase. */
  fens: Float64Array;
  issues: (string | null)[];
  raws: string[];
}

const KINDS = ['data', 'blank', 'total'] as const;
const fenOr = (v: number) => (Number.isNaN(v) ? null : v);

function cellAt(columns: ListColumns, row: CellValue[], f: AdjustmentField): CellValue {
  const c = columns.get(f);
  return c === undefined ? null : (row[c] ?? null);
}

/** The rows as their cells say (a row that is not data: only what it is). */
export function readListRows(columns: ListColumns, rows: CellValue[][]): ListRowsRead {
  const n = rows.length;
  const read: ListRowsRead = {
    kinds: new Uint8Array(n),
    idNumbers: new Array<string | null>(n).fill(null),
    typed: new Array<string | null>(n).fill(null),
    idProblems: new Array<string | null>(n).fill(null),
    names: new Array<string | null>(n).fill(null),
    fens: new Float64Array(3 * n).fill(NaN),
    issues: new Array<string | null>(n).fill(null),
    raws: new Array<string>(n).fill(''),
  };
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    const kind = tableRowKind(row);
    read.kinds[i] = KINDS.indexOf(kind);
    if (kind !== 'data') continue;
    const id = idNumberInCell(cellAt(columns, row, 'idNumber'));
    read.idNumbers[i] = id.idNumber;
    if ('problem' in id) read.idProblems[i] = id.problem;
    // As typed, where that is not the number as read (most rows: not sent twice).
    else if (id.typed !== id.idNumber) read.typed[i] = id.typed;
    read.names[i] = cellText(cellAt(columns, row, 'name'))?.replace(/\s/g, '') || null;
    const issues: Issue[] = [];
    const oldFen = amountOf(cellAt(columns, row, 'old'), 'old', issues);
    const newFen = amountOf(cellAt(columns, row, 'new'), 'new', issues);
    const increaseFen = amountOf(cellAt(columns, row, 'increase'), 'increase', issues);
    if (oldFen === null && !issues.length) problem(issues, 'old', 'amount', '缺少调整前养老金');
    let agencyFen = increaseFen ?? (oldFen !== null && newFen !== null ? newFen - oldFen : null);
    if (agencyFen === null && !issues.length) problem(issues, 'increase', 'amount', '缺少调整后养老金或调整额');
    if (increaseFen !== null && oldFen !== null && newFen !== null && newFen - oldFen !== increaseFen) {
      problem(
        issues,
        'increase',
        'inconsistent',
        `调整额 ${formatYuan(increaseFen)} 元与调整前后之差 ${formatYuan(newFen - oldFen)} 元不符，按调整额核对`,
      );
    }
    if (agencyFen !== null && agencyFen < 0) {
      problem(issues, 'increase', 'amount', `调整后养老金低于调整前（${formatYuan(agencyFen)} 元）`);
      agencyFen = null;
    }
    if (oldFen !== null) read.fens[3 * i] = oldFen;
    if (newFen !== null) read.fens[3 * i + 1] = newFen;
    if (agencyFen !== null) read.fens[3 * i + 2] = agencyFen;
    if (issues.length) read.issues[i] = JSON.stringify(issues);
    // Its cells' texts; the table's labels are kept once, on the run (adjustment_runs.tables).
    read.raws[i] = rawTextsJson(row);
  }
  return read;
}

/** Row `i` of rows read (readListRows). */
export function listRowAt(read: ListRowsRead, i: number): ListRowRead {
  const problemText = read.idProblems[i];
  return {
    kind: KINDS[read.kinds[i]],
    id:
      problemText !== null
        ? { code: 'id_missing', idNumber: null, problem: problemText }
        : { idNumber: read.idNumbers[i]!, typed: read.typed[i] ?? read.idNumbers[i]! },
    name: read.names[i],
    oldFen: fenOr(read.fens[3 * i]),
    newFen: fenOr(read.fens[3 * i + 1]),
    agencyFen: fenOr(read.fens[3 * i + 2]),
    issues: read.issues[i] === null ? [] : (JSON.parse(read.issues[i]!) as Issue[]),
    raw: read.raws[i],
  };
}
