// The retiree list: search, filters, sort and paging over up to 100,000 people, and the home
// page's figures. Kysely builds the SQL; Store caches each distinct statement, so a repeated query
// shape is prepared once (the hot path the benchmark measures).
//
// A page is found in two steps: the ids of its 50 people, read from an index alone in the order
// the list shows (migration 0014: one branch per status and category, merged), then those 50 rows.
// A search without a chosen sort ranks its hits instead (rankedSearch).
import { type ExpressionBuilder, expressionBuilder, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import {
  NO_CITY,
  type Figures,
  type ListPage,
  type ListQuery,
  type PersonRow,
  SEARCH_CAP,
  type SearchMatch,
} from '../contract/retirees';
import type { Database } from '../db/schema';
import type { Store } from '../db/store';
import { bornOnOrBefore, personAge, todayIso } from '../shared/dates';
import { maskIdNumber, maskPhone } from '../shared/mask';
import { CARE_FLAGS, CATEGORIES, PARTY_MEMBER_STATUSES, STATUSES } from '../shared/person';
import { compareUnitNames } from '../shared/unitOrder';
import { parsePhones } from './persons';
import { matchExpression, rankedMatchExpressions, searchTerms } from './searchIndex';

type EB = ExpressionBuilder<Database, 'persons'>;
type SortKey = NonNullable<ListQuery['sort']>;

const SORT_COLUMNS = {
  name: 'name_sort',
  birthDate: 'birth_date',
  retirementDate: 'retirement_date',
  formerUnit: 'former_unit',
  idNumber: 'id_number',
  area: 'area',
  updatedAt: 'updated_at',
} as const;

const NOT_NULL_SORT = new Set(['name_sort', 'updated_at']);
const NULLABLE_SORT = { has: (c: string) => !NOT_NULL_SORT.has(c) };

// Constant conditions are written as literals, not parameters: SQLite uses a partial index
// (`WHERE care_hardship = 1`, migration 0014) only for a WHERE term it can see implies it
// (https://sqlite.org/partialindex.html#queries_using_partial_indexes).
const is = (column: string, value: number | string) => sql<boolean>`${sql.ref(column)} = ${sql.lit(value)}`;

/** The statuses and categories a query keeps: all of them when it names none. */
function statusesOf(q: ListQuery): readonly string[] {
  return q.statuses.length ? q.statuses : STATUSES;
}
function categoriesOf(q: ListQuery): readonly string[] {
  return q.categories.length ? q.categories : CATEGORIES;
}

/** Every condition of the list's filter but status and category. */
function otherConditions(eb: EB, q: ListQuery, today: string, search = true) {
  const all = [];
  const match = search ? matchExpression(q.q) : null;
  if (match !== null) {
    all.push(eb('id', 'in', sql<number>`(SELECT rowid FROM person_search WHERE person_search MATCH ${match})`));
  }
  if (q.area) all.push(eb('area', '=', q.area));
  if (q.building) all.push(eb('building', '=', q.building));
  if (q.remoteCity)
    all.push(
      is('remote', 1),
      q.remoteCity === NO_CITY ? eb('remote_city', 'is', null) : eb('remote_city', '=', q.remoteCity),
    );
  if (q.adminGroupId)
    all.push(eb.or([eb('admin_group_id', '=', q.adminGroupId), eb('admin_subgroup_id', '=', q.adminGroupId)]));
  if (q.partyBranchId)
    all.push(eb.or([eb('party_branch_id', '=', q.partyBranchId), eb('party_group_id', '=', q.partyBranchId)]));
  if (q.partyMember === true) all.push(eb('political_status', 'in', PARTY_MEMBER_STATUSES));
  if (q.partyMember === false)
    all.push(eb.or([eb('political_status', 'is', null), eb('political_status', 'not in', PARTY_MEMBER_STATUSES)]));
  if (q.minAge !== null) all.push(eb('birth_date', '<=', bornOnOrBefore(q.minAge, today)));
  for (const flag of q.care) {
    if (flag === 'aloneChildless') all.push(is('care_alone_childless', 1));
    if (flag === 'disabled') all.push(sql<boolean>`care_disability IS NOT NULL`);
    if (flag === 'hardship') all.push(is('care_hardship', 1));
    if (flag === 'emptyNest') all.push(is('care_empty_nest', 1));
    if (flag === 'remote') all.push(is('remote', 1));
  }
  if (q.needsReview === true) all.push(sql<boolean>`review_flags != '[]'`);
  if (q.needsReview === false) all.push(is('review_flags', '[]'));
  // A handed-over person's completed row (migration 0032's partial unique index answers it).
  const handedOver = sql<number>`(SELECT person_id FROM handover_people WHERE handed_over_on IS NOT NULL)`;
  if (q.socialized === true) all.push(eb('id', 'in', handedOver));
  if (q.statusDateFrom) all.push(eb('status_date', '>=', q.statusDateFrom));
  return all;
}

/**
 * The list's filter as one condition. Status and category are always named (every value when the
 * filter keeps all), so that SQLite starts from an index led by them and never walks the table.
 */
export function conditions(eb: EB, q: ListQuery, today: string, search = true) {
  return eb.and([
    eb('status', 'in', statusesOf(q)),
    eb('category', 'in', categoriesOf(q)),
    ...otherConditions(eb, q, today, search),
  ]);
}

/** The sort's columns in ORDER BY order, and the names the page query gives them. */
function sortTerms(sort: SortKey) {
  const column = SORT_COLUMNS[sort];
  return NULLABLE_SORT.has(column) ? { column, nullsLast: true } : { column, nullsLast: false };
}

/**
 * The list's order. Empty values last in ascending order (a list by birth date starts with people
 * who have one): the ORDER BY is exactly the sort part of an index of migration 0014, read forwards
 * or backwards.
 */
export function orderBy<Q extends SelectQueryBuilder<Database, 'persons', object>>(
  qb: Q,
  q: Pick<ListQuery, 'sort' | 'desc'>,
): Q {
  const { column, nullsLast } = sortTerms(q.sort ?? 'name');
  const dir = q.desc ? sql`DESC` : sql`ASC`;
  let out = qb;
  if (nullsLast) out = out.orderBy(sql`(${sql.ref(column)} IS NULL) ${dir}`) as Q;
  return out.orderBy(sql`${sql.ref(column)} ${dir}`).orderBy(sql`id ${dir}`) as Q;
}

/**
 * The two statements of a sorted page: how many people the filter keeps, and the ids of the
 * page's people in order (or of `window`, rows of the list by place). The ids come from one
 * branch per (status, category) pair, each an equality that an index of migration 0014 answers in
 * the sort's order, merged by UNION ALL (https://sqlite.org/lang_select.html#compound). Exported
 * for the test that pins their plans.
 */
export function pageQueries(
  store: Store,
  q: ListQuery,
  today: string,
  window = { offset: (q.page - 1) * q.pageSize, limit: q.pageSize },
) {
  const k = store.kysely;
  const { column, nullsLast } = sortTerms(q.sort ?? 'name');
  // Everyone on file: counted as the table's size, which SQLite reads from its pages without
  // looking at a row (https://sqlite.org/opcode.html#Count); a status and a category naming every
  // value would have each row's tested.
  const count = k
    .selectFrom('persons')
    .$if(!keepsEveryone(q, today), (qb) => qb.where((eb) => conditions(eb, q, today)))
    .select((eb) => eb.fn.countAll<number>().as('n'));
  const branch = (status: string, category: string) =>
    k
      .selectFrom('persons')
      .select(['id', sql<unknown>`${sql.ref(column)}`.as('sort_value')])
      // Whether the value is empty, for a sort that can be (merged on, before the value).
      .$if(nullsLast, (qb) => qb.select(sql<number>`(${sql.ref(column)} IS NULL)`.as('sort_null')))
      .where('status', '=', status as never)
      .where('category', '=', category as never)
      .where((eb) => eb.and(otherConditions(eb, q, today)));
  const pairs = statusesOf(q).flatMap((s) => categoriesOf(q).map((c) => [s, c] as const));
  let ids = branch(...pairs[0]);
  for (const pair of pairs.slice(1)) ids = ids.unionAll(branch(...pair));
  const dir = q.desc ? sql`DESC` : sql`ASC`;
  if (nullsLast) ids = ids.orderBy(sql`sort_null ${dir}`);
  const page = ids
    .orderBy(sql`sort_value ${dir}`)
    .orderBy(sql`id ${dir}`)
    .limit(window.limit)
    .offset(window.offset);
  return { count, page };
}

/** Whether the filter keeps everyone on file: every status and category (the table allows no other), nothing else asked. */
function keepsEveryone(q: ListQuery, today: string): boolean {
  return (
    new Set(statusesOf(q)).size === STATUSES.length &&
    new Set(categoriesOf(q)).size === CATEGORIES.length &&
    otherConditions(expressionBuilder<Database, 'persons'>(), q, today).length === 0
  );
}

/**
 * The ids of the page's people, read from the nearer end of the list: the rows before a page are
 * passed over one by one (OFFSET, https://sqlite.org/lang_select.html#limitoffset), so a page past
 * the middle is read as the same rows of the list sorted the other way, from its end, and turned
 * round. The last page of 100,000 people by name passed over 99,950 rows, and now none.
 */
function pageIds(
  store: Store,
  q: ListQuery,
  today: string,
  { total, page }: { total: number; page: ReturnType<typeof pageQueries>['page'] },
): number[] {
  const start = (q.page - 1) * q.pageSize;
  const end = Math.min(start + q.pageSize, total);
  if (start >= end) return [];
  if (start <= total - end) return store.all(page).map((r) => r.id);
  const reversed = pageQueries(store, { ...q, desc: !q.desc }, today, { offset: total - end, limit: end - start });
  return store
    .all(reversed.page)
    .map((r) => r.id)
    .reverse();
}

export function listPersons(store: Store, q: ListQuery, today = todayIso()): ListPage {
  if (q.sort === undefined && searchTerms(q.q).length > 0) return rankedSearch(store, q, today);
  const { count, page } = pageQueries(store, q, today);
  const total = store.first(count)?.n ?? 0;
  const ids = pageIds(store, q, today, { total, page });
  return { total, more: false, page: q.page, pageSize: q.pageSize, rows: rowsOf(store, ids, q.q, today) };
}

/**
 * The filter of a search's tiers, as the end of their WHERE: only what the clerk chose. A hit is
 * found by its id, so naming every status and category (as conditions() does for the list's
 * indexes) would only test each hit against all of them. The chosen ones are written as literals:
 * SQLite plans again at every run a statement whose parameter it consulted statistics for
 * (https://sqlite.org/c3ref/prepare.html).
 */
function searchFilter(q: ListQuery, today: string) {
  const among = (column: string, values: readonly string[]) =>
    sql<boolean>`${sql.ref(column)} IN (${sql.join(values.map((v) => sql.lit(v)))})`;
  const all = [
    ...(q.statuses.length ? [among('persons.status', q.statuses)] : []),
    ...(q.categories.length ? [among('persons.category', q.categories)] : []),
    ...otherConditions(expressionBuilder<Database, 'persons'>(), q, today, false),
  ];
  return all.length ? sql` AND ${sql.join(all, sql` AND `)}` : sql``;
}

type Hit = { id: number; rank_key: string };

/**
 * The people the filter keeps among the hits of one tier's MATCH expression, each with its key
 * in the ranking: the tier, 1 if deceased, then the name's sort key, as one string (the tier and
 * the flag are one digit each), which SQLite sorts faster than three columns. CROSS JOIN keeps
 * the search index first: SQLite reads hits as the index yields them and stops at a LIMIT
 * (https://sqlite.org/optoverview.html#crossjoin), never collecting them all. The key is read
 * from the index of migration 0016, a tenth of the table, not from the rows: written out here,
 * as Kysely has no INDEXED BY (https://sqlite.org/lang_indexedby.html).
 */
function tierHits(match: string, tier: number, filter: RawBuilder<unknown>) {
  return sql<Hit>`SELECT persons.id, ${sql.lit(String(tier))} || (persons.status = '已故') || persons.name_sort AS rank_key
    FROM person_search CROSS JOIN persons INDEXED BY persons_search_rank
    WHERE persons.id = person_search.rowid AND person_search MATCH ${match}${filter}`;
}

/** Up to `limit` hits of one tier's MATCH expression. Exported for the test that pins its plan. */
export function searchHits(store: Store, q: ListQuery, today: string, match: string, limit: number) {
  return store.kysely
    .selectFrom(sql<Hit>`(${tierHits(match, 0, searchFilter(q, today))} LIMIT ${limit})`.as('hits'))
    .selectAll();
}

/**
 * A search's hits in the order a clerk at the counter wants them, as one statement: the exact
 * name (or ID, or phone) first, then names that start with what was typed, then initials, then
 * any part; within each, the living before the deceased, then by name (the list's name order).
 * Each tier's expression leaves out the rows of the tiers before it (rankedMatchExpressions), so
 * the tiers, joined by UNION ALL, are read in turn and SQLite stops at SEARCH_CAP + 1 hits
 * (https://sqlite.org/lang_select.html#limitoffset): a one-letter search reads a thousand hits,
 * not all 24,000, and says `1,000+`. Where a tier holds more than the cap leaves room for, the
 * cap takes its first files (by id) and ranks those. Only the ids leave SQLite, in rank order.
 * Exported for the test that pins its plan.
 */
export function rankedHits(store: Store, q: ListQuery, today: string) {
  const filter = searchFilter(q, today);
  const tiers = rankedMatchExpressions(q.q).map((match, tier) => tierHits(match, tier, filter));
  return store.kysely
    .selectFrom(sql<Hit>`(${sql.join(tiers, sql` UNION ALL `)} LIMIT ${SEARCH_CAP + 1})`.as('hits'))
    .select('id')
    .orderBy('rank_key')
    .orderBy('id');
}

function rankedSearch(store: Store, q: ListQuery, today: string): ListPage {
  const ranked = store.column(rankedHits(store, q, today));
  const more = ranked.length > SEARCH_CAP;
  const start = (q.page - 1) * q.pageSize;
  const ids = ranked.slice(0, SEARCH_CAP).slice(start, start + q.pageSize);
  return {
    total: Math.min(ranked.length, SEARCH_CAP),
    more,
    page: q.page,
    pageSize: q.pageSize,
    rows: rowsOf(store, ids, q.q, today),
  };
}

/** The list's rows of these people, in this order; each with what of it a search matched. */
function rowsOf(store: Store, ids: number[], query: string, today: string): PersonRow[] {
  if (ids.length === 0) return [];
  const rows = store.all(
    store.kysely
      .selectFrom('persons')
      .select([
        'id',
        'name',
        'gender',
        'birth_date',
        'id_number',
        'category',
        'staff_type',
        'status',
        'status_date',
        'former_unit',
        'area',
        'building',
        'care_alone_childless',
        'care_disability',
        'care_hardship',
        'care_empty_nest',
        'remote',
        'review_flags',
        'phones',
      ])
      .where('id', 'in', ids),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const terms = searchTerms(query);
  return ids.map((id): PersonRow => {
    const r = byId.get(id)!;
    const phones = parsePhones(r.phones);
    const match = terms.length
      ? matchOf(
          terms,
          r.id_number,
          phones.map((p) => p.number),
        )
      : undefined;
    return {
      id: r.id,
      name: r.name,
      gender: r.gender,
      birthDate: r.birth_date,
      age: personAge({ birthDate: r.birth_date, status: r.status, statusDate: r.status_date }, today),
      idNumberMasked: maskIdNumber(r.id_number),
      category: r.category,
      staffType: r.staff_type,
      status: r.status,
      statusDate: r.status_date,
      formerUnit: r.former_unit,
      phone: phones[0] ? maskPhone(phones[0].number) : null,
      area: r.area,
      building: r.building,
      careFlags: [
        r.care_alone_childless ? CARE_FLAGS.aloneChildless : null,
        r.care_disability,
        r.care_hardship ? CARE_FLAGS.hardship : null,
        r.care_empty_nest ? CARE_FLAGS.emptyNest : null,
        r.remote ? CARE_FLAGS.remote : null,
      ].filter((f): f is string => f !== null),
      needsReview: r.review_flags !== '[]',
      ...(match ? { match } : {}),
    };
  });
}

/**
 * Where a typed word of digits is found in the ID number or a phone: the value with everything
 * masked but what the list shows anyway (an ID's first six and last four) and the match.
 */
export function matchOf(terms: string[], idNumber: string | null, phones: string[]): SearchMatch | undefined {
  for (const term of terms) {
    if (!/^[0-9x]+$/.test(term)) continue;
    if (idNumber) {
      const at = idNumber.toLowerCase().indexOf(term);
      if (at >= 0) {
        const masked = maskIdNumber(idNumber)!;
        const text = masked.slice(0, at) + idNumber.slice(at, at + term.length) + masked.slice(at + term.length);
        return { field: 'idNumber', text, from: at, to: at + term.length };
      }
    }
    for (const phone of phones) {
      // The digits of `138-4000-1234` are matched; the dashes stay where they are.
      const digits = [...phone].flatMap((c, i) => (/[0-9]/.test(c) ? [i] : []));
      const at = digits
        .map((i) => phone[i])
        .join('')
        .indexOf(term);
      if (at < 0) continue;
      const from = digits[at];
      const to = digits[at + term.length - 1] + 1;
      const text = [...phone].map((c, i) => (/[0-9]/.test(c) && (i < from || i >= to) ? '*' : c)).join('');
      return { field: 'phone', text, from, to };
    }
  }
  return undefined;
}

/** The areas and buildings that exist, for the list's filters. */
export function listFilterOptions(store: Store): { areas: string[]; buildings: string[] } {
  const distinct = (col: 'area' | 'building') =>
    store
      .all(store.kysely.selectFrom('persons').select(col).distinct().where(col, 'is not', null))
      .map((r) => r[col] as string)
      .sort(compareUnitNames);
  return { areas: distinct('area'), buildings: distinct('building') };
}

/** The home page's figures: 在册 by category, the very old, this year's deaths. */
export function officeFigures(store: Store, today = todayIso()): Figures {
  const k = store.kysely;
  const active = k.selectFrom('persons').where('status', '=', '在册');
  const byCategory = store.all(
    active.select(['category', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('category'),
  );
  const activeByCategory = Object.fromEntries(
    CATEGORIES.map((c) => [c, byCategory.find((r) => r.category === c)?.n ?? 0]),
  );
  const olderThan = (years: number) =>
    store.first(
      active.where('birth_date', '<=', bornOnOrBefore(years, today)).select((eb) => eb.fn.countAll<number>().as('n')),
    )?.n ?? 0;
  const count = (q: typeof active) => store.first(q.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  return {
    today,
    activeByCategory,
    activeTotal: Object.values(activeByCategory).reduce((a, b) => a + b, 0),
    over80: olderThan(80),
    over90: olderThan(90),
    over100: olderThan(100),
    deathsThisYear: count(
      k
        .selectFrom('persons')
        .where('status', '=', '已故')
        .where('status_date', '>=', `${today.slice(0, 4)}-01-01`)
        // From 1 January to today, as the 统计 page counts the year's deaths: not a date next year.
        .where('status_date', '<=', today),
    ),
    needsReview: count(k.selectFrom('persons').where('review_flags', '!=', '[]')),
  };
}
