// The plans of the retiree list (issue 17): every filter the list's input offers, with every sort,
// is answered from indexes. A plan that walks `persons` (SCAN), or reads the row of everyone of a
// status and category to test the filter on it (an index narrowed by status and category alone,
// not COVERING), is what made a filtered name sort read all 100,000 files. The count of everyone
// on file is the table's size, which SQLite reads without reading the rows. The filters are taken
// from the contract's schema, so a new one fails here until it is given a sample value.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CARE_FLAG_KEYS, ListQuery, SORT_KEYS } from '../src-main/contract/retirees';
import type { AppContext } from '../src-main/app/context';
import { createDemoUnits, makeDemoPeople } from '../src-main/demo/generate';
import type { Store } from '../src-main/db/store';
import { pageQueries, searchHits } from '../src-main/retirees/list';
import { createPerson } from '../src-main/retirees/persons';
import { rankedMatchExpressions } from '../src-main/retirees/searchIndex';
import { freshContext } from './helpers';

/** What a list query holds beside its filter. */
const NOT_FILTERS = ['sort', 'desc', 'page', 'pageSize'];

/** Values for each filter, as the list page sends them. */
const SAMPLES: Record<string, unknown[]> = {
  q: ['z', '0102'],
  categories: [['退休'], ['退休', '离休']],
  statuses: [['在册'], ['在册', '迁出']],
  area: ['东区'],
  building: ['3号楼'],
  remoteCity: ['北京市', '未填城市'],
  adminGroupId: [1],
  partyBranchId: [13],
  partyMember: [true, false],
  minAge: [80],
  care: CARE_FLAG_KEYS.map((k) => [k]),
  needsReview: [true, false],
  statusDateFrom: ['2026-01-01'],
  socialized: [true],
};

/** The lists the issue measures, and none at all. */
const COMBINED = [{}, { statuses: ['在册'], categories: ['退休'], minAge: 80 }, { categories: ['退休'], minAge: 80 }];

const filters = Object.keys(ListQuery.shape).filter((k) => !NOT_FILTERS.includes(k));
const queries = [...filters.flatMap((f) => (SAMPLES[f] ?? []).map((v) => ({ [f]: v }))), ...COMBINED];

function plan(store: Store, query: { compile(): { sql: string; parameters: readonly unknown[] } }): string[] {
  const { sql, parameters } = query.compile();
  return (store.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[]).map(
    (r) => r.detail,
  );
}

/**
 * The lines of a plan that read persons the slow way: a scan, or the rows of everyone of a status
 * and category. A partial index holds only the people its filter keeps (a care flag), so reading
 * it whole is reading the few.
 */
function walks(store: Store, lines: string[]): string[] {
  const partial = (index: string) =>
    /\bWHERE\b/i.test(
      (store.raw.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(index) as { sql: string }).sql,
    );
  return lines.filter((l) => {
    const scan = /^SCAN persons(?: USING (?:COVERING )?INDEX (\w+))?/.exec(l);
    if (scan) return !(scan[1] && partial(scan[1]));
    const everyone = /^SEARCH persons USING INDEX (\w+) \((?:(?:status|category)=\?(?: AND )?)+\)$/.exec(l);
    return everyone !== null && !partial(everyone[1]);
  });
}

/**
 * Whether SQLite counts the statement's rows as the size of a b-tree, from its pages (the Count
 * opcode: https://sqlite.org/opcode.html#Count), without reading them: the count of everyone on file.
 */
function countsTheTable(store: Store, query: { compile(): { sql: string; parameters: readonly unknown[] } }): boolean {
  const { sql, parameters } = query.compile();
  return (store.raw.prepare(`EXPLAIN ${sql}`).all(...parameters) as { opcode: string }[]).some(
    (r) => r.opcode === 'Count',
  );
}

function everyPlan(store: Store): Record<string, string[]> {
  const slow: Record<string, string[]> = {};
  const note = (label: string, lines: string[]) => {
    const bad = walks(store, lines);
    if (bad.length) slow[label] = bad;
  };
  for (const filter of queries) {
    for (const sort of SORT_KEYS) {
      for (const desc of [false, true]) {
        const q = ListQuery.parse({ ...filter, sort, desc, page: 200 });
        const { count, page } = pageQueries(store, q, '2026-06-30');
        if (!countsTheTable(store, count))
          note(`${JSON.stringify(filter)} ${sort}${desc ? ' desc' : ''} count`, plan(store, count));
        note(`${JSON.stringify(filter)} ${sort}${desc ? ' desc' : ''} page`, plan(store, page));
      }
    }
    // A search without a sort is ranked: each tier reads its hits within the filter.
    const q = ListQuery.parse({ q: 'zgl', ...filter });
    for (const match of rankedMatchExpressions(q.q))
      note(`${JSON.stringify(filter)} search ${match}`, plan(store, searchHits(store, q, '2026-06-30', match, 1001)));
  }
  return slow;
}

let ctx: AppContext;
beforeAll(async () => {
  ctx = await freshContext();
});
afterAll(() => ctx.close());

describe('the list plans', () => {
  test('every filter of the list input has sample values here', () => {
    expect(filters.filter((f) => !SAMPLES[f]?.length)).toEqual([]);
  });

  test('a new office (no statistics): no filter and sort walks persons', () => {
    expect(everyPlan(ctx.store)).toEqual({});
  });

  test('with the statistics of a filled office (ANALYZE): no filter and sort walks persons', () => {
    ctx.store.tx(() => {
      const units = createDemoUnits(ctx.store);
      for (const p of makeDemoPeople(1500, 3, units)) createPerson(ctx.store, p, { acceptWarnings: false });
    });
    ctx.store.raw.exec('ANALYZE');
    expect(everyPlan(ctx.store)).toEqual({});
  });
});
