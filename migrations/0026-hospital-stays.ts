// Hospital stays (住院登记) and visits that say what happened (issue 20 items 1 and 6).
// - stays: the office hears of a stay by phone long before any invoice: the hospital, 科室, bed,
//   admitted on, discharged on (null while in hospital), 病情, 治疗结果, where the news came from
//   (a word from the office's list, and who exactly as free text), a note; ids never reused
//   (AUTOINCREMENT, as migration 0012 made every table that hands out ids);
// - visits.stay_id: a visit made for a stay (住院看望);
// - visits.leader (带队领导), companions (随同人员), feedback (家属/本人反映);
// - visits.call_outcome: how a call went (接通 / 未接通 / 号码错误 / 本人不便); only an answered call
//   is contact. Calls recorded before keep null, and count as they always did;
// - attachments.visit_id: a visit's photos are the person's attachments that name the visit, as a
//   claim's scans name the claim: one place for every file.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE stays (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    hospital TEXT NOT NULL,
    department TEXT,
    bed TEXT,
    admitted_on TEXT NOT NULL,
    discharged_on TEXT CHECK (discharged_on IS NULL OR discharged_on >= admitted_on),
    condition TEXT,
    outcome TEXT,
    news_source TEXT CHECK (news_source IN ('家属来电', '本人', '医院', '社区', '同事', '其他')),
    news_detail TEXT,
    note TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX stays_person ON stays (person_id, admitted_on)`.execute(db);
  // Those in hospital now, and the recent discharges.
  await sql`CREATE INDEX stays_in_hospital ON stays (admitted_on) WHERE discharged_on IS NULL`.execute(db);
  await sql`CREATE INDEX stays_discharged ON stays (discharged_on) WHERE discharged_on IS NOT NULL`.execute(db);

  await sql`ALTER TABLE visits ADD COLUMN stay_id INTEGER REFERENCES stays(id)`.execute(db);
  await sql`ALTER TABLE visits ADD COLUMN leader TEXT`.execute(db);
  await sql`ALTER TABLE visits ADD COLUMN companions TEXT`.execute(db);
  await sql`ALTER TABLE visits ADD COLUMN feedback TEXT`.execute(db);
  await sql`ALTER TABLE visits ADD COLUMN call_outcome TEXT CHECK (call_outcome IN ('接通', '未接通', '号码错误', '本人不便'))`.execute(
    db,
  );
  await sql`CREATE INDEX visits_stay ON visits (stay_id) WHERE stay_id IS NOT NULL`.execute(db);
  // The visit report reads a date range.
  await sql`CREATE INDEX visits_date ON visits (date)`.execute(db);

  await sql`ALTER TABLE attachments ADD COLUMN visit_id INTEGER REFERENCES visits(id)`.execute(db);
  await sql`CREATE INDEX attachments_visit ON attachments (visit_id) WHERE visit_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX attachments_visit`.execute(db);
  await sql`ALTER TABLE attachments DROP COLUMN visit_id`.execute(db);
  await sql`DROP INDEX visits_date`.execute(db);
  await sql`DROP INDEX visits_stay`.execute(db);
  for (const column of ['call_outcome', 'feedback', 'companions', 'leader', 'stay_id'])
    await sql`ALTER TABLE visits DROP COLUMN ${sql.ref(column)}`.execute(db);
  await sql`DROP TABLE stays`.execute(db);
}
