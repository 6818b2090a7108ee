// The annual pension adjustment check (调资核对). Staff enter the year's rule; the agency's list
// (ID number, name, old and new monthly pension, the increase) is imported and each row matched to
// a file by ID number; the rule's increase is computed for every matched person and set beside
// the agency's. Every data row of the file is kept: matched, not on file (unmatched), or unreadable
// (rejected), each with its raw values. Operators check people off one by one (date, note); notices
// (调资通知单) print in batch for the people whose figures agree or have been checked; the
// differences export to .xlsx.
import { createHash } from 'node:crypto';
import type { AdjustmentRowView, AdjustmentRunView } from '../contract/adjustments';
import type { PrintableView } from '../contract/common';
import { nowIso, writeAudit } from '../audit/audit';
import { applyEdit, editBetween } from '../audit/edits';
import type { Expression, ExpressionBuilder, Selectable, SqlBool } from 'kysely';
import type { AdjustmentRowsTable, AdjustmentRunsTable, Database } from '../db/schema';
import type { Store } from '../db/store';
import { BookFromEvents, readInThread, type BookEvent, type ThreadReading } from '../spreadsheet/stream';
import { HEADER_FOUND_WITHIN, type TableShape } from '../importer/columns';
import { ADJUSTMENT, ADJUSTMENT_FIELD_NAMES, type AdjustmentField } from '../importer/grammar';
import { bothTaught, teach } from '../importer/recognise';
import { rawCells, type SourceSheet } from '../spreadsheet/tables';
import { listRowAt, problem, readListRows, type Issue, type ListRowRead, type ListRowsRead } from './listRow';
import {
  findTables,
  notOnFile,
  rememberedTaught,
  rememberTable,
  type SheetColumns,
  type TableHeader,
} from '../importer/table';
import type { Html } from '../documents/html';
import { letterCss, letterHtml } from '../documents/letter';
import { printable } from '../documents/print';
import { letterAssets } from '../letters/letters';
import { currentOperator, getOfficeSettings } from '../settings/settings';
import {
  AdjustmentRule,
  increaseUnder,
  ruleProblems,
  type AdjustmentPerson,
  type AdjustmentResult,
} from '../shared/adjustment';
import { formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { addressFor, letterDate, type AddressForm } from '../shared/letters';
import { formatYuan } from '../shared/money';
import { fieldColumn, SEQ_COLUMN } from '../documents/columns';
import { tableWorkbook, type TableColumn } from '../documents/tableWorkbook';

// --- the rule ----------------------------------------------------------------------------------

export function getRule(store: Store, year: number): AdjustmentRule | null {
  const r = store.first(store.kysely.selectFrom('adjustment_rules').select('rule').where('year', '=', year));
  return r ? AdjustmentRule.parse(JSON.parse(r.rule)) : null;
}

/**
 * Saves the year's rule. `loaded` is the rule as the form showed it: what the user changed is put
 * on the rule as it is now, and a field someone else changed since is refused (audit/edits.ts).
 */
export function saveRule(store: Store, sent: AdjustmentRule, loaded?: Partial<AdjustmentRule> | null): AdjustmentRule {
  return store.tx(() => {
    const before = getRule(store, sent.year);
    const rule =
      before && loaded !== undefined
        ? applyEdit(editBetween(loaded, sent), {
            store,
            entity: 'adjustment_rule',
            entityId: sent.year,
            what: `${sent.year} 年调资规则`,
            current: before,
          })
        : sent;
    // The contract refuses these in what the form sent; the rule as merged, the CLI and the bench are checked here.
    const problems = ruleProblems(rule);
    if (problems.length) throw new UserError('invalid_input', problems.map((p) => p.message).join('；'));
    store
      .prepare(
        'INSERT INTO adjustment_rules (year, rule, saved_at, saved_by) VALUES (?, ?, ?, ?) ON CONFLICT (year) DO UPDATE SET rule = excluded.rule, saved_at = excluded.saved_at, saved_by = excluded.saved_by',
      )
      .run(rule.year, JSON.stringify(rule), nowIso(), currentOperator(store));
    writeAudit(store, {
      entity: 'adjustment_rule',
      entityId: rule.year,
      personId: null,
      action: before ? 'update' : 'create',
      before,
      after: rule,
    });
    return rule;
  });
}

// --- importing the agency's list ---------------------------------------------------------------

type Field = AdjustmentField;
const SHAPE: TableShape<Field> = {
  grammar: ADJUSTMENT,
  required: ['idNumber', 'old', ['new', 'increase']],
  minFields: 3,
};

export interface AdjustmentImportOptions {
  /** Read, match and compute, then keep nothing: what the import would give. */
  dryRun?: boolean;
  /** `{ "表头文字": "字段名" }`: the CLI's --map, or the columns the user set in the mapping step. */
  map?: Record<string, string | null>;
  /** Filled with where the time went, in ms (for the bench). */
  phases?: AdjustmentPhases;
  /** How the file is read, as the book's events: on a thread of its own unless a test says otherwise. */
  read?: (bytes: Buffer, fileName: string) => AsyncIterable<BookEvent>;
}

/**
 * The import's time: reading the file, less the time this thread spent meanwhile on its rows (the
 * reading thread read on); matching, computing and writing the rows as they came; then the run's
 * counts, its audit row and the commit.
 */
export interface AdjustmentPhases {
  read: number;
  check: number;
  store: number;
}

/** A dry run's answer is the run as it would be; nothing of it is kept. */
class DryRunDone extends Error {
  constructor(readonly view: AdjustmentRunView) {
    super('dry run');
  }
}

interface PersonForRule {
  id: number;
  name: string;
  category: string;
  birth_date: string | null;
  retirement_date: string | null;
  contribution_years: number | null;
  remote_area: number;
  status: string;
  status_date: string | null;
}

const PERSON_FOR_RULE_COLUMNS = [
  'id',
  'name',
  'category',
  'birth_date',
  'retirement_date',
  'contribution_years',
  'remote_area',
  'status',
  'status_date',
] as const;
const PERSON_FOR_RULE = `SELECT ${PERSON_FOR_RULE_COLUMNS.join(', ')} FROM persons WHERE id = ?`;

type Increase = ReturnType<typeof increaseUnder>;

/**
 * What a row keeps of its person, the facts its run's rule was applied to (adjustment_rows.basis,
 * migration 0037), as a JSON array in this order:
 *   [category, birth date, retirement date, contribution years, remote area 0/1]
 *   e.g. ["退休","1950-03-15","2010-03",35,0]; a fact the file lacks is null.
 * The row's lines are worked from it, its old_fen and its run's rule when read (runsOfRows): about
 * 35 bytes a row where the lines in words took 300, at 90,000 rows a list.
 */
type Basis = [
  category: string,
  birthDate: string | null,
  retirementDate: string | null,
  contributionYears: number | null,
  remoteArea: number,
];

function basisOf(p: PersonForRule): string {
  const basis: Basis = [p.category, p.birth_date, p.retirement_date, p.contribution_years, p.remote_area];
  return JSON.stringify(basis);
}

function personOfBasis(basis: string): AdjustmentPerson {
  const [category, birthDate, retirementDate, contributionYears, remoteArea] = JSON.parse(basis) as Basis;
  return { category, birthDate, retirementDate, contributionYears, remoteArea: remoteArea === 1 };
}

function compute(increase: Increase, p: PersonForRule, oldFen: number): AdjustmentResult {
  return increase(
    {
      category: p.category,
      birthDate: p.birth_date,
      retirementDate: p.retirement_date,
      contributionYears: p.contribution_years,
      remoteArea: p.remote_area === 1,
    },
    oldFen,
  );
}

/** A person's row as PERSON_FOR_RULE_COLUMNS reads it, in that order, in JSON. */
type FoundPerson = [
  id: number,
  name: string,
  category: string,
  birth: string | null,
  retirement: string | null,
  years: number | null,
  remote: number,
  status: string,
  statusDate: string | null,
];

function personForRule(p: FoundPerson): PersonForRule {
  return {
    id: p[0],
    name: p[1],
    category: p[2],
    birth_date: p[3],
    retirement_date: p[4],
    contribution_years: p[5],
    remote_area: p[6],
    status: p[7],
    status_date: p[8],
  };
}

/**
 * The person each row's ID number names, with what the rule needs: one statement for the rows,
 * joined on their places, answering one JSON text (JSON.parse builds 90,000 rows in a third less
 * time than better-sqlite3 hands them over value by value).
 */
function findPeople(store: Store, listed: ListRow[]): void {
  const answer = store
    .prepare(
      `SELECT json_group_array(json_array(j.key, ${PERSON_FOR_RULE_COLUMNS.map((c) => `p.${c}`).join(', ')})) FROM json_each(?) j JOIN persons p ON p.id_number = j.value`,
    )
    .pluck()
    .get(JSON.stringify(listed.map((l) => l.read.id.idNumber))) as string;
  for (const [at, ...p] of JSON.parse(answer) as [number, ...FoundPerson][]) listed[at].person = personForRule(p);
}

/** Everyone on file with an ID number, by it, as findPeople reads them. */
function everyoneOnFile(store: Store): Map<string, PersonForRule> {
  const answer = store
    .prepare(
      `SELECT json_group_array(json_array(id_number, ${PERSON_FOR_RULE_COLUMNS.join(', ')})) FROM persons WHERE id_number IS NOT NULL`,
    )
    .pluck()
    .get() as string;
  const byNumber = new Map<string, PersonForRule>();
  for (const [idNumber, ...p] of JSON.parse(answer) as [string, ...FoundPerson][])
    byNumber.set(idNumber, personForRule(p));
  return byNumber;
}

interface EarlierCheck {
  old_fen: number | null;
  agency_fen: number | null;
  expected_fen: number | null;
  checked_on: string;
  checked_by: string;
  check_note: string | null;
  run_id: number;
}

/** The year's checked rows, per person, the newest import first. */
function checksOfYear(store: Store, year: number): Map<number, EarlierCheck[]> {
  const rows = store
    .prepare(
      `SELECT r.person_id, r.old_fen, r.agency_fen, r.expected_fen, r.checked_on, r.checked_by, r.check_note, r.run_id
       FROM adjustment_rows r JOIN adjustment_runs u ON u.id = r.run_id
       WHERE u.year = ? AND r.checked_on IS NOT NULL AND r.person_id IS NOT NULL ORDER BY r.run_id DESC`,
    )
    .all(year) as (EarlierCheck & { person_id: number })[];
  const byPerson = new Map<number, EarlierCheck[]>();
  for (const { person_id, ...c } of rows) byPerson.set(person_id, [...(byPerson.get(person_id) ?? []), c]);
  return byPerson;
}

/**
 * Imports the agency's list for a year in one transaction; the run, with its counts.
 *
 * The file is read on a thread of its own (spreadsheet/stream.ts), a chunk of rows at a time, and
 * each chunk is matched, computed and written here as it comes, while the thread reads on: on two
 * cores the check takes little longer than reading the file alone (issue 17). The transaction
 * holds the write lock from the start (Store.txWaiting: the reading process runs one call at a
 * time), so the files the rows are matched to cannot change before they are kept.
 */
export async function importAdjustments(
  store: Store,
  bytes: Buffer,
  fileName: string,
  year: number,
  options: AdjustmentImportOptions = {},
): Promise<AdjustmentRunView> {
  const rule = getRule(store, year);
  if (!rule) throw new UserError('invalid_input', `请先填写 ${year} 年的调资规则，再导入调资名单`);
  const { phases } = options;
  if (phases) Object.assign(phases, { read: 0, check: 0, store: 0 });
  const started = performance.now();
  const told = options.map ? teach(ADJUSTMENT, options.map, '按指定的对应', '列的对应') : undefined;
  const taughtOf = (s: SourceSheet) =>
    bothTaught(told, rememberedTaught(store, 'adjustment', s.rows, ADJUSTMENT_FIELD_NAMES));
  try {
    return await store.txWaiting(async () => {
      const importedAt = nowIso();
      const importedBy = currentOperator(store);
      const ruleJson = JSON.stringify(rule);
      const runId = Number(
        store
          .prepare(
            'INSERT INTO adjustment_runs (year, file_name, file_sha256, rule, summary, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(year, fileName, createHash('sha256').update(bytes).digest('hex'), ruleJson, '{}', importedAt, importedBy)
          .lastInsertRowid,
      );
      // Nothing of a dry run is kept (SQLite rolls the transaction back): its rows are not written.
      const save = options.dryRun ? () => {} : (rows: CheckedRow[]) => insertRows(store, runId, rows);
      // The file starts being read; the check gets ready meanwhile (a long list's people are read then).
      const events = (options.read ?? readInThread)(bytes, fileName);
      const plan = 'plan' in events ? (events as ThreadReading).plan : null;
      const newCheck = () => new ListCheck(store, year, rule, bytes.length, save);
      let list = newCheck();
      const into = new BookFromEvents();
      /** Each sheet's table and its columns, once its header is decided (null: none), and its rows checked so far. */
      let sheets: { table: ListTable | null | undefined; columns: SheetColumns[]; next: number }[] = [];
      const advance = (i: number, complete: boolean) => {
        const sheet = into.sheets[i];
        const at = sheets[i];
        if (at.table === undefined) {
          if (!complete && sheet.rows.length < HEADER_FOUND_WITHIN) return;
          const { tables: [found] = [], columns } = findTables([sheet], SHAPE, taughtOf);
          at.table = found ?? null;
          at.columns = found ? columns : [];
          at.next = found ? found.header.row + 1 : 0;
          // The reading thread reads the rest of the table's rows as they say (listRow.ts: app/readThread.ts).
          if (found && plan) plan({ sheet: i, reader: 'adjustmentList', args: found.header.columns });
        }
        if (at.table && at.next < sheet.rows.length) {
          const clock = performance.now();
          list.add(at.table, at.next, sheet.rows.length);
          if (phases) phases.check += performance.now() - clock;
          at.next = sheet.rows.length;
        }
      };
      for await (const event of events) {
        into.take(event);
        if (event.type === 'restart') {
          // The book comes again from its start: what was written of it goes.
          store.prepare('DELETE FROM adjustment_rows WHERE run_id = ?').run(runId);
          list = newCheck();
          sheets = [];
        } else if (event.type === 'sheet') {
          if (sheets.length) advance(sheets.length - 1, true);
          sheets.push({ table: undefined, columns: [], next: 0 });
        } else if (event.type === 'rows' && event.read) {
          // Read on the reading thread, as planned when the sheet's header was found.
          const at = sheets[sheets.length - 1];
          if (!at.table) throw new Error('rows read on the reading thread for a sheet without a table');
          const clock = performance.now();
          list.addRead(at.table.sheet.name, event.from, event.read.value as ListRowsRead);
          if (phases) phases.check += performance.now() - clock;
          at.next = event.from + event.read.count;
        } else if (event.type === 'rows') advance(sheets.length - 1, false);
        else if (sheets.length) advance(sheets.length - 1, true);
      }
      if (phases) phases.read = performance.now() - started - phases.check;
      const tables = sheets.flatMap((s) => (s.table ? [s.table] : []));
      // Where no sheet holds the list, the columns of the sheets nearest to it, for the mapping step.
      const columns = tables.length
        ? sheets.flatMap((s) => s.columns)
        : findTables(into.sheets, SHAPE, taughtOf).columns;
      // A trial of a list that lacks a required column answers with its columns and what is missing
      // (nothing read), for the mapping step; an import is refused.
      if (tables.length === 0 && !(options.dryRun && columns.length > 0)) {
        throw new UserError(
          'no_header',
          `在“${fileName}”中没有找到调资名单的表头：需要身份证号、调整前养老金，以及调整后养老金或调整额各列（表头写法不同时，可用 --map 指定各列对应的字段）`,
        );
      }
      const counts = { ...list.counts, skipped: list.skipped };
      // The run as getRun reads it back, from what was just written (not a count over its rows).
      const view: AdjustmentRunView = {
        id: runId,
        year,
        fileName,
        importedAt,
        importedBy,
        rule: JSON.parse(ruleJson) as AdjustmentRule,
        counts,
        columns,
      };
      if (options.dryRun) throw new DryRunDone(view);
      store.prepare('UPDATE adjustment_runs SET summary = ?, tables = ? WHERE id = ?').run(
        JSON.stringify(counts),
        JSON.stringify(
          tables.map((t) => ({
            sheet: t.sheet.name,
            labels: t.header.labels,
            idLabel: t.header.labels[t.header.columns.get('idNumber')!],
          })),
        ),
        runId,
      );
      writeAudit(store, {
        entity: 'adjustment_run',
        entityId: runId,
        personId: null,
        action: 'create',
        before: null,
        after: { year, fileName, ...counts },
      });
      if (told !== undefined) for (const { header } of tables) rememberTable(store, 'adjustment', header);
      return view;
    });
  } catch (e) {
    if (e instanceof DryRunDone) return e.view;
    throw e;
  } finally {
    // Writing the last rows, the run's counts and its audit row, and the commit.
    if (phases) phases.store = performance.now() - started - phases.read - phases.check;
  }
}

/**
 * A data row of the list as it is stored: matched, not on file or rejected, with its figures,
 * and the facts its rule was applied to (basisOf), issues and raw cells as the JSON the row keeps.
 */
type CheckedRow = Omit<AdjustmentRowView, 'id' | 'idTyped' | 'diffFen' | 'breakdown' | 'issues' | 'raw'> & {
  basis: string | null;
  differs: 0 | 1;
  issues: string;
  raw: string;
};

/** A table of the list: its sheet and its header. */
interface ListTable {
  sheet: SourceSheet;
  header: TableHeader<Field>;
}

/** A data row below a table's header: where it is, what its cells say, and the person on file its ID number names. */
interface ListRow {
  sheet: string;
  r: number;
  read: ListRowRead;
  person: PersonForRule | undefined;
}

/**
 * The list's data rows matched to the files and computed under the rule, a table's rows at a time
 * in the order of the file, each batch handed to `save` as it is checked; their counts, and the
 * rows below the headers that are not data.
 */
class ListCheck {
  readonly counts = { dataRows: 0, matched: 0, unmatched: 0, rejected: 0, differs: 0, noExpected: 0, checked: 0 };
  skipped = 0;
  /** A person already met in the list: where (the sheet, the row). */
  private readonly seen = new Map<number, { sheet: string; r: number }>();
  /** A corrected list for the same year: a person checked before, with the same figures, stays checked. */
  private readonly earlierChecks: Map<number, EarlierCheck[]>;
  private readonly increase: Increase;
  /** Everyone on file with an ID number, read at once for a list about as long as the files (else each batch's people). */
  private readonly everyone: Map<string, PersonForRule> | null;

  constructor(
    private readonly store: Store,
    year: number,
    readonly rule: AdjustmentRule,
    fileBytes: number,
    private readonly save: (rows: CheckedRow[]) => void,
  ) {
    this.earlierChecks = checksOfYear(store, year);
    // The figures only: a row keeps the facts its lines are worked from when it is shown (basisOf).
    this.increase = increaseUnder(rule, { words: false });
    const onFile = store.prepare('SELECT count(*) FROM persons WHERE id_number IS NOT NULL').pluck().get() as number;
    this.everyone = onFile <= (2 * fileBytes) / 100 ? everyoneOnFile(store) : null;
  }

  /** The rows from..to (exclusive) of a table's sheet, read here. */
  add(table: ListTable, from: number, to: number): void {
    this.addRead(table.sheet.name, from, readListRows(table.header.columns, table.sheet.rows.slice(from, to)));
  }

  /** Rows of a sheet from row `from` on, as their cells say (readListRows: here, or on the reading thread). */
  addRead(sheet: string, from: number, read: ListRowsRead): void {
    const listed: ListRow[] = [];
    for (let i = 0; i < read.kinds.length; i++) {
      const row = listRowAt(read, i);
      if (row.kind !== 'data') this.skipped++;
      else listed.push({ sheet, r: from + i, read: row, person: undefined });
    }
    this.matchPeople(listed);
    const { counts } = this;
    const checked: CheckedRow[] = [];
    for (const l of listed) {
      const r = checkListRow(l, this.increase, this.seen, this.earlierChecks);
      // As countRows counts the stored rows.
      counts.dataRows++;
      counts[r.outcome]++;
      counts.differs += r.differs;
      if (r.outcome === 'matched' && r.expectedFen === null) counts.noExpected++;
      if (r.checkedOn !== null) counts.checked++;
      checked.push(r);
    }
    this.save(checked);
  }

  /**
   * Each row's person: from everyone on file, read at the start while the file's first rows are
   * read, for a list of a hundred bytes a row or more (an agency's list is) holding about as many
   * rows as there are people on file; for a shorter one, its people, a batch in one statement.
   */
  private matchPeople(listed: ListRow[]) {
    const everyone = this.everyone;
    if (everyone)
      for (const l of listed) l.person = l.read.id.idNumber === null ? undefined : everyone.get(l.read.id.idNumber);
    else findPeople(this.store, listed);
  }
}

function checkListRow(
  l: ListRow,
  increase: Increase,
  seen: Map<number, { sheet: string; r: number }>,
  earlierChecks: Map<number, EarlierCheck[]>,
): CheckedRow {
  const { id, name, oldFen, newFen, agencyFen } = l.read;
  // What the cells say first, then what matching them to the files finds.
  const issues: Issue[] = [...l.read.issues];

  const p = l.person;
  let outcome: CheckedRow['outcome'];
  let personId: number | null = null;
  let result: AdjustmentResult | null = null;
  if ('problem' in id || !p) {
    const why = 'problem' in id ? id : notOnFile(id.typed, id.idNumber);
    problem(issues, 'idNumber', why.code, why.problem);
    outcome = why.code === 'person_unknown' ? 'unmatched' : 'rejected';
  } else if (seen.has(p.id)) {
    const first = seen.get(p.id)!;
    problem(
      issues,
      'idNumber',
      'duplicate',
      `与“${first.sheet}”第 ${first.r + 1} 行的身份证号相同，同一人在名单中出现两次`,
    );
    outcome = 'rejected';
  } else {
    seen.set(p.id, { sheet: l.sheet, r: l.r });
    personId = p.id;
    outcome = oldFen === null || agencyFen === null ? 'rejected' : 'matched';
    if (name && name !== p.name) problem(issues, 'name', 'name_mismatch', `姓名“${name}”与档案中的“${p.name}”不符`);
    if (p.status === '已故')
      problem(issues, 'name', 'deceased', `档案记载已于${formatChineseDate(p.status_date) || '（日期不详）'}去世`);
    if (outcome === 'matched') {
      result = compute(increase, p, oldFen!);
      if (result.missing.length)
        issues.push({
          column: '档案',
          code: 'missing',
          message: `档案缺少${result.missing.join('、')}，无法计算应调金额`,
        });
    }
  }
  const expectedFen = result?.expectedFen ?? null;
  const before =
    outcome === 'matched'
      ? earlierChecks
          .get(personId!)
          ?.find((c) => c.old_fen === oldFen && c.agency_fen === agencyFen && c.expected_fen === expectedFen)
      : undefined;
  return {
    sheet: l.sheet,
    row: l.r + 1,
    outcome,
    personId,
    idNumber: id.idNumber,
    name,
    oldFen,
    newFen,
    agencyFen,
    expectedFen,
    basis: result ? basisOf(p!) : null,
    differs: expectedFen !== null && agencyFen !== null && expectedFen !== agencyFen ? 1 : 0,
    issues: issues.length ? JSON.stringify(issues) : '[]',
    raw: l.read.raw,
    checkedOn: before?.checked_on ?? null,
    checkedBy: before?.checked_by ?? null,
    checkNote: before
      ? `沿用第 ${before.run_id} 次导入的核对${before.check_note ? `：${before.check_note}` : ''}`
      : null,
  };
}

/** adjustment_rows' columns as a list's rows write them, in the order their values are bound. */
const ROW_COLUMNS = [
  'run_id',
  'sheet',
  'row',
  'outcome',
  'person_id',
  'id_number',
  'name',
  'old_fen',
  'new_fen',
  'agency_fen',
  'expected_fen',
  'basis',
  'differs',
  'issues',
  'raw',
  'checked_on',
  'checked_by',
  'check_note',
] as const;
/**
 * Rows an INSERT statement writes: 92,514 rows as a thousand statements of a hundred take a third
 * less time than one statement a row (bench/adjustments.ts). 18 values a row: 1,800 a statement,
 * within SQLite's 32,766 (https://sqlite.org/limits.html#max_variable_number).
 */
const ROWS_A_STATEMENT = 100;
const rowsInsert = (n: number) =>
  `INSERT INTO adjustment_rows (${ROW_COLUMNS.join(', ')}) VALUES ${Array<string>(n)
    .fill(`(${ROW_COLUMNS.map(() => '?').join(', ')})`)
    .join(', ')}`;

function insertRows(store: Store, runId: number, rows: CheckedRow[]) {
  // Raw: run for every row of the list, thousands of them (bulk import).
  const many = store.prepare(rowsInsert(ROWS_A_STATEMENT));
  const one = store.prepare(rowsInsert(1));
  const values: unknown[] = [];
  for (let at = 0; at < rows.length; at += ROWS_A_STATEMENT) {
    const end = Math.min(at + ROWS_A_STATEMENT, rows.length);
    values.length = 0;
    for (let i = at; i < end; i++) {
      const r = rows[i];
      values.push(
        runId,
        r.sheet,
        r.row,
        r.outcome,
        r.personId,
        r.idNumber,
        r.name,
        r.oldFen,
        r.newFen,
        r.agencyFen,
        r.expectedFen,
        r.basis,
        r.differs,
        r.issues,
        r.raw,
        r.checkedOn,
        r.checkedBy,
        r.checkNote,
      );
    }
    // As arguments, not one array: better-sqlite3 binds them faster (bench/adjustments.ts).
    if (end - at === ROWS_A_STATEMENT) many.run(...values);
    // The last few rows of the list one a statement (not a statement made for each length).
    else
      for (let v = 0; v < values.length; v += ROW_COLUMNS.length) one.run(...values.slice(v, v + ROW_COLUMNS.length));
  }
}

function countRows(store: Store, runId: number) {
  return store
    .prepare(
      `SELECT count(*) AS dataRows,
              coalesce(sum(outcome = 'matched'), 0) AS matched,
              coalesce(sum(outcome = 'unmatched'), 0) AS unmatched,
              coalesce(sum(outcome = 'rejected'), 0) AS rejected,
              coalesce(sum(differs), 0) AS differs,
              coalesce(sum(outcome = 'matched' AND expected_fen IS NULL), 0) AS noExpected,
              coalesce(sum(checked_on IS NOT NULL), 0) AS checked
       FROM adjustment_rows WHERE run_id = ?`,
    )
    .get(runId) as Omit<AdjustmentRunView['counts'], 'skipped'>;
}

// --- reading runs and rows ---------------------------------------------------------------------

type RunRow = Selectable<AdjustmentRunsTable>;

function runView(store: Store, r: RunRow): AdjustmentRunView {
  return {
    id: r.id,
    year: r.year,
    fileName: r.file_name,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    rule: JSON.parse(r.rule) as AdjustmentRule,
    counts: { ...countRows(store, r.id), skipped: (JSON.parse(r.summary) as { skipped?: number }).skipped ?? 0 },
  };
}

export function getRun(store: Store, id: number): AdjustmentRunView {
  const r = store.first(store.kysely.selectFrom('adjustment_runs').selectAll().where('id', '=', id));
  if (!r) throw new UserError('not_found', `没有找到第 ${id} 次调资名单导入`);
  return runView(store, r);
}

export function listRuns(store: Store, year: number): AdjustmentRunView[] {
  return store
    .all(store.kysely.selectFrom('adjustment_runs').selectAll().where('year', '=', year).orderBy('id', 'desc'))
    .map((r) => runView(store, r));
}

export type RowFilter =
  'all' | 'differs' | 'unmatched' | 'rejected' | 'noExpected' | 'unchecked' | 'checked' | 'toCheck';
const FILTERS: Record<RowFilter, (eb: ExpressionBuilder<Database, 'adjustment_rows'>) => Expression<SqlBool>> = {
  all: (eb) => eb.and([]),
  differs: (eb) => eb('differs', '=', 1),
  unmatched: (eb) => eb('outcome', '=', 'unmatched'),
  rejected: (eb) => eb('outcome', '=', 'rejected'),
  noExpected: (eb) => eb.and([eb('outcome', '=', 'matched'), eb('expected_fen', 'is', null)]),
  unchecked: (eb) => eb.and([eb('outcome', '=', 'matched'), eb('checked_on', 'is', null)]),
  checked: (eb) => eb('checked_on', 'is not', null),
  /** What still needs an operator: a difference, or no figure, not yet checked. */
  toCheck: (eb) =>
    eb.and([
      eb('outcome', '=', 'matched'),
      eb.or([eb('differs', '=', 1), eb('expected_fen', 'is', null)]),
      eb('checked_on', 'is', null),
    ]),
};

type Row = Selectable<AdjustmentRowsTable>;

/** What rows read together need of their runs (runsOfRows). */
interface RunsOfRows {
  /** The lines a row shows, how its figure was reached. */
  lines(r: Row): string[];
  /** The row's cells by the labels of its table. */
  raw(r: Row): Record<string, string>;
  /** The label of its table's ID number column (a run before it was kept: 身份证号, the usual one). */
  idLabel(r: Row): string;
}

/**
 * For rows read together (a page of a run, a person's years, a run's notices), what each needs of
 * its run, read and made ready once for each run met:
 * - its lines: its breakdown text where it has one (written before migration 0037, or kept when
 *   its run's rule was replaced: recomputeRun), otherwise worked from its basis, its old_fen and
 *   its run's rule with the increaseUnder the check used;
 * - its raw cells: the texts it keeps, by the labels its run keeps for its table (migration
 *   0038), or the object it kept before;
 * - which of those cells is its ID number's, for a row whose number could not be read.
 */
function runsOfRows(store: Store): RunsOfRows {
  // Raw: asked once for each run met among the rows.
  const runOf = store.prepare('SELECT rule, tables FROM adjustment_runs WHERE id = ?');
  type Table = { sheet: string; labels: string[]; idLabel?: string };
  const runs = new Map<number, { rule: string; increase?: Increase; tables: Map<string, Table> }>();
  const run = (id: number) => {
    let known = runs.get(id);
    if (!known) {
      const { rule, tables } = runOf.get(id) as { rule: string; tables: string | null };
      const bySheet = (JSON.parse(tables ?? '[]') as Table[]).map((t) => [t.sheet, t] as const);
      runs.set(id, (known = { rule, tables: new Map(bySheet) }));
    }
    return known;
  };
  return {
    lines(r) {
      if (r.breakdown !== null) return JSON.parse(r.breakdown) as string[];
      if (r.basis === null || r.old_fen === null) return [];
      const known = run(r.run_id);
      known.increase ??= increaseUnder(AdjustmentRule.parse(JSON.parse(known.rule)));
      return known.increase(personOfBasis(r.basis), r.old_fen).lines;
    },
    raw(r) {
      const kept = JSON.parse(r.raw) as Record<string, string> | (string | null)[];
      return Array.isArray(kept) ? rawCells(kept, run(r.run_id).tables.get(r.sheet)?.labels ?? []) : kept;
    },
    idLabel: (r) => run(r.run_id).tables.get(r.sheet)?.idLabel ?? '身份证号',
  };
}

function rowView(r: Row, runs: RunsOfRows): AdjustmentRowView {
  const raw = runs.raw(r);
  return {
    id: r.id,
    sheet: r.sheet,
    row: r.row,
    outcome: r.outcome as AdjustmentRowView['outcome'],
    personId: r.person_id,
    idNumber: r.id_number,
    idTyped: r.id_number === null ? (raw[runs.idLabel(r)] ?? null) : null,
    name: r.name,
    oldFen: r.old_fen,
    newFen: r.new_fen,
    agencyFen: r.agency_fen,
    expectedFen: r.expected_fen,
    diffFen: r.agency_fen !== null && r.expected_fen !== null ? r.agency_fen - r.expected_fen : null,
    breakdown: runs.lines(r),
    issues: JSON.parse(r.issues) as Issue[],
    raw,
    checkedOn: r.checked_on,
    checkedBy: r.checked_by,
    checkNote: r.check_note,
  };
}

export function runRows(
  store: Store,
  runId: number,
  filter: RowFilter,
  page: number,
  pageSize = 50,
): { total: number; rows: AdjustmentRowView[] } {
  getRun(store, runId);
  const filtered = store.kysely.selectFrom('adjustment_rows').where('run_id', '=', runId).where(FILTERS[filter]);
  const { n } = store.first(filtered.select((eb) => eb.fn.countAll<number>().as('n')))!;
  const rows = store.all(
    filtered
      .selectAll()
      .orderBy('sheet')
      .orderBy('row')
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  );
  const runs = runsOfRows(store);
  return { total: n, rows: rows.map((r) => rowView(r, runs)) };
}

/** A person's adjustment rows over the years, newest first (shown on the file). */
export function adjustmentsOf(store: Store, personId: number): (AdjustmentRowView & { year: number })[] {
  const rows = store.all(
    store.kysely
      .selectFrom('adjustment_rows as r')
      .innerJoin('adjustment_runs as u', 'u.id', 'r.run_id')
      .selectAll('r')
      .select('u.year')
      .where('r.person_id', '=', personId)
      .orderBy('u.year', 'desc')
      .orderBy('r.run_id', 'desc'),
  );
  const runs = runsOfRows(store);
  return rows.map(({ year, ...r }) => ({ ...rowView(r, runs), year }));
}

function row(store: Store, id: number): Row {
  const r = store.first(store.kysely.selectFrom('adjustment_rows').selectAll().where('id', '=', id));
  if (!r) throw new UserError('not_found', `没有找到这条调资核对记录`);
  return r;
}

// --- checking off, recomputing ------------------------------------------------------------------

export function checkRow(store: Store, id: number, note: string | null, today = todayIso()): AdjustmentRowView {
  return store.tx(() => {
    const before = row(store, id);
    if (before.checked_on)
      throw new UserError(
        'invalid_input',
        `${before.name ?? '此人'}已于 ${before.checked_on} 由${before.checked_by}核对`,
      );
    if (before.differs && !note)
      throw new UserError('invalid_input', '应调金额与社保经办机构的金额不一致，核对时请在备注中写明处理情况');
    store
      .prepare('UPDATE adjustment_rows SET checked_on = ?, checked_by = ?, check_note = ? WHERE id = ?')
      .run(today, currentOperator(store), note, id);
    const after = row(store, id);
    audit(store, before, after, null);
    return rowView(after, runsOfRows(store));
  });
}

export function uncheckRow(store: Store, id: number, reason: string): AdjustmentRowView {
  return store.tx(() => {
    const before = row(store, id);
    if (!before.checked_on) throw new UserError('invalid_input', '这条记录尚未核对');
    store
      .prepare('UPDATE adjustment_rows SET checked_on = NULL, checked_by = NULL, check_note = NULL WHERE id = ?')
      .run(id);
    const after = row(store, id);
    audit(store, before, after, reason);
    return rowView(after, runsOfRows(store));
  });
}

function audit(store: Store, before: Row, after: Row, reason: string | null) {
  const pick = (r: Row) => ({
    checkedOn: r.checked_on,
    checkedBy: r.checked_by,
    checkNote: r.check_note,
    agencyFen: r.agency_fen,
    expectedFen: r.expected_fen,
  });
  writeAudit(store, {
    entity: 'adjustment',
    entityId: after.id,
    personId: after.person_id,
    action: 'update',
    before: pick(before),
    after: pick(after),
    reason,
  });
}

/**
 * Recomputes the rows not yet checked under the year's rule as it stands now (after a correction),
 * from what their files say now. A checked row keeps the figure it was checked against, and so the
 * lines of the rule it was computed under: before the run's rule is replaced, they are written out.
 */
export function recomputeRun(store: Store, runId: number): AdjustmentRunView {
  return store.tx(() => {
    const run = getRun(store, runId);
    const rule = getRule(store, run.year);
    if (!rule) throw new UserError('invalid_input', `${run.year} 年的调资规则已不存在`);
    if (JSON.stringify(rule) !== JSON.stringify(run.rule)) keepCheckedLines(store, runId);
    // Raw: run for every matched row of the list, thousands of them.
    const personStmt = store.prepare(PERSON_FOR_RULE);
    const increase = increaseUnder(rule);
    const update = store.prepare(
      'UPDATE adjustment_rows SET expected_fen = ?, basis = ?, breakdown = NULL, differs = ?, issues = ? WHERE id = ?',
    );
    const rows = store.all(
      store.kysely
        .selectFrom('adjustment_rows')
        .selectAll()
        .where('run_id', '=', runId)
        .where('outcome', '=', 'matched')
        .where('checked_on', 'is', null),
    );
    for (const r of rows) {
      const person = personStmt.get(r.person_id) as PersonForRule;
      const result = compute(increase, person, r.old_fen!);
      const issues = (JSON.parse(r.issues) as Issue[]).filter((i) => i.code !== 'missing');
      if (result.missing.length)
        issues.push({
          column: '档案',
          code: 'missing',
          message: `档案缺少${result.missing.join('、')}，无法计算应调金额`,
        });
      const differs = result.expectedFen !== null && result.expectedFen !== r.agency_fen ? 1 : 0;
      update.run(result.expectedFen, basisOf(person), differs, JSON.stringify(issues), r.id);
    }
    store.prepare('UPDATE adjustment_runs SET rule = ? WHERE id = ?').run(JSON.stringify(rule), runId);
    writeAudit(store, {
      entity: 'adjustment_run',
      entityId: runId,
      personId: null,
      action: 'update',
      before: { rule: run.rule },
      after: { rule, recomputed: rows.length },
    });
    return getRun(store, runId);
  });
}

/**
 * The run's checked rows whose lines are worked from their basis get them written out under the
 * run's rule as it still is: a row's breakdown text, where present, is what it shows.
 */
function keepCheckedLines(store: Store, runId: number): void {
  const runs = runsOfRows(store);
  // Raw: run for every checked row of the list, up to thousands of them.
  const keep = store.prepare('UPDATE adjustment_rows SET breakdown = ? WHERE id = ?');
  const checked = store.all(
    store.kysely
      .selectFrom('adjustment_rows')
      .selectAll()
      .where('run_id', '=', runId)
      .where('checked_on', 'is not', null)
      .where('breakdown', 'is', null)
      .where('basis', 'is not', null),
  );
  for (const r of checked) keep.run(JSON.stringify(runs.lines(r)), r.id);
}

// --- the differences workbook -------------------------------------------------------------------

export async function differencesWorkbook(
  store: Store,
  runId: number,
): Promise<{ fileName: string; data: Buffer; rows: number }> {
  const run = getRun(store, runId);
  const runs = runsOfRows(store);
  const rows = store
    .all(
      store.kysely
        .selectFrom('adjustment_rows')
        .selectAll()
        .where('run_id', '=', runId)
        .where((eb) => eb.or([eb('differs', '=', 1), eb('outcome', '<>', 'matched'), eb('expected_fen', 'is', null)]))
        .orderBy('sheet')
        .orderBy('row'),
    )
    .map((r) => rowView(r, runs));
  const money = (label: string, width: number): TableColumn => ({ label, kind: 'money', width });
  const data = await tableWorkbook({
    name: '差异名单',
    title: `${run.year}年基本养老金调整核对差异名单（${run.fileName}）`,
    columns: [
      SEQ_COLUMN,
      { label: '工作表', kind: 'text', width: 10 },
      { label: '行号', kind: 'number', width: 6 },
      fieldColumn('name', 10),
      fieldColumn('idNumber', 22),
      money('调整前(元)', 12),
      money('调整后(元)', 12),
      money('经办机构调整额(元)', 16),
      money('应调金额(元)', 14),
      money('差额(元)', 12),
      { label: '问题', kind: 'text', width: 50 },
      { label: '核对情况', kind: 'text', width: 30 },
    ],
    rows: rows.map((r, i) => {
      const what =
        r.outcome === 'unmatched'
          ? '档案中无此人'
          : r.outcome === 'rejected'
            ? '无法读取'
            : r.expectedFen === null
              ? '无法计算'
              : '金额不一致';
      return [
        i + 1,
        r.sheet,
        r.row,
        r.name,
        r.idNumber,
        r.oldFen,
        r.newFen,
        r.agencyFen,
        r.expectedFen,
        r.diffFen,
        [what, ...r.issues.map((x) => x.message)].join('；'),
        r.checkedOn ? `${r.checkedOn} ${r.checkedBy}${r.checkNote ? `：${r.checkNote}` : ''}` : '未核对',
      ];
    }),
  });
  return { fileName: `${run.year}年调资核对差异名单.xlsx`, data, rows: rows.length };
}

// --- notices (调资通知单) ------------------------------------------------------------------------

/**
 * One notice a page for the run's matched people (or those named), in letter form with the
 * office's letterhead and seal. The figures are the agency's: what the person will be paid. A
 * person whose figure differs from the rule and has not been checked gets no notice yet. Refused
 * when nobody gets one, with the first reasons why.
 */
export function noticesPrintable(store: Store, runId: number, rowIds: number[], date = todayIso()): PrintableView {
  const run = getRun(store, runId);
  const { orgName } = getOfficeSettings(store);
  const runs = runsOfRows(store);
  const rows = (
    rowIds.length
      ? rowIds.map((id) => row(store, id)).filter((r) => r.run_id === runId)
      : store.all(
          store.kysely
            .selectFrom('adjustment_rows')
            .selectAll()
            .where('run_id', '=', runId)
            .where('outcome', '=', 'matched')
            .orderBy('sheet')
            .orderBy('row'),
        )
  ).map((r) => rowView(r, runs));
  // Raw: one prepared statement for each of up to thousands of notices.
  const person = store.prepare(
    'SELECT p.name, p.gender, p.status, lp.address_form FROM persons p LEFT JOIN letter_prefs lp ON lp.person_id = p.id WHERE p.id = ?',
  );
  const missing: PrintableView['missing'] = [];
  const letters: Html[] = [];
  const assets = letterAssets(store);
  for (const r of rows) {
    const p =
      r.personId === null
        ? undefined
        : (person.get(r.personId) as {
            name: string;
            gender: string | null;
            status: string;
            address_form: string | null;
          });
    if (!p || r.outcome !== 'matched') {
      missing.push({ personId: r.personId ?? 0, name: r.name ?? r.idNumber ?? `第 ${r.row} 行`, why: '未与档案对应' });
      continue;
    }
    if (p.status === '已故') {
      missing.push({ personId: r.personId!, name: p.name, why: '已故' });
      continue;
    }
    if (r.expectedFen !== r.agencyFen && !r.checkedOn) {
      missing.push({
        personId: r.personId!,
        name: p.name,
        why: r.expectedFen === null ? '应调金额无法计算，尚未核对' : '金额不一致，尚未核对',
      });
      continue;
    }
    const agrees = r.expectedFen === r.agencyFen;
    const parts = agrees && r.breakdown.length ? `（其中${r.breakdown.join('；')}）` : '';
    letters.push(
      letterHtml(
        {
          title: '调整基本养老金通知单',
          salutation: `${p.name}${addressFor((p.address_form as AddressForm | null) ?? '同志', p.gender)}：`,
          paragraphs: [
            `根据上级关于${run.year}年调整退休人员基本养老金的通知精神，自${formatChineseDate(run.rule.effectiveFrom)}起调整您的基本养老金。现将调整情况通知如下：`,
            `调整前月基本养老金：${formatYuan(r.oldFen!)} 元；`,
            `本次每月增加：${formatYuan(r.agencyFen!)} 元${parts}；`,
            `调整后月基本养老金：${formatYuan(r.oldFen! + r.agencyFen!)} 元。`,
            '如对调整结果有疑问，请与离退休管理办公室联系。',
          ],
          closing: ['特此通知。'],
          organisation: orgName,
          date: letterDate(date, 'arabic'),
        },
        assets,
      ),
    );
  }
  if (letters.length === 0) {
    throw new UserError(
      'invalid_input',
      `没有可以打印的通知单${
        missing.length
          ? `：${missing
              .slice(0, 20)
              .map((m) => `${m.name}（${m.why}）`)
              .join('、')}`
          : ''
      }`,
    );
  }
  return { ...printable(`${run.year}年调资通知单`, letterCss('A4'), letters), count: letters.length, missing };
}
