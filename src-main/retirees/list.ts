// The retiree list: search, filters, sort and paging over up to 100,000 people, and the home
// page's figures. Kysely builds the SQL; Store caches each distinct statement, so a repeated query
// shape is prepared once (the hot path the benchmark measures).
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Figures, ListPage, ListQuery, PersonRow } from '../contract/retirees';
import type { Database } from '../db/schema';
import type { Store } from '../db/store';
import { bornOnOrBefore, personAge, todayIso } from '../shared/dates';
import { maskIdNumber } from '../shared/idNumber';
import { CARE_FLAGS, CATEGORIES, PARTY_MEMBER_STATUSES } from '../shared/person';
import { compareUnitNames } from '../shared/unitOrder';
import { matchExpression } from './searchIndex';

type EB = ExpressionBuilder<Database, 'persons'>;

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


export function conditions(eb: EB, q: ListQuery, today: string) {
  const all = [];
  const match = matchExpression(q.q);
  if (match !== null) {
    all.push(eb('id', 'in', sql<number>`(SELECT rowid FROM person_search WHERE person_search MATCH ${match})`));
  }
  if (q.categories.length) all.push(eb('category', 'in', q.categories));
  if (q.statuses.length) all.push(eb('status', 'in', q.statuses));
  if (q.area) all.push(eb('area', '=', q.area));
  if (q.building) all.push(eb('building', '=', q.building));
  if (q.adminGroupId) all.push(eb.or([eb('admin_group_id', '=', q.adminGroupId), eb('admin_subgroup_id', '=', q.adminGroupId)]));
  if (q.partyBranchId) all.push(eb.or([eb('party_branch_id', '=', q.partyBranchId), eb('party_group_id', '=', q.partyBranchId)]));
  if (q.partyMember === true) all.push(eb('political_status', 'in', PARTY_MEMBER_STATUSES));
  if (q.partyMember === false) all.push(eb.or([eb('political_status', 'is', null), eb('political_status', 'not in', PARTY_MEMBER_STATUSES)]));
  if (q.minAge !== null) all.push(eb('birth_date', '<=', bornOnOrBefore(q.minAge, today)));
  for (const flag of q.care) {
    if (flag === 'aloneChildless') all.push(eb('care_alone_childless', '=', 1));
    if (flag === 'disabled') all.push(eb('care_disability', 'is not', null));
    if (flag === 'hardship') all.push(eb('care_hardship', '=', 1));
    if (flag === 'emptyNest') all.push(eb('care_empty_nest', '=', 1));
    if (flag === 'remote') all.push(eb('remote', '=', 1));
  }
  if (q.needsReview === true) all.push(eb('review_flags', '!=', '[]'));
  if (q.needsReview === false) all.push(eb('review_flags', '=', '[]'));
  if (q.statusDateFrom) all.push(eb('status_date', '>=', q.statusDateFrom));
  return eb.and(all);
}

/**
 * The list's order. Empty values last in ascending order (a list by birth date starts with people
 * who have one): the ORDER BY is exactly a sort index of migration 0001, read forwards or backwards.
 */
export function orderBy<Q extends SelectQueryBuilder<Database, 'persons', object>>(qb: Q, q: Pick<ListQuery, 'sort' | 'desc'>): Q {
  const column = SORT_COLUMNS[q.sort];
  const dir = q.desc ? sql`DESC` : sql`ASC`;
  let out = qb;
  if (NULLABLE_SORT.has(column)) out = out.orderBy(sql`(${sql.ref(column)} IS NULL) ${dir}`) as Q;
  return out.orderBy(sql`${sql.ref(column)} ${dir}`).orderBy(sql`id ${dir}`) as Q;
}

export function listPersons(store: Store, q: ListQuery, today = todayIso()): ListPage {
  const base = store.kysely.selectFrom('persons').where((eb) => conditions(eb, q, today));
  const total = store.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const rows = store.all(
    base
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
        sql<string | null>`json_extract(phones, '$[0].number')`.as('phone'),
      ])
      .$call((qb) => orderBy(qb, q))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
  );
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map(
      (r): PersonRow => ({
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
        phone: r.phone,
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
      }),
    ),
  };
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
  const byCategory = store.all(active.select(['category', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('category'));
  const activeByCategory = Object.fromEntries(CATEGORIES.map((c) => [c, byCategory.find((r) => r.category === c)?.n ?? 0]));
  const olderThan = (years: number) =>
    store.first(active.where('birth_date', '<=', bornOnOrBefore(years, today)).select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const count = (q: typeof active) => store.first(q.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  return {
    today,
    activeByCategory,
    activeTotal: Object.values(activeByCategory).reduce((a, b) => a + b, 0),
    over80: olderThan(80),
    over90: olderThan(90),
    over100: olderThan(100),
    deathsThisYear: count(
      k.selectFrom('persons').where('status', '=', '已故').where('status_date', '>=', `${today.slice(0, 4)}-01-01`),
    ),
    needsReview: count(k.selectFrom('persons').where('review_flags', '!=', '[]')),
  };
}
