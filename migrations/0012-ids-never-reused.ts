// Ids are never reused (issue 12). A plain INTEGER PRIMARY KEY takes max(id) + 1, so after an
// import was undone the next people took the removed people's ids and, with them, their change
// history, import-log lines and letters. AUTOINCREMENT keeps the highest id ever handed out in
// sqlite_sequence and never goes below it, for every insert, whoever writes it
// (https://sqlite.org/autoinc.html). SQLite cannot add it to a table in place: each table that
// hands out ids is rebuilt (https://sqlite.org/lang_altertable.html#otheralter) with its rows, ids
// and indexes unchanged, and each counter starts above the highest id anything still names: the
// audit log, the import log, the letters, the JSON of recorded changes.
//
// The rebuild drops the old copy of tables others refer to: it must run with foreign keys off, or
// their ON DELETE CASCADEs would empty the tables that refer to them. src-main/db/migrate.ts runs
// every migration that way and checks foreign_key_check before committing; this one refuses to
// run otherwise.
import { type Kysely, type RawBuilder, sql } from 'kysely';

/** Every table whose `id` is handed out by the database (natural keys such as a year are not). */
const COUNTED = [
  'org_units', 'persons', 'person_contacts', 'attachments', 'audit_log',
  'imports', 'import_rows',
  'claim_policies', 'payment_batches', 'claims', 'claim_lines',
  'visit_batches', 'visits', 'death_tasks',
  'letters_log', 'petitions', 'petition_attachments', 'certifications',
  'adjustment_runs', 'adjustment_rows', 'place_units',
  'activities', 'study_materials',
] as const;

/** The audit log's entity names, and the table their entity_id is an id of. */
const AUDITED: Record<string, string> = {
  person: 'persons',
  death: 'persons',
  attachment: 'attachments',
  claim: 'claims',
  claim_policy: 'claim_policies',
  visit: 'visits',
  petition: 'petitions',
  certification: 'certifications',
  adjustment: 'adjustment_rows',
  adjustment_run: 'adjustment_runs',
  activity: 'activities',
  study_material: 'study_materials',
  org_unit: 'org_units',
};

/** Columns that hold another table's id without a foreign key saying so. */
const UNDECLARED: [table: string, column: string, target: string][] = [
  ['audit_log', 'person_id', 'persons'],
  ['import_rows', 'person_id', 'persons'],
  ['claim_lines', 'person_id', 'persons'],
  ['claim_year_totals', 'person_id', 'persons'],
  ['attachments', 'claim_id', 'claims'],
  ['imports', 'audit_mark', 'audit_log'],
];

/**
 * Ids inside the JSON the audit log and the import log keep (a file's snapshot names its contacts,
 * a claim its lines, batch and reversal, an activity the people who came): by key, the table.
 */
const JSON_KEYS: Record<string, string> = {
  personId: 'persons',
  leaderPersonId: 'persons',
  claimId: 'claims',
  reversalOf: 'claims',
  reversedBy: 'claims',
  corrects: 'claims',
  batchId: 'payment_batches',
  visitId: 'visits',
  policyId: 'claim_policies',
  activityId: 'activities',
  materialId: 'study_materials',
  runId: 'adjustment_runs',
  petitionId: 'petitions',
  attachmentId: 'attachments',
  partyBranchId: 'org_units',
  partyGroupId: 'org_units',
  adminGroupId: 'org_units',
  adminSubgroupId: 'org_units',
};
/** Lists of ids, or of records with their own `id`, inside that JSON. */
const JSON_LISTS: Record<string, string> = {
  personIds: 'persons',
  contacts: 'person_contacts',
  lines: 'claim_lines',
  attachments: 'attachments',
};

