// Putting an analysed roster into the database: duplicates found within the file and against the
// files already kept (by ID number, else by name and full birth date; never by name alone), one
// transaction for the whole import, a log row for every source row, and undo.
import { createHash } from 'node:crypto';
import type {
  ImportCounts,
  ImportHistoryEntry,
  ImportOutcome,
  ImportReport,
  KeptEdit,
  ReportRow,
  RowIssue,
  UndoCheck,
  UndoResult,
} from '../contract/imports';
import { PersonInput, type PersonFile } from '../contract/retirees';
import { nowIso, writeAudit } from '../audit/audit';
import { importReason } from '../audit/describe';
import { dropIndexesUntilBuilt } from '../db/bulkIndexes';
import type { Store } from '../db/store';
import {
  createImportedPerson,
  deletePerson,
  getPerson,
  inputOf,
  normalizeName,
  updatePerson,
} from '../retirees/persons';
import { batchSearchIndex } from '../retirees/searchIndex';
import { currentOperator } from '../settings/settings';
import { fieldLabel, REMOTE_FIELDS, UPWARD_FIELDS } from '../shared/fields';
import { UserError } from '../shared/errors';
import {
  analyzeBook,
  type AnalysisSpec,
  type AnalyzedRow,
  type AnalyzedSheet,
  type ConvertedRow,
  type PersonKey,
} from './analyze';

export { toPersonInput } from './analyze';
import { findHeader, type ImportField } from './columns';
import { notARoster } from './rosterShape';
import { readSource } from '../spreadsheet/sources';
import type { SourceBook } from '../spreadsheet/tables';

export type DuplicateMode = 'fillEmpty' | 'overwrite' | 'skip';

export interface ImportDecisions {
  excludedSheets?: string[];
  excludedRows?: { sheet: string; row: number }[];
  /** What to do with a person already on file; fill empty fields only unless said otherwise. */
  duplicateMode?: DuplicateMode;
  rowModes?: Record<string, DuplicateMode>;
}

export interface PreparedImport {
  fileName: string;
  sha256: string;
  book: SourceBook;
  sheets: AnalyzedSheet[];
}

/** The analysis the user settled plus the cells they corrected in the preview. */
export interface ImportSpec extends AnalysisSpec {
  edits?: { sheet: string; row: number; col: number; value: string | null }[];
}

