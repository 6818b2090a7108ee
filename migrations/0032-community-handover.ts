// The community handover (社会化移交, issue 21 item 2): the enterprise hands its retirees over to the
// 街道 and 社区 where they live (社会化管理), and keeps them on file ("经济不断，感情不断").
// - handover_projects: a handover (移交批次): its name, the receiving 街道, the agreement (协议编号,
//   签订日期), the planned span, the day it was completed, a note;
// - handover_people, one row per person in a project: the 档案 (未移交/已整理/已移交, 册数; the deceased's
//   files are handed over too), the 党组织关系 transfer (不涉及/待转/已转, its date, the receiving party
//   organisation), the 社保 record, the receiving 街道 and 社区, the 党费基数 passed on (fen), what stays
//   with the enterprise (a JSON list of a fixed set, and free text), and the day the person was handed
//   over (handed_over_on): from then the person is under 社会化管理 — an effective-dated fact, audited.
// A person is handed over once: a partial unique index keeps a second completed handover out.
// Ids are handed out with AUTOINCREMENT, never reused (migration 0012).
import { type Kysely, sql } from 'kysely';

const DATE = (column: string) => sql.raw(`(${column} IS NULL OR ${column} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE handover_projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    street TEXT NOT NULL CHECK (length(trim(street)) > 0),
    agreement_no TEXT,
    agreement_date TEXT CHECK (${DATE('agreement_date')}),
    planned_from TEXT CHECK (${DATE('planned_from')}),
    planned_to TEXT CHECK (${DATE('planned_to')}),
    completed_on TEXT CHECK (${DATE('completed_on')}),
    note TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK (planned_from IS NULL OR planned_to IS NULL OR planned_from <= planned_to)
  )`.execute(db);

  await sql`CREATE TABLE handover_people (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id INTEGER NOT NULL REFERENCES handover_projects (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES persons (id),
    archive_state TEXT NOT NULL DEFAULT '未移交' CHECK (archive_state IN ('未移交', '已整理', '已移交')),
    archive_volumes INTEGER NOT NULL DEFAULT 0 CHECK (archive_volumes BETWEEN 0 AND 99),
    party_transfer TEXT NOT NULL DEFAULT '不涉及' CHECK (party_transfer IN ('不涉及', '待转', '已转')),
    party_transfer_on TEXT CHECK (${DATE('party_transfer_on')}),
    party_to TEXT,
    social_security TEXT NOT NULL DEFAULT '未移交' CHECK (social_security IN ('未移交', '办理中', '已移交')),
    street TEXT,
    community TEXT,
    dues_base_fen INTEGER CHECK (dues_base_fen >= 0),
    retained TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(retained) AND json_type(retained) = 'array'),
    retained_other TEXT,
    note TEXT,
    handed_over_on TEXT CHECK (${DATE('handed_over_on')}),
    version INTEGER NOT NULL DEFAULT 1,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    UNIQUE (project_id, person_id),
    CHECK (handed_over_on IS NULL OR length(trim(community)) > 0)
  )`.execute(db);
  await sql`CREATE INDEX handover_people_person ON handover_people (person_id)`.execute(db);
  await sql`CREATE UNIQUE INDEX handover_people_once ON handover_people (person_id) WHERE handed_over_on IS NOT NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['handover_people', 'handover_projects']) await db.schema.dropTable(t).execute();
}