async function rows<T>(db: Kysely<any>, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

/** Rebuilds `table` with `from` in its declaration replaced by `to`, keeping every row, id and index. */
async function rebuild(db: Kysely<any>, table: string, from: string, to: string): Promise<void> {
  const [{ sql: createSql }] = await rows<{ sql: string }>(db, sql`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`);
  const indexes = await rows<{ sql: string }>(db, sql`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ${table} AND sql IS NOT NULL`);
  const head = `CREATE TABLE "${table}" (`;
  if (!createSql.startsWith(head) || createSql.split(from).length !== 2) throw new Error(`${table}: 表结构与预期不符，无法升级`);
  const scratch = `${table}__0012`;
  await sql.raw(createSql.replace(head, `CREATE TABLE "${scratch}" (`).replace(from, to)).execute(db);
  await sql.raw(`INSERT INTO "${scratch}" SELECT * FROM "${table}"`).execute(db);
  await sql.raw(`DROP TABLE "${table}"`).execute(db);
  await sql.raw(`ALTER TABLE "${scratch}" RENAME TO "${table}"`).execute(db);
  for (const index of indexes) await sql.raw(index.sql).execute(db);
}

async function foreignKeysOff(db: Kysely<any>): Promise<void> {
  const [{ foreign_keys }] = await rows<{ foreign_keys: number }>(db, sql`PRAGMA foreign_keys`);
  if (foreign_keys !== 0) throw new Error('0012 重建数据表，必须在关闭外键约束时运行（见 src-main/db/migrate.ts），否则会级联删除数据');
}

/** The highest id of `target` that anything in the database names. */
async function highestNamed(db: Kysely<any>): Promise<Map<string, number>> {
  const high = new Map<string, number>();
  const note = (target: string, id: number | null) => {
    if (id !== null && id > (high.get(target) ?? 0)) high.set(target, id);
  };
  const tables = (await rows<{ name: string }>(db, sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)).map((t) => t.name);
  const maxOf = async (table: string, column: string) =>
    (await rows<{ n: number | null }>(db, sql`SELECT max(${sql.ref(column)}) AS n FROM ${sql.table(table)}`))[0].n;
  for (const target of COUNTED) note(target, await maxOf(target, 'id'));
  // Foreign keys, as the schema declares them.
  for (const table of tables.filter((t) => !t.startsWith('person_search'))) {
    const keys = await rows<{ table: string; from: string; to: string | null }>(db, sql`SELECT "table", "from", "to" FROM pragma_foreign_key_list(${table})`);
    for (const k of keys) if ((COUNTED as readonly string[]).includes(k.table) && (k.to ?? 'id') === 'id') note(k.table, await maxOf(table, k.from));
  }
  for (const [table, column, target] of UNDECLARED) note(target, await maxOf(table, column));
  // The search index is keyed by the person's id.
  note('persons', (await rows<{ n: number | null }>(db, sql`SELECT max(rowid) AS n FROM person_search`))[0].n);
  // The audit log names its records by entity and id.
  for (const r of await rows<{ entity: string; n: number }>(db, sql`SELECT entity, max(entity_id) AS n FROM audit_log GROUP BY entity`)) {
    if (AUDITED[r.entity]) note(AUDITED[r.entity], r.n);
  }
  // The JSON of the audit log and of the import log: a record's own `id` at the top is the
  // audited entity's; keys and lists as above.
  for (const [table, column, entity] of [
    ['audit_log', 'before', 'entity'],
    ['audit_log', 'after', 'entity'],
    ['import_rows', 'before', "'person'"],
    ['import_rows', 'after', "'person'"],
  ] as const) {
    const found = await rows<{ entity: string; key: string | number; path: string; n: number }>(
      db,
      sql.raw(`SELECT ${entity} AS entity, j.key, j.path, max(j.value) AS n FROM "${table}" AS r, json_tree(r."${column}") AS j
               WHERE r."${column}" IS NOT NULL AND json_valid(r."${column}") AND j.type = 'integer'
               GROUP BY 1, 2, 3`),
    );
    for (const f of found) {
      if (f.path === '$' && f.key === 'id') note(AUDITED[f.entity] ?? '', f.n);
      else if (typeof f.key === 'string' && JSON_KEYS[f.key]) note(JSON_KEYS[f.key], f.n);
      const list = /^\$\.(\w+)(\[\d+\])?$/.exec(f.path);
      if (list && JSON_LISTS[list[1]] && (list[2] ? f.key === 'id' : typeof f.key === 'number')) note(JSON_LISTS[list[1]], f.n);
    }
  }
  high.delete('');
  return high;
}

export async function up(db: Kysely<any>): Promise<void> {
  await foreignKeysOff(db);
  const high = await highestNamed(db);
  for (const table of COUNTED) await rebuild(db, table, '"id" integer primary key,', '"id" integer primary key autoincrement,');
  // sqlite_sequence holds each table's highest id handed out; the next one is above it.
  for (const table of COUNTED) {
    const seq = high.get(table) ?? 0;
    await sql`DELETE FROM sqlite_sequence WHERE name = ${table}`.execute(db);
    await sql`INSERT INTO sqlite_sequence (name, seq) VALUES (${table}, ${seq})`.execute(db);
  }
}

/** Back to plain INTEGER PRIMARY KEY: the counters are forgotten, ids may be reused again. */
export async function down(db: Kysely<any>): Promise<void> {
  await foreignKeysOff(db);
  for (const table of COUNTED) await rebuild(db, table, '"id" integer primary key autoincrement,', '"id" integer primary key,');
}