/** Reads the file once; corrections and choices are applied to what was read. */
export async function readImport(
  bytes: Buffer,
  fileName: string,
  read: (bytes: Buffer, fileName: string) => Promise<SourceBook> = readSource,
): Promise<{ book: SourceBook; sha256: string }> {
  return { book: await read(bytes, fileName), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * A correction lands only on a cell of the sheet as read: a row it has, a column within its
 * widest row. (An index is never trusted to size anything: col 4294967294 once made an array
 * of that length.)
 */
export function applyEdits(book: SourceBook, edits: ImportSpec['edits'] = []): void {
  for (const e of edits) {
    const sheet = book.sheets.find((s) => s.name === e.sheet);
    const row = sheet && Number.isSafeInteger(e.row) && e.row >= 1 ? sheet.rows[e.row - 1] : undefined;
    if (!sheet || !row)
      throw new UserError('invalid_input', `工作表“${String(e.sheet).slice(0, 40)}”没有第 ${e.row} 行`);
    let width = 0;
    for (const r of sheet.rows) width = Math.max(width, r.length);
    if (!Number.isSafeInteger(e.col) || e.col < 0 || e.col >= width)
      throw new UserError('invalid_input', `工作表“${sheet.name.slice(0, 40)}”没有第 ${e.col + 1} 列`);
    row[e.col] = e.value;
  }
}

export function analyzeImport(fileName: string, sha256: string, book: SourceBook, spec: AnalysisSpec): PreparedImport {
  const sheets = analyzeBook(book, spec);
  if (!sheets.some((s) => s.header)) {
    throw new UserError(
      'no_header',
      `在“${fileName}”中没有找到表头：至少需要“姓名”一列，以及身份证号、性别、出生日期等任一列`,
    );
  }
  return { fileName, sha256, book, sheets };
}

export async function prepareImport(bytes: Buffer, fileName: string, spec: ImportSpec = {}): Promise<PreparedImport> {
  const { book, sha256 } = await readImport(bytes, fileName);
  applyEdits(book, spec.edits);
  return analyzeImport(fileName, sha256, book, spec);
}

type FieldKey = keyof PersonInput;
const MERGE_FIELDS: FieldKey[] = [
  'gender',
  'ethnicity',
  'birthDate',
  'idNumber',
  'category',
  'staffType',
  'workStartDate',
  'retirementDate',
  'formerUnit',
  'formerPosition',
  'contributionYears',
  ...UPWARD_FIELDS,
  'politicalStatus',
  'address',
  'status',
  'statusDate',
  'postcode',
  'area',
  'building',
  'community',
  'health',
  'living',
  ...REMOTE_FIELDS,
  'careDisability',
  'remoteCity',
  'bankName',
  'bankAccount',
  'note',
];
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** `into` with the fields of `from`: only where `into` is empty, or every field `from` has. */
export function mergeInput(into: PersonInput, from: PersonInput, mode: 'fillEmpty' | 'overwrite'): PersonInput {
  const out: PersonInput = { ...into };
  for (const f of MERGE_FIELDS) {
    if (isEmpty(from[f])) continue;
    // 在册 is the default, not news: it never overwrites 已故 or 迁出; nor 计入统计 a 不计入.
    if ((f === 'status' && from.status === '在册') || (f === 'counted' && from.counted)) continue;
    if (mode === 'overwrite' || isEmpty(out[f]) || (f === 'status' && out.status === '在册'))
      (out as Record<string, unknown>)[f] = from[f];
  }
  const numbers = new Set(out.phones.map((p) => p.number));
  if (mode === 'overwrite' || out.phones.length === 0)
    out.phones = [...out.phones, ...from.phones.filter((p) => !numbers.has(p.number))];
  out.reviewFlags = [...new Set([...out.reviewFlags, ...from.reviewFlags])];
  return out;
}

function conflictsOf(existing: PersonInput, incoming: PersonInput) {
  return MERGE_FIELDS.filter(
    (f) =>
      f !== 'note' &&
      !(f === 'counted' && incoming.counted) &&
      !isEmpty(existing[f]) &&
      !isEmpty(incoming[f]) &&
      existing[f] !== incoming[f],
  ).map((f) => ({
    field: f,
    existing: String(existing[f]),
    incoming: String(incoming[f]),
  }));
}

// Asked for every row of every import and of every preview: prepared statements.
function findOnFile(store: Store, p: PersonKey): number | null {
  let row: { id: number } | undefined;
  if (p.idNumber) row = store.prepare('SELECT id FROM persons WHERE id_number = ?').get(p.idNumber) as typeof row;
  else if (p.birthDate && p.birthDate.length === 10) {
    row = store
      .prepare('SELECT id FROM persons WHERE name = ? AND birth_date = ? AND id_number IS NULL ORDER BY id LIMIT 1')
      .get(normalizeName(p.name), p.birthDate) as typeof row;
  }
  return row?.id ?? null;
}

type OnFile = (p: PersonKey) => number | null;

/**
 * How a run over a whole file finds the people already on file. Where the file is large next to
 * the database, the keys on file are read once (one pass over the table) instead of one query a
 * row; they stay right for the whole run, since a row whose key an earlier row of the same file
 * wrote is found among those rows first (`seen`), and a file the run updates keeps its key.
 */
function onFileFinder(store: Store, rows: number, n: number): OnFile {
  if (n > rows * 4) return (p) => findOnFile(store, p);
  const byId = new Map<string, number>();
  const byNameBirth = new Map<string, number>();
  for (const r of store
    .prepare('SELECT id, name, birth_date, id_number FROM persons ORDER BY id')
    .iterate() as Iterable<{ id: number; name: string; birth_date: string | null; id_number: string | null }>) {
    if (r.id_number) byId.set(r.id_number, r.id);
    else if (r.birth_date?.length === 10 && !byNameBirth.has(`${r.name}|${r.birth_date}`))
      byNameBirth.set(`${r.name}|${r.birth_date}`, r.id);
  }
  return (p) => {
    if (p.idNumber) return byId.get(p.idNumber) ?? null;
    if (p.birthDate && p.birthDate.length === 10)
      return byNameBirth.get(`${normalizeName(p.name)}|${p.birthDate}`) ?? null;
    return null;
  };
}

/**
 * Whether an import of `rows` data rows is large against the files already there (at least 2,000
 * rows and half as many as the files): then building persons' indexes once after the rows costs
 * less than updating them row by row (db/bulkIndexes.ts).
 */
const bulkInsert = (rows: number, files: number) => rows >= 2000 && rows * 2 >= files;

/**
 * What one import row wrote to a file: every field it changed, as it was before the row and as
 * the row left it (`before` is null where the row created the file). The import log keeps it for
 * every row that writes, inserted, updated or merged alike, and undo puts back exactly these.
 */
export interface FieldWrites {
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields that differ between a file's input before and after a write; null if none do. */
export function fieldWrites(before: PersonInput | null, after: PersonInput): FieldWrites | null {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  const keys = before === null ? Object.keys(after) : new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys as Iterable<keyof PersonInput>) {
    const value = after[key] ?? null;
    // A new file: what the row gave it, not every empty field and unticked box.
    if (before === null ? isEmpty(value) || value === false : same(before[key], value)) continue;
    was[key] = before?.[key] ?? null;
    now[key] = value;
  }
  return Object.keys(now).length ? { before: before === null ? null : was, after: now } : null;
}

/** Writes `next` over a file on record and says what the write changed, read back from the saved file. */
function saveRow(store: Store, existing: PersonFile, next: PersonInput, reason: string): FieldWrites | null {
  const before = inputOf(existing);
  if (same(before, next)) return null;
  const saved = updatePerson(store, existing.id, existing.version, next, { acceptWarnings: true, reason });
  return fieldWrites(before, inputOf(saved));
}

export interface CommitOptions extends ImportDecisions {
  dryRun?: boolean;
  /** Commit a file that does not look like a roster all the same (./rosterShape.ts): the user said so. */
  confirmNotRoster?: boolean;
  /** Called after each data row; throwing from it cancels the import (nothing is kept). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Which rows the report lists: every row (the CLI), those with problems (the wizard shows those;
   * the log has every row), or none (the preview's dry run keeps what it needs of each row itself).
   */
  reportRows?: 'all' | 'problems' | 'none';
  /** Told what each row does, by its position among the rows of every sheet. */
  onRow?: (
    at: number,
    outcome: ReportRow['outcome'],
    personId: number | null,
    conflicts: ReportRow['conflicts'],
  ) => void;
}

/** A data row as the commit reads it (converted when it was analysed: analyze.ts). */
function convertRow(row: AnalyzedRow): ConvertedRow {
  return row.converted ?? { input: null, person: null, issues: row.issues, key: null };
}

interface Decision {
  outcome: ImportOutcome;
  personId: number | null;
  conflicts: ReportRow['conflicts'];
  /** For a person on file that the row changes: the file, and what the row makes of it. */
  update?: { existing: PersonFile; next: PersonInput };
}

/**
 * What a data row does, worked out without writing. `earlier` is where the first row of the file
 * with the same key went (undefined: this row is the first).
 */
function decide(
  store: Store,
  onFile: OnFile,
  row: AnalyzedRow,
  c: ConvertedRow,
  earlier: { personId: number | null } | undefined,
  options: ImportDecisions,
  excluded: boolean,
): Decision {
  if (excluded) return { outcome: 'excluded', personId: null, conflicts: [] };
  const person = c.person;
  if (!person) return { outcome: 'rejected', personId: null, conflicts: [] };
  // The same person twice in the file (two sheets): one person, the later row fills gaps.
  if (earlier) return { outcome: 'merged', personId: earlier.personId, conflicts: [] };
  const existingId = onFile(person);
  if (existingId === null) return { outcome: 'inserted', personId: null, conflicts: [] };
  // A person on file: the row's whole input, to compare and merge.
  const input = c.input!;
  const before = getPerson(store, existingId);
  const current = inputOf(before);
  const mode = options.rowModes?.[`${row.sheet}!${row.row}`] ?? options.duplicateMode ?? 'fillEmpty';
  const conflicts = conflictsOf(current, input);
  if (mode === 'skip') return { outcome: 'skipped', personId: existingId, conflicts };
  const next = mergeInput(current, input, mode);
  if (JSON.stringify(next) === JSON.stringify(current)) return { outcome: 'skipped', personId: existingId, conflicts };
  return { outcome: 'updated', personId: existingId, conflicts, update: { existing: before, next } };
}

/** What a data row can do. */
const DATA_OUTCOME_LIST = [
  'inserted',
  'updated',
  'merged',
  'skipped',
  'excluded',
  'rejected',
] as const satisfies readonly ImportOutcome[];
const DATA_OUTCOMES = new Set<string>(DATA_OUTCOME_LIST);

/** Adds (1) or takes away (-1) what a row's outcome counts for (`flagged`: its person is flagged 待核实). */
function countOutcome(counts: ImportCounts, outcome: ReportRow['outcome'], flagged: boolean, sign: 1 | -1): void {
  if (!DATA_OUTCOMES.has(outcome)) {
    counts.nonDataRows += sign;
    return;
  }
  counts.dataRows += sign;
  counts[outcome as ImportOutcome] += sign;
  if ((outcome === 'inserted' || outcome === 'updated') && flagged) counts.needsReview += sign;
}

/** What the report says of the file's sheets. */
function sheetsOf(prepared: PreparedImport): ImportReport['sheets'] {
  return prepared.sheets.map((s) => ({
    name: s.name,
    hidden: s.hidden,
    dataRows: s.rows.filter((r) => r.outcome === 'data').length,
    header: s.header ? s.header.labels : null,
    fields: s.header ? s.header.fields : null,
    reasons: s.header ? s.header.reasons : null,
  }));
}

/**
 * Commits all of an import's rows, or none of them (one transaction). New people are written
 * through the bulk path (createImportedPerson): each source row's outcome, raw values and what it
 * gave the file go to the import's log, which is the audit of what the import created, with one
 * audit row that names the import; a person already on file is saved as any edit is (its audit
 * row), and the log keeps the fields the row changed, before and after, for undo.
 */
export function commitImport(store: Store, prepared: PreparedImport, options: CommitOptions = {}): ImportReport {
  const excludedSheets = new Set(options.excludedSheets ?? []);
  const excludedRows = new Set((options.excludedRows ?? []).map((r) => `${r.sheet}!${r.row}`));
  const rows = prepared.sheets.flatMap((s) => s.rows);
  const total = rows.filter((r) => r.outcome === 'data').length;
  // A table that is not a roster (many rows for few names) is imported only when the user confirms it.
  const doubts = notARoster(prepared.sheets, excludedSheets, excludedRows);
  if (doubts.length > 0 && !options.dryRun && !options.confirmNotRoster)
    throw new UserError('not_a_roster', `${doubts[0].message}。未导入，数据未作改动`);
  const dryRun = options.dryRun ?? false;

  const run = (): ImportReport => {
    const operator = dryRun ? '' : currentOperator(store);
    const importId = dryRun
      ? null
      : Number(
          store.run(
            store.kysely.insertInto('imports').values({
              file_name: prepared.fileName,
              file_sha256: prepared.sha256,
              format: prepared.book.format,
              at: nowIso(),
              operator,
              summary: '{}',
              audit_mark: (store.raw.prepare('select coalesce(max(id), 0) as n from audit_log').get() as { n: number })
                .n,
            }),
          ).lastInsertRowid,
        );
    const reason = importReason(prepared.fileName);
    const { n: files } = store.prepare('SELECT count(*) AS n FROM persons').get() as { n: number };
    const onFile = onFileFinder(store, total, files);
    // A roster as large as half the files or more: persons' indexes built once after its rows.
    const indexesBuilt = !dryRun && bulkInsert(total, files) ? dropIndexesUntilBuilt(store, 'persons') : null;
    const logRow = store.prepare(
      'INSERT INTO import_rows (import_id, sheet, row, outcome, person_id, raw, issues, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // Each person met so far in the file, by key: the file they went to (null in a dry run).
    const seen = new Map<string, { personId: number | null }>();
    const report: ReportRow[] = [];
    const counts: ImportCounts = {
      dataRows: 0,
      nonDataRows: 0,
      inserted: 0,
      updated: 0,
      merged: 0,
      skipped: 0,
      excluded: 0,
      rejected: 0,
      needsReview: 0,
    };
    let done = 0;
    for (let at = 0; at < rows.length; at++) {
      const row = rows[at];
      const base = {
        sheet: row.sheet,
        row: row.row,
        personId: null as number | null,
        name: row.name,
        issues: row.issues,
        conflicts: [] as ReportRow['conflicts'],
      };
      let outcome: ReportRow['outcome'] = row.outcome;
      let writes: FieldWrites | null = null;
      if (row.outcome === 'data') {
        done++;
        const c = convertRow(row);
        const earlier = c.key ? seen.get(c.key) : undefined;
        const excluded = excludedSheets.has(row.sheet) || excludedRows.has(`${row.sheet}!${row.row}`);
        const d = decide(store, onFile, row, c, earlier, options, excluded);
        outcome = d.outcome;
        base.issues = c.issues;
        base.personId = d.personId;
        base.conflicts = d.conflicts;
        if (!dryRun) {
          if (d.outcome === 'inserted') {
            const made = createImportedPerson(store, c.input!);
            base.personId = made.id;
            writes = fieldWrites(null, made.saved);
          } else if (d.update) writes = saveRow(store, d.update.existing, d.update.next, reason);
          else if (d.outcome === 'merged' && d.personId !== null) {
            const current = getPerson(store, d.personId);
            writes = saveRow(store, current, mergeInput(inputOf(current), c.input!, 'fillEmpty'), reason);
          }
        }
        if (c.key && !earlier && !excluded && c.person) seen.set(c.key, { personId: base.personId });
        options.onProgress?.(done, total);
      }
      countOutcome(counts, outcome, row.flagged, 1);
      const listed = options.reportRows ?? 'all';
      if (listed === 'all' || (listed === 'problems' && (base.issues.length > 0 || outcome === 'rejected')))
        report.push({ ...base, outcome });
      options.onRow?.(at, outcome, base.personId, base.conflicts);
      if (importId !== null) {
        logRow.run(
          importId,
          row.sheet,
          row.row,
          outcome,
          base.personId,
          JSON.stringify(row.raw()),
          JSON.stringify(base.issues),
          writes?.before ? JSON.stringify(writes.before) : null,
          writes ? JSON.stringify(writes.after) : null,
        );
      }
    }
    indexesBuilt?.();
    const summary: ImportReport = {
      importId,
      file: prepared.fileName,
      sheets: sheetsOf(prepared),
      ...counts,
      rows: report,
      ...(doubts.length > 0 ? { notARoster: doubts } : {}),
    };
    if (importId !== null) {
      // A mapping the user chose or taught is remembered for files with the same header; what
      // the recogniser found by itself it finds again.
      for (const sheet of prepared.sheets)
        if (sheet.header?.chosen) rememberMapping(store, sheet.header.labels, sheet.header.fields);
      const { rows: _rows, ...kept } = summary;
      store.run(
        store.kysely
          .updateTable('imports')
          .set({ summary: JSON.stringify(kept) })
          .where('id', '=', importId),
      );
      writeAudit(store, {
        entity: 'import',
        entityId: importId,
        personId: null,
        action: 'create',
        before: null,
        after: { fileName: prepared.fileName, ...counts },
        operator,
        reason,
      });
    }
    return summary;
  };
  // Written: the search rows of the people it wrote once, after them (retirees/searchIndex.ts).
  return dryRun ? run() : store.tx(() => batchSearchIndex(store, run));
}

/** A dry run's figures, as the preview shows them. */
export interface DryRunFigures {
  counts: ImportCounts & { problems: number };
  /** Rows reported as totals and as notes (合计, 注：…), not imported. */
  totalRows: number;
  noteRows: number;
  /** Words the file uses for a choice that the app does not know, with how many rows use each. */
  unknownValues: { field: string; value: string; count: number }[];
}

/** A row's outcome as the dry run keeps it: its place in this list. */
const OUTCOMES = [
  ...DATA_OUTCOME_LIST,
  'title',
  'header',
  'blank',
  'total',
  'note',
  'data',
] as const satisfies readonly ReportRow['outcome'][];
const OUTCOME_CODE = new Map<ReportRow['outcome'], number>(OUTCOMES.map((o, i) => [o, i]));

/**
 * The preview's dry run of the commit, kept with the wizard, so that a correction decides again
 * only what it can change: the corrected row, and the rows that share its key, before and after
 * (the same person twice in the file). Its figures are kept as tallies that a correction adjusts
 * for the rows it changed. Everything else, and the database, is left alone.
 *
 * Kept small (issue 14: the import's memory): for each row only what the dry run decided, as a
 * code and a number in typed arrays, and the conflicts of the few rows that have some; a row of
 * the report is made from these and the analysed row when the preview shows it.
 */
export class DryRun {
  /** The report's figures and sheets (its rows: reportRow). */
  readonly report: Omit<ImportReport, 'rows'>;
  /** The analysed rows of every sheet, one after another, as the report lists them. */
  private readonly rows: AnalyzedRow[];
  /** Where each sheet's rows start among them. */
  private readonly starts: number[];
  /** Each row's outcome (OUTCOMES) and person (NaN: none). */
  private readonly outcomes: Uint8Array;
  private readonly personIds: Float64Array;
  /** The rows whose person is on file with fields that differ: those fields. */
  private readonly conflicts = new Map<number, ReportRow['conflicts']>();
  /** The data rows by key, in file order (one row: its position alone). */
  private readonly byKey = new Map<string, number | number[]>();
  private readonly counts: DryRunFigures['counts'] = {
    dataRows: 0,
    nonDataRows: 0,
    inserted: 0,
    updated: 0,
    merged: 0,
    skipped: 0,
    excluded: 0,
    rejected: 0,
    needsReview: 0,
    problems: 0,
  };
  private readonly unknown = new Map<string, { field: string; value: string; count: number }>();
  private totalRows = 0;
  private noteRows = 0;

  constructor(
    private readonly store: Store,
    private readonly prepared: PreparedImport,
  ) {
    this.rows = prepared.sheets.flatMap((s) => s.rows);
    this.outcomes = new Uint8Array(this.rows.length);
    this.personIds = new Float64Array(this.rows.length);
    const { rows: _none, ...report } = commitImport(store, prepared, {
      dryRun: true,
      reportRows: 'none',
      onRow: (at, outcome, personId, conflicts) => this.decided(at, outcome, personId, conflicts),
    });
    this.report = report;
    this.starts = [];
    let at = 0;
    for (const s of prepared.sheets) {
      this.starts.push(at);
      at += s.rows.length;
    }
    this.rows.forEach((row, i) => {
      const key = row.outcome === 'data' ? convertRow(row).key : null;
      if (key) {
        const same = this.byKey.get(key);
        if (same === undefined) this.byKey.set(key, i);
        else if (typeof same === 'number') this.byKey.set(key, [same, i]);
        else same.push(i);
      }
      this.tally(i, 1);
    });
  }

  private decided(
    at: number,
    outcome: ReportRow['outcome'],
    personId: number | null,
    conflicts: ReportRow['conflicts'],
  ): void {
    this.outcomes[at] = OUTCOME_CODE.get(outcome)!;
    this.personIds[at] = personId ?? NaN;
    if (conflicts.length > 0) this.conflicts.set(at, conflicts);
    else this.conflicts.delete(at);
  }

  /** The positions of the data rows with this key, in file order. */
  private withKey(key: string): number[] {
    const list = this.byKey.get(key);
    return list === undefined ? [] : typeof list === 'number' ? [list] : list;
  }

  /** How many rows the report has (every row of every sheet). */
  get size(): number {
    return this.rows.length;
  }

  /** What the row at a position does. */
  outcome(at: number): ReportRow['outcome'] {
    return OUTCOMES[this.outcomes[at]];
  }

  /** The problems of the row at a position. */
  issues(at: number): RowIssue[] {
    const row = this.rows[at];
    return row.outcome === 'data' ? convertRow(row).issues : row.issues;
  }

  /** The report's row at a position. */
  reportRow(at: number): ReportRow {
    const row = this.rows[at];
    const personId = this.personIds[at];
    return {
      sheet: row.sheet,
      row: row.row,
      personId: Number.isNaN(personId) ? null : personId,
      name: row.name,
      issues: this.issues(at),
      conflicts: this.conflicts.get(at) ?? [],
      outcome: this.outcome(at),
    };
  }

  /** Every row of the report. */
  reportRows(): ReportRow[] {
    return this.rows.map((_, at) => this.reportRow(at));
  }

  /** The figures of the preview. */
  figures(): DryRunFigures {
    return {
      counts: { ...this.counts },
      totalRows: this.totalRows,
      noteRows: this.noteRows,
      unknownValues: [...this.unknown.values()].filter((u) => u.count > 0),
    };
  }

  /** Adds (1) or takes away (-1) what the row at a position counts for. */
  private tally(at: number, sign: 1 | -1): void {
    const outcome = this.outcome(at);
    const row = this.rows[at];
    const c = this.counts;
    countOutcome(c, outcome, row.flagged, sign);
    if (outcome === 'total') this.totalRows += sign;
    if (outcome === 'note') this.noteRows += sign;
    if (this.issues(at).length > 0) c.problems += sign;
    for (const issue of row.issues) {
      if (issue.code !== 'category_unknown') continue;
      const value = issue.value ?? '';
      const key = `category|${value}`;
      const u = this.unknown.get(key) ?? { field: 'category', value, count: 0 };
      u.count += sign;
      this.unknown.set(key, u);
    }
  }

  /** Where a sheet's row (1-based) is in the report. */
  position(sheet: number, row: number): number {
    return this.starts[sheet] + row - 1;
  }

  /** The analysed row at a position. */
  row(position: number): AnalyzedRow {
    return this.rows[position];
  }

  /** Puts a row analysed again in place of the one at `position`, and decides again what it changes. */
  replace(position: number, sheet: number, row: AnalyzedRow): void {
    const old = this.rows[position];
    const oldKey = old.outcome === 'data' ? convertRow(old).key : null;
    const key = row.outcome === 'data' ? convertRow(row).key : null;
    // The rows whose decision may change: this one, and those of both keys.
    const touched = new Set<number>([
      position,
      ...(oldKey ? this.withKey(oldKey) : []),
      ...(key ? this.withKey(key) : []),
    ]);
    for (const at of touched) this.tally(at, -1);
    this.report.sheets[sheet].dataRows += (row.outcome === 'data' ? 1 : 0) - (old.outcome === 'data' ? 1 : 0);
    this.rows[position] = row;
    this.prepared.sheets[sheet].rows[row.row - 1] = row;
    if (oldKey) {
      const list = this.withKey(oldKey).filter((at) => at !== position);
      if (list.length === 0) this.byKey.delete(oldKey);
      else this.byKey.set(oldKey, list.length === 1 ? list[0] : list);
    }
    if (key) {
      const list = [...this.withKey(key)];
      let at = list.length;
      while (at > 0 && list[at - 1] > position) at--;
      list.splice(at, 0, position);
      this.byKey.set(key, list.length === 1 ? list[0] : list);
    }
    // A row without a key stands alone; the rows of each key touched are decided again in file
    // order, the first as the one the others merge into.
    if (!key) this.decideAgain([position]);
    for (const k of new Set([oldKey, key])) if (k && this.byKey.has(k)) this.decideAgain(this.withKey(k));
    for (const at of touched) this.tally(at, 1);
    const { problems: _problems, ...counts } = this.counts;
    Object.assign(this.report, counts);
  }

  /** Decides the rows at these positions again, in file order: rows of one key, or one row alone. */
  private decideAgain(positions: number[]): void {
    let earlier: { personId: number | null } | undefined;
    for (const at of positions) {
      const row = this.rows[at];
      if (row.outcome !== 'data') {
        this.decided(at, row.outcome, null, []);
        continue;
      }
      const c = convertRow(row);
      // One row at a time, asked of the database as it is now.
      const d = decide(this.store, (p) => findOnFile(this.store, p), row, c, earlier, {}, false);
      this.decided(at, d.outcome, d.personId, d.conflicts);
      if (!earlier && c.person && c.key) earlier = { personId: d.personId };
    }
  }
}

/** A sheet's header labels: files whose headers look the same get the same mapping. */
export function headerSignature(labels: string[]): string {
  return labels.join('|');
}

/**
 * The mappings and value words users confirmed before, for a new file; `taught` (the CLI's
 * --map) is part of finding the header, and its columns stay as taught.
 */
export function rememberedSpec(store: Store, book: SourceBook, taught?: AnalysisSpec['taught']): AnalysisSpec {
  const fields: Record<string, (ImportField | null)[]> = {};
  const fieldReasons: Record<string, string> = {};
  for (const sheet of book.sheets) {
    const header = findHeader(sheet, taught);
    if (!header) continue;
    const saved = store.first(
      store.kysely
        .selectFrom('import_mappings')
        .select('fields')
        .where('signature', '=', headerSignature(header.labels)),
    );
    if (!saved) continue;
    const remembered = JSON.parse(saved.fields) as (ImportField | null)[];
    // What --map says of a column stands over what was remembered.
    fields[sheet.name] = header.labels.map((_, c) => (header.taught?.[c] ? header.fields[c] : (remembered[c] ?? null)));
    fieldReasons[sheet.name] = '按上次导入时确认的对应';
  }
  const valueMaps: Record<string, Record<string, string>> = {};
  for (const v of store.all(store.kysely.selectFrom('import_value_maps').selectAll()))
    (valueMaps[v.field] ??= {})[v.source] = v.target;
  return { fields, fieldReasons, valueMaps, taught };
}

/** Remembers a confirmed mapping for files whose headers look the same. */
export function rememberMapping(store: Store, labels: string[], fields: (ImportField | null)[]): void {
  store.run(
    store.kysely
      .insertInto('import_mappings')
      .values({ signature: headerSignature(labels), fields: JSON.stringify(fields), updated_at: nowIso() })
      .onConflict((oc) => oc.column('signature').doUpdateSet({ fields: JSON.stringify(fields), updated_at: nowIso() })),
  );
}

export function rememberValue(store: Store, field: string, source: string, target: string): void {
  store.run(
    store.kysely
      .insertInto('import_value_maps')
      .values({ field, source, target })
      .onConflict((oc) => oc.columns(['field', 'source']).doUpdateSet({ target })),
  );
}

function touched(store: Store, importId: number) {
  const imp = store.first(
    store.kysely.selectFrom('imports').selectAll().where('id', '=', importId).where('kind', '=', 'roster'),
  );
  if (!imp) throw new UserError('not_found', '没有找到这次导入');
  if (imp.undone_at) throw new UserError('already_undone', `这次导入已于 ${imp.undone_at.replace('T', ' ')} 撤销`);
  const rows = store.all(
    store.kysely
      .selectFrom('import_rows')
      .selectAll()
      .where('import_id', '=', importId)
      .where('outcome', 'in', ['inserted', 'updated', 'merged'])
      .orderBy('id', 'desc'),
  );
  return { imp, rows };
}

interface UndoPlan {
  imp: ReturnType<typeof touched>['imp'];
  /** The files the import created and that are still there: removed. */
  remove: number[];
  /** The files it wrote to: each with its fields put back where the import's value is still there. */
  restore: { file: PersonFile; input: PersonInput }[];
  keptEdits: KeptEdit[];
}

/**
 * What undoing an import does, worked out without writing. The rows are walked from the last to
 * the first, so that where two rows wrote the same field (two sheets) each puts back what the one
 * before it left. A field whose value is no longer what the import wrote was edited since: it is
 * kept as edited, and said (issue 12: undo restores every field, or says which it cannot).
 */
function planUndo(store: Store, importId: number): UndoPlan {
  const { imp, rows } = touched(store, importId);
  const exists = (id: number) => store.prepare('SELECT 1 FROM persons WHERE id = ?').get(id) !== undefined;
  const remove = new Set(
    rows
      .filter((r) => r.outcome === 'inserted' && r.person_id !== null && exists(r.person_id))
      .map((r) => r.person_id!),
  );
  const files = new Map<
    number,
    { file: PersonFile; input: Record<string, unknown>; restored: Set<string>; kept: Set<string> }
  >();
  for (const r of rows) {
    if (r.outcome === 'inserted' || r.person_id === null || remove.has(r.person_id) || !r.after) continue;
    let f = files.get(r.person_id);
    if (!f) {
      if (!exists(r.person_id)) continue;
      const file = getPerson(store, r.person_id);
      f = { file, input: inputOf(file), restored: new Set(), kept: new Set() };
      files.set(r.person_id, f);
    }
    // Imports logged before this change kept whole files: the fields that differ are the writes.
    const before = JSON.parse(r.before ?? '{}') as Record<string, unknown>;
    const after = JSON.parse(r.after) as Record<string, unknown>;
    for (const key of Object.keys(after)) {
      if (same(before[key], after[key]) || f.kept.has(key)) continue;
      if (same(f.input[key], after[key])) {
        f.input[key] = before[key] ?? null;
        f.restored.add(key);
      } else f.kept.add(key);
    }
  }
  const restore: UndoPlan['restore'] = [];
  const keptEdits: KeptEdit[] = [];
  for (const f of files.values()) {
    if (f.restored.size > 0) restore.push({ file: f.file, input: f.input as PersonInput });
    if (f.kept.size > 0)
      keptEdits.push({ personId: f.file.id, name: f.file.name, fields: [...f.kept].map((k) => fieldLabel(k)) });
  }
  return { imp, remove: [...remove], restore, keptEdits };
}

export function checkUndo(store: Store, importId: number): UndoCheck {
  const { imp, remove, keptEdits } = planUndo(store, importId);
  // A file the import created and someone changed since goes with its changes.
  const editedSince = remove.flatMap((personId) => {
    const later = store.first(
      store.kysely
        .selectFrom('audit_log')
        .select('id')
        .where('person_id', '=', personId)
        .where('id', '>', imp.audit_mark)
        .where((eb) => eb.or([eb('reason', 'is', null), eb('reason', '!=', importReason(imp.file_name))])),
    );
    return later ? [{ personId, name: getPerson(store, personId).name }] : [];
  });
  return { editedSince, keptEdits };
}

/** What undo says it did, and which fields it left as they were edited after the import. */
export function describeUndo(removed: number, restored: number, keptEdits: KeptEdit[]): string {
  const done = `已删除 ${removed} 份导入新增的档案，恢复 ${restored} 份档案中由导入填写的内容。`;
  if (keptEdits.length === 0) return done;
  return `${done}${keptEdits.map((k) => `${k.name}的${k.fields.join('、')}`).join('；')}在导入后又被修改过，保留修改后的内容，未恢复。`;
}

/**
 * Undoes an import: the files it created are removed, every field it wrote elsewhere is put back,
 * except fields edited since, which stay as edited and are named in the answer.
 */
export function undoImport(store: Store, importId: number): UndoResult {
  return store.tx(() => {
    const { imp, remove, restore, keptEdits } = planUndo(store, importId);
    const reason = `撤销导入“${imp.file_name}”`;
    for (const { file, input } of restore)
      updatePerson(store, file.id, file.version, input, { acceptWarnings: true, reason });
    for (const personId of remove) deletePerson(store, personId, reason);
    store.run(
      store.kysely
        .updateTable('imports')
        .set({ undone_at: nowIso(), undone_by: currentOperator(store) })
        .where('id', '=', importId),
    );
    return {
      removed: remove.length,
      restored: restore.length,
      keptEdits,
      message: describeUndo(remove.length, restore.length, keptEdits),
    };
  });
}

export function importHistory(store: Store): ImportHistoryEntry[] {
  return store
    .all(store.kysely.selectFrom('imports').selectAll().where('kind', '=', 'roster').orderBy('id', 'desc'))
    .map((i) => ({
      id: i.id,
      fileName: i.file_name,
      at: i.at,
      operator: i.operator,
      undoneAt: i.undone_at,
      counts: JSON.parse(i.summary),
    }));
}
