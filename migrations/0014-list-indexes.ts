// The list's indexes (issue 17): any filter and sort of the retiree list answers from an index in
// the order it shows, at 100,000 people.
//
// The list reads a page as one branch per (status, category) pair its filter allows (at most
// 3 × 3, joined by UNION ALL and merged in order: https://sqlite.org/lang_select.html#compound),
// so each branch is an equality on both and walks `persons_list_<sort>` in the sort's order,
// testing the other filters on the index entry itself: every column a filter reads is in the
// index, so no row is read until the page's 50 are known. The sort indexes of 0001 become these.
// Each filter also has an index of its own (FILTER_INDEXES), for counting and for the few.
import { type Kysely, sql } from 'kysely';

/** The sorts of the list (retirees/list.ts SORT_COLUMNS), each as the ORDER BY it reads. */
const SORTS = [
  ['name', 'name_sort, id', 'persons_sort_name'],
  ['birth', '(birth_date IS NULL), birth_date, id', 'persons_sort_birth'],
  ['retirement', '(retirement_date IS NULL), retirement_date, id', 'persons_sort_retirement'],
  ['unit', '(former_unit IS NULL), former_unit, id', 'persons_sort_unit'],
  ['id_number', '(id_number IS NULL), id_number, id', 'persons_sort_id_number'],
  ['area', '(area IS NULL), area, id', 'persons_sort_area'],
  ['updated', 'updated_at, id', 'persons_sort_updated'],
] as const;

/** Every column a filter of the list reads (retirees/list.ts conditions), but the search's. */
const FILTERED = [
  'birth_date',
  'area',
  'building',
  'admin_group_id',
  'admin_subgroup_id',
  'party_branch_id',
  'party_group_id',
  'political_status',
  'care_alone_childless',
  'care_disability',
  'care_hardship',
  'care_empty_nest',
  'remote',
  'review_flags',
  'status_date',
];

/**
 * An index of its own for each filter but the age band, so that counting the people it keeps reads
 * them alone, status and category included (a count with no row read), and SQLite may gather a few
 * (a building, a care flag, those to review) and sort them rather than walk the sort's order.
 * Those of 0001 on the same column become these (their column still leads, for the org pages).
 */
const FILTER_INDEXES = [
  ['persons_area_building', 'area, building, status, category', null, 'area, building'],
  ['persons_building', 'building, status, category', null, null],
  ['persons_admin_group', 'admin_group_id, status, category', null, 'admin_group_id'],
  ['persons_admin_subgroup', 'admin_subgroup_id, status, category', null, 'admin_subgroup_id'],
  ['persons_party_branch', 'party_branch_id, status, category', null, 'party_branch_id'],
  ['persons_party_group', 'party_group_id, status, category', null, 'party_group_id'],
  ['persons_political_status', 'political_status, status, category', null, null],
  ['persons_alone_childless', 'status, category', 'care_alone_childless = 1', null],
  ['persons_disabled', 'status, category', 'care_disability IS NOT NULL', null],
  ['persons_hardship', 'status, category', 'care_hardship = 1', null],
  ['persons_empty_nest', 'status, category', 'care_empty_nest = 1', null],
  ['persons_remote', 'status, category', 'remote = 1', null],
  ['persons_to_review', 'status, category', "review_flags != '[]'", null],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, order, old] of SORTS) {
    await sql.raw(`DROP INDEX ${old}`).execute(db);
    const extra = FILTERED.filter((c) => !order.split(/[^a-z_]+/).includes(c));
    await sql.raw(`CREATE INDEX persons_list_${name} ON persons (status, category, ${order}, ${extra.join(', ')})`).execute(db);
  }
  for (const [name, columns, where, old] of FILTER_INDEXES) {
    if (old) await sql.raw(`DROP INDEX ${name}`).execute(db);
    await sql.raw(`CREATE INDEX ${name} ON persons (${columns})${where ? ` WHERE ${where}` : ''}`).execute(db);
  }
  // Statistics, so that SQLite knows a building keeps few people and a status most of them
  // (https://sqlite.org/lang_analyze.html); approximate, to stay quick on a large office. The app
  // keeps them current with PRAGMA optimize when it closes (app/context.ts).
  await sql`PRAGMA analysis_limit = 1000`.execute(db);
  await sql`ANALYZE persons`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, , , old] of FILTER_INDEXES) {
    await sql.raw(`DROP INDEX ${name}`).execute(db);
    if (old) await sql.raw(`CREATE INDEX ${name} ON persons (${old})`).execute(db);
  }
  for (const [name, order, old] of SORTS) {
    await sql.raw(`DROP INDEX persons_list_${name}`).execute(db);
    await sql.raw(`CREATE INDEX ${old} ON persons (${order})`).execute(db);
  }
}
