// Meetings and 学习通报 (issue 21 item 4, 会议制度 and 学习通报制度). A meeting is an activity: one
// table of events, so that the year's plan links a meeting by the activity's id.
// - activities: the office's own meeting kinds join the CHECK (办公室例会, 离退休干部座谈会, 情况通报会,
//   支部委员会, 党员大会); the table is rebuilt for it (SQLite cannot change a CHECK in place,
//   https://sqlite.org/lang_altertable.html#otheralter), rows, ids, indexes and its AUTOINCREMENT
//   counter kept; then the meeting's time (starts_at, HH:MM), host (主持人), recorder (记录人),
//   agenda (议程) and minutes (会议纪要) as columns of their own.
// - activity_staff: the staff who attend (an operator, or a name typed in), beside the retirees of
//   activity_people, with the unit or department the sign-in sheet shows.
// - activity_attachments: files kept with the meeting (a scanned sign-in sheet, a photo, slides),
//   bytes in the database like a petition's.
// - study_materials.kind: 学习资料 (handed to people) or 学习通报 (sent to party branches), with
//   doc_no, the notice's number (文号).
// - study_branch_deliveries: for a 学习通报, each branch it is sent to; sent_on and received_by
//   (who at the branch received it) stay empty until it reaches the branch.
import { type Kysely, sql } from 'kysely';

const OLD_KINDS = `'文体活动','学习会','组织生活会','体检','其他'`;
const NEW_KINDS = `'文体活动','学习会','组织生活会','体检','其他','办公室例会','离退休干部座谈会','情况通报会','支部委员会','党员大会'`;
const COLUMNS = ['starts_at', 'host', 'recorder', 'agenda', 'minutes'] as const;

async function rows<T>(db: Kysely<any>, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

/** Rebuilds `activities` with its kind CHECK changed, keeping rows, ids, indexes and the id counter. */
async function rebuildActivities(db: Kysely<any>, from: string, to: string): Promise<void> {
  const [{ foreign_keys }] = await rows<{ foreign_keys: number }>(db, sql`PRAGMA foreign_keys`);
  if (foreign_keys !== 0) throw new Error('0033 重建活动表，必须在关闭外键约束时运行（见 src-main/db/migrate.ts）');
  const [{ sql: createSql }] = await rows<{ sql: string }>(db, sql`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'activities'`);
  const indexes = await rows<{ sql: string }>(db, sql`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activities' AND sql IS NOT NULL`);
  const head = 'CREATE TABLE "activities" (';
  if (!createSql.startsWith(head) || createSql.split(from).length !== 2) throw new Error('activities: 表结构与预期不符，无法升级');
  const seq = await rows<{ seq: number }>(db, sql`SELECT seq FROM sqlite_sequence WHERE name = 'activities'`);
  await sql.raw(createSql.replace(head, 'CREATE TABLE "activities__0033" (').replace(from, to)).execute(db);
  await sql.raw('INSERT INTO "activities__0033" SELECT * FROM "activities"').execute(db);
  await sql.raw('DROP TABLE "activities"').execute(db);
  await sql.raw('ALTER TABLE "activities__0033" RENAME TO "activities"').execute(db);
  for (const index of indexes) await sql.raw(index.sql).execute(db);
  // The counter never goes below an id once handed out (0012), whatever the copy set it to.
  if (seq.length) await sql`UPDATE sqlite_sequence SET seq = max(seq, ${seq[0].seq}) WHERE name = 'activities'`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await rebuildActivities(db, `(${OLD_KINDS})`, `(${NEW_KINDS})`);
  await db.schema
    .alterTable('activities')
    .addColumn('starts_at', 'text', (c) => c.check(sql`starts_at GLOB '[0-2][0-9]:[0-5][0-9]'`))
    .execute();
  for (const column of COLUMNS.slice(1)) await db.schema.alterTable('activities').addColumn(column, 'text').execute();
  await sql`CREATE TABLE activity_staff (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    operator_id INTEGER REFERENCES operators (id),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit TEXT,
    attended INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
    UNIQUE (activity_id, name)
  )`.execute(db);
  await sql`CREATE TABLE activity_attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX activity_attachments_activity ON activity_attachments (activity_id)`.execute(db);
  await db.schema
    .alterTable('study_materials')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('学习资料').check(sql`kind IN ('学习资料', '学习通报')`))
    .execute();
  await db.schema.alterTable('study_materials').addColumn('doc_no', 'text').execute();
  await sql`CREATE TABLE study_branch_deliveries (
    material_id INTEGER NOT NULL REFERENCES study_materials (id) ON DELETE CASCADE,
    branch_id INTEGER NOT NULL REFERENCES org_units (id),
    sent_on TEXT,
    received_by TEXT,
    recorded_by TEXT,
    PRIMARY KEY (material_id, branch_id),
    CHECK ((sent_on IS NULL) = (received_by IS NULL) AND (sent_on IS NULL) = (recorded_by IS NULL))
  )`.execute(db);
  await sql`CREATE INDEX study_branch_deliveries_branch ON study_branch_deliveries (branch_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE study_branch_deliveries`.execute(db);
  await db.schema.alterTable('study_materials').dropColumn('doc_no').execute();
  await db.schema.alterTable('study_materials').dropColumn('kind').execute();
  await sql`DROP TABLE activity_attachments`.execute(db);
  await sql`DROP TABLE activity_staff`.execute(db);
  for (const column of [...COLUMNS].reverse()) await db.schema.alterTable('activities').dropColumn(column).execute();
  // Meetings of the kinds added here are kept as 其他.
  await sql.raw(`UPDATE activities SET kind = '其他' WHERE kind NOT IN (${OLD_KINDS})`).execute(db);
  await rebuildActivities(db, `(${NEW_KINDS})`, `(${OLD_KINDS})`);
}
