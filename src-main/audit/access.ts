// The access log (访问记录, PIPL Art. 51; issue 18 part 4): who opened which file, who exported or
// printed which list (its row count and filter), who revealed a masked field. The router writes a
// row after each successful call of a method that declares its access (contract/common.ts
// `Access`), so no domain writes it itself. Nothing here or anywhere deletes a row: the log is kept
// three years at least (and there is no method to delete it at all).
//
// A row is written on its own, after the call's own transaction committed: it cannot undo the
// call. Nor may it hold the call up: while the roster's import holds the write lock in its child
// process (one long transaction), or the start-up check does, a row that cannot be written at
// once waits in memory and is written with the next one that can (and at close).
import { type Selectable, sql } from 'kysely';
import type { AccessEntry, AccessFilter, AccessPage, AccessQuery } from '../contract/accessLog';
import { ACCESS_KIND_LABELS } from '../contract/accessLog';
import type { Access, AccessKind } from '../contract/common';
import type { AccessLogTable } from '../db/schema';
import type { Store } from '../db/store';
import { storageProblem } from '../db/open';
import { tableWorkbook } from '../documents/tableWorkbook';
import { todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { nowIso } from './audit';

export interface AccessRecord {
  operator: string;
  kind: AccessKind;
  what: string;
  personId: number | null;
  rows: number | null;
  filter: string | null;
}

/** Rows not yet written, per connection: the write lock was held elsewhere. */
const waiting = new WeakMap<Store, (AccessRecord & { at: string })[]>();

const INSERT = `INSERT INTO access_log (at, operator, action, what, person_id, rows, filter) VALUES (?, ?, ?, ?, ?, ?, ?)`;

/**
 * Writes the rows waiting, without waiting for a lock held elsewhere (busy_timeout 0 for this
 * write only: https://sqlite.org/pragma.html#pragma_busy_timeout). Returns how many still wait.
 */
export function flushAccessLog(store: Store, o: { wait?: boolean } = {}): number {
  const rows = waiting.get(store);
  if (!rows?.length) return 0;
  const timeout = store.raw.pragma('busy_timeout', { simple: true }) as number;
  if (!o.wait) store.raw.pragma('busy_timeout = 0');
  try {
    store.tx(() => {
      const insert = store.prepare(INSERT);
      for (const r of rows) insert.run(r.at, r.operator, r.kind, r.what, r.personId, r.rows, r.filter);
    });
    rows.length = 0;
  } catch (e) {
    // Busy, read-only (the file found damaged), full: the rows wait for the next write. Anything
    // else is a bug, and said.
    if (storageProblem(e) === null && !(e instanceof UserError && e.code === 'damaged')) throw e;
  } finally {
    if (!o.wait) store.raw.pragma(`busy_timeout = ${timeout}`);
  }
  return rows.length;
}

/** Records one access (router.ts, after the call succeeded). */
export function recordAccess(store: Store, record: AccessRecord): void {
  const rows = waiting.get(store) ?? [];
  waiting.set(store, rows);
  rows.push({ ...record, at: nowIso() });
  flushAccessLog(store);
}

/** Input fields that say which record, not which rows, or carry a file: never part of the filter. */
const NOT_FILTER = new Set(['id', 'personId', 'data', 'dataBase64', 'print']);

/** A value without what says nothing (empty text, lists, nulls, false), or undefined when nothing is left. */
function compact(v: unknown): unknown {
  if (v === null || v === undefined || v === '' || v === false) return undefined;
  if (Array.isArray(v)) return v.length ? v : undefined;
  if (typeof v === 'object' && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = NOT_FILTER.has(k) ? undefined : compact(x);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v instanceof Uint8Array ? undefined : v;
}

const field = (o: unknown, key: string): unknown =>
  o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A filter as the log keeps it: compact JSON, at most 2,000 characters. */
const FILTER_MAX = 2000;

/**
 * The access one call gave, as its method declares it (contract/common.ts `Access`): what the
 * declaration does not say is read from the call: the person its input or output names
 * (`personId`, or one alone in `personIds`), the rows its output counts (`count`, or `rows`), the
 * filter its input is. Null when the declaration says this call is not one to log (`only`).
 */
export function accessOf(declared: Access, input: unknown, output: unknown): Omit<AccessRecord, 'operator'> | null {
  if (declared.only && !declared.only(input)) return null;
  const ids = field(input, 'personIds');
  const person = declared.person
    ? declared.person(input, output)
    : (num(field(input, 'personId')) ??
      (Array.isArray(ids) && ids.length === 1 ? num(ids[0]) : null) ??
      num(field(output, 'personId')));
  const counted = field(output, 'count') ?? field(output, 'rows');
  const rows = declared.rows
    ? declared.rows(output)
    : declared.access === 'export' || declared.access === 'print'
      ? (num(counted) ?? (Array.isArray(counted) ? counted.length : null))
      : null;
  const filter = compact(declared.filter ? declared.filter(input) : input);
  const json = filter === undefined ? null : JSON.stringify(filter);
  return {
    kind: declared.access,
    what: declared.what ?? ACCESS_KIND_LABELS[declared.access],
    personId: person,
    rows,
    filter: json && json.length > FILTER_MAX ? `${json.slice(0, FILTER_MAX - 1)}…` : json,
  };
}

/** The log's rows a filter selects, as SQL: every condition on an indexed column where it can be. */
function where(store: Store, f: AccessFilter) {
  let q = store.kysely.selectFrom('access_log as a');
  if (f.operator) q = q.where('a.operator', '=', f.operator);
  if (f.kind) q = q.where('a.action', '=', f.kind);
  if (f.from) q = q.where('a.at', '>=', f.from);
  // `at` is local ISO text (2026-12-03T09:30:05): the last day counts whole.
  if (f.to) q = q.where('a.at', '<=', `${f.to}T23:59:59`);
  if (f.person) {
    // A % or _ typed in a name is itself (https://sqlite.org/lang_expr.html#like).
    const name = `%${f.person.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The people first (a few), then their rows through the (person_id, at) index.
    q = q.where('a.person_id', 'in', (sub) =>
      sub
        .selectFrom('persons')
        .select('id')
        .where(sql<boolean>`name LIKE ${name} ESCAPE '\\'`),
    );
  }
  return q;
}

type Row = Selectable<AccessLogTable> & { person_name: string | null };

function entry(r: Row): AccessEntry {
  const kind = r.action as AccessKind;
  return {
    id: r.id,
    at: r.at,
    operator: r.operator,
    kind,
    kindLabel: ACCESS_KIND_LABELS[kind] ?? r.action,
    what: r.what,
    personId: r.person_id,
    personName: r.person_name,
    rows: r.rows,
    filter: r.filter,
  };
}

function selectRows(store: Store, f: AccessFilter) {
  return where(store, f)
    .leftJoin('persons as p', 'p.id', 'a.person_id')
    .select([
      'a.id',
      'a.at',
      'a.operator',
      'a.action',
      'a.what',
      'a.person_id',
      'a.rows',
      'a.filter',
      'p.name as person_name',
    ])
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc');
}

/** One page of the log, newest first, with the count of all the filter selects. */
export function listAccess(store: Store, q: AccessQuery): AccessPage {
  flushAccessLog(store);
  const total = Number(store.first(where(store, q).select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
  const rows = store.all(
    selectRows(store, q)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
  );
  return { total, page: q.page, pageSize: q.pageSize, rows: (rows as Row[]).map(entry) };
}

/** The log as the filter selects it, as a workbook (documents/tableWorkbook), newest first. */
export async function accessWorkbook(
  store: Store,
  f: AccessFilter,
): Promise<{ fileName: string; count: number; data: Buffer }> {
  flushAccessLog(store);
  const rows = (store.all(selectRows(store, f)) as Row[]).map(entry);
  const data = await tableWorkbook({
    name: '访问记录',
    title: '个人信息访问记录',
    subtitle: `导出日期：${todayIso()}　共 ${rows.length} 条`,
    orientation: 'landscape',
    columns: [
      { label: '时间', kind: 'text', width: 20 },
      { label: '操作员', kind: 'text', width: 12 },
      { label: '类别', kind: 'text', width: 12 },
      { label: '内容', kind: 'text', width: 24 },
      { label: '人员', kind: 'text', width: 12 },
      { label: '条数', kind: 'number', width: 8 },
      { label: '范围', kind: 'text', width: 48, wrap: true },
    ],
    rows: rows.map((r) => [r.at.replace('T', ' '), r.operator, r.kindLabel, r.what, r.personName, r.rows, r.filter]),
  });
  return { fileName: `访问记录-${todayIso()}.xlsx`, count: rows.length, data };
}
