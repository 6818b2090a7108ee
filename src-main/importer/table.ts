// Reading a fixed-purpose list (a claims ledger, the agency's pension adjustment list) out of a
// sheet: the header and its columns are recognised as a roster's are (recognise.ts: the kind's
// grammar, then the values), with what the user taught (--map, the mapping sent with the call);
// below it, blank rows and the 合计/注/制表 lines are not data. Each data row keeps its raw values
// by header label, for the log that proves nothing was dropped.
import {
  findTableHeader as findHeaderOf,
  HEADER_ROWS,
  nearestTableHeader,
  type FoundHeader,
  type TableShape,
} from './columns';
import { nowIso } from '../audit/audit';
import type { Store } from '../db/store';
import { checkIdNumber } from '../shared/idNumber';
import type { Taught } from './recognise';
import { idCell, type CellValue } from '../spreadsheet/cells';
import { normalizeLabel, type SourceSheet } from '../spreadsheet/tables';

export interface TableHeader<F extends string> {
  /** 0-based row of the header (its last row); -1 where the data starts on the first row. */
  row: number;
  columns: Map<F, number>;
  labels: string[];
  fields: (F | null)[];
  /** Why each column has its field, or none. */
  reasons: string[];
}

export function findTableHeader<F extends string>(
  rows: CellValue[][],
  shape: TableShape<F>,
  taught?: Taught<F>,
): TableHeader<F> | null {
  const found = findHeaderOf(shape, rows, taught);
  return found ? tableHeaderOf(found) : null;
}

function tableHeaderOf<F extends string>(found: FoundHeader<F>): TableHeader<F> {
  const columns = new Map<F, number>();
  found.fields.forEach((f, c) => {
    if (f && !columns.has(f)) columns.set(f, c);
  });
  return { row: found.lastRow, columns, labels: found.labels, fields: found.fields, reasons: found.reasons };
}

/** The ID number an ID-number cell gives (a 15-digit number as its 18-digit form), or why there is none. */
export function idNumberInCell(
  value: CellValue,
): { idNumber: string; typed: string } | { problem: string; code: 'id_missing'; idNumber: null } {
  const id = idCell(value);
  if (id.kind !== 'text') {
    return {
      code: 'id_missing',
      idNumber: null,
      problem: id.kind === 'lost' ? `身份证号已被 Excel 改成科学计数（${id.shown}），无法识别` : '缺少身份证号',
    };
  }
  // Eighteen plain characters are their own ID number whatever the check says (the common case:
  // the full check is for the rest, a 15-digit number, spaces, full-width digits).
  if (/^\d{17}[\dXx]$/.test(id.text)) return { idNumber: id.text.toUpperCase(), typed: id.text };
  const check = checkIdNumber(id.text);
  return {
    idNumber: check.ok || check.code === 'checkDigit' ? check.normalized : id.text.trim().toUpperCase(),
    typed: id.text,
  };
}

/** Why a row names nobody on file, said the way the report says it. */
export function notOnFile(
  typed: string,
  idNumber: string,
): { problem: string; code: 'person_unknown'; idNumber: string } {
  return { code: 'person_unknown', idNumber, problem: `身份证号 ${typed} 未在档案中找到` };
}

/**
 * The person an ID-number cell names, matched by ID number only (a 15-digit number by its
 * 18-digit form); or why there is none, said the way the report says it.
 */
export function personByIdCell(
  store: Store,
  value: CellValue,
):
  | { id: number; name: string; status: string; idNumber: string }
  | { problem: string; code: 'id_missing' | 'person_unknown'; idNumber: string | null } {
  const id = idNumberInCell(value);
  if ('problem' in id) return id;
  const person = store.prepare('SELECT id, name, status FROM persons WHERE id_number = ?').get(id.idNumber) as
    { id: number; name: string; status: string } | undefined;
  if (!person) return notOnFile(id.typed, id.idNumber);
  return { ...person, idNumber: id.idNumber };
}

