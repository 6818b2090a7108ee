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

/** What a row that is not data (blank, or a closing 合计 line) is read as besides its kind. */
const NO_ID = { code: 'id_missing', idNumber: null, problem: '' } as const;

/** The row as its cells say (a row that is not data: only that). */
export function readListRow(columns: ListColumns, row: CellValue[]): ListRowRead {
  const kind = tableRowKind(row);
  const cell = (f: AdjustmentField) => {
    const c = columns.get(f);
    return c === undefined ? null : (row[c] ?? null);
  };
  if (kind !== 'data')
    return { kind, id: NO_ID, name: null, oldFen: null, newFen: null, agencyFen: null, issues: [], raw: '' };
  const id = idNumberInCell(cell('idNumber'));
  const issues: Issue[] = [];
  const name = cellText(cell('name'))?.replace(/\s/g, '') || null;
  const oldFen = amountOf(cell('old'), 'old', issues);
  const newFen = amountOf(cell('new'), 'new', issues);
  const increaseFen = amountOf(cell('increase'), 'increase', issues);
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
  // Its cells' texts; the table's labels are kept once, on the run (adjustment_runs.tables).
  return { kind, id, name, oldFen, newFen, agencyFen, issues, raw: rawTextsJson(row) };
}