/**
 * What was confirmed before for a table of this kind whose header is one of the first rows (a
 * mapping sent with an import that was then committed): each column's field, by its place.
 */
export function rememberedTaught<F extends string>(
  store: Store,
  kind: string,
  rows: readonly CellValue[][],
  names: Record<F, string>,
): Taught<F> | undefined {
  const find = store.prepare('SELECT fields FROM import_mappings WHERE signature = ?');
  for (let r = 0; r < Math.min(rows.length, HEADER_ROWS); r++) {
    const labels = (rows[r] ?? []).map((v) => normalizeLabel(v));
    if (labels.every((l) => l === '')) continue;
    const saved = find.get(tableSignature(kind, labels)) as { fields: string } | undefined;
    if (!saved) continue;
    const remembered = (JSON.parse(saved.fields) as (string | null)[]).map((f) => (f && f in names ? (f as F) : null));
    const why = '按上次导入时确认的对应';
    return {
      fields: new Map(
        remembered.map((field, c) => [
          `第${c + 1}列`,
          { field, reason: field ? `${why}：${names[field]}` : `${why}：不对应字段` },
        ]),
      ),
    };
  }
  return undefined;
}

/** A kind's header labels, as remembered (a roster's are the bare labels: importer/commit.ts). */
export function tableSignature(kind: string, labels: readonly string[]): string {
  return `${kind}|${labels.join('|')}`;
}

/** Remembers a table's mapping for files of this kind with the same header. */
export function rememberTable<F extends string>(store: Store, kind: string, header: TableHeader<F>): void {
  if (header.row < 0) return;
  store
    .prepare(
      'INSERT INTO import_mappings (signature, fields, updated_at) VALUES (?, ?, ?) ON CONFLICT (signature) DO UPDATE SET fields = excluded.fields, updated_at = excluded.updated_at',
    )
    .run(tableSignature(kind, header.labels), JSON.stringify(header.fields), nowIso());
}

/** A sheet's columns as recognised, for the report (the mapping step of a ledger or an adjustment list). */
export interface SheetColumns {
  sheet: string;
  labels: string[];
  fields: (string | null)[];
  reasons: string[];
  /** The required fields no column is (each: fields any one of which will do); the sheet is not read until they are mapped. */
  missing?: string[][];
}

/**
 * The sheets of a book that hold a table of this shape, and their columns for the report. Where
 * none does, no table, and the columns of the sheets that come nearest (nearestTableHeader: the
 * fewest required fields lacking), each with what it lacks: a trial run answers with them, so the
 * mapping step can show the columns and the user pick the one that holds what is missing.
 */
export function findTables<F extends string>(
  sheets: readonly SourceSheet[],
  shape: TableShape<F>,
  taughtOf: (sheet: SourceSheet) => Taught<F> | undefined,
): { tables: { sheet: SourceSheet; header: TableHeader<F> }[]; columns: SheetColumns[] } {
  const columnsOf = (sheet: SourceSheet, h: TableHeader<F>): SheetColumns => ({
    sheet: sheet.name,
    labels: h.labels,
    fields: h.fields,
    reasons: h.reasons,
  });
  const tables = sheets.flatMap((sheet) => {
    const header = findTableHeader(sheet.rows, shape, taughtOf(sheet));
    return header ? [{ sheet, header }] : [];
  });
  if (tables.length > 0) return { tables, columns: tables.map((t) => columnsOf(t.sheet, t.header)) };
  const near = sheets.flatMap((sheet) => {
    const found = nearestTableHeader(shape, sheet.rows, taughtOf(sheet));
    return found ? [{ sheet, header: tableHeaderOf(found), missing: found.missing }] : [];
  });
  const fewest = Math.min(...near.map((n) => n.missing.length));
  return {
    tables: [],
    columns: near
      .filter((n) => n.missing.length === fewest)
      .map((n) => ({ ...columnsOf(n.sheet, n.header), missing: n.missing })),
  };
}
