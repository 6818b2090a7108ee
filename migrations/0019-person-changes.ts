// The history of each file's status and category, with the date each took effect (issue 19 item 2):
// the figures as of a past date (上年12月底总数, 本年度内去世 …) are computed from it, not from today's
// state. A person who died on 2027-01-05 counts as living on 2026-12-31.
//
// Each row is one change of one field: from, to, the date it took effect, and its nature:
// - 变动: it happened then (a death, a move away, a category changed by a decision);
// - 更正: the record was wrong (a death entered by mistake and taken back, a category mistyped). A
//   correction does not split time: the corrected value holds for every date.
//
// The rows are written by triggers on `persons`, so that every writer (the form, the death entered
// in the timeline, an import, a restore's upgrade) records them the same way and none can forget:
// - a status changed: effective the file's status date (the date of death or of moving away), or
//   the day it was recorded when the file has none (`date_known` 0: the statistics page lists it);
//   a file brought back to 在册 from 已故/迁出 is a 更正, and so is the change it takes back (the
//   death was entered by mistake: the person was never off the roll);
// - the status date changed while the status stays: the last status change takes the new date;
// - a category changed: a 变动 effective the day it was recorded; the statistics page lets the
//   clerk mark it 更正 or give its real date;
// - a file created as 已故 or 迁出 (an import of the deceased): a change from 在册 at its status date.
// Existing files are filled the same way, from their status dates, and category changes from the
// audit log (`source` 'audit', unconfirmed).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE person_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    field TEXT NOT NULL CHECK (field IN ('status', 'category')),
    from_value TEXT NOT NULL,
    to_value TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    date_known INTEGER NOT NULL DEFAULT 1,
    nature TEXT NOT NULL CHECK (nature IN ('变动', '更正')),
    source TEXT NOT NULL DEFAULT 'file',
    confirmed INTEGER NOT NULL DEFAULT 0,
    recorded_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX person_changes_person ON person_changes (person_id, field, effective_date)`.execute(db);
  await sql`CREATE INDEX person_changes_date ON person_changes (effective_date)`.execute(db);

  await sql`CREATE TRIGGER person_changes_status AFTER UPDATE OF status ON persons
    WHEN OLD.status IS NOT NEW.status
    BEGIN
      UPDATE person_changes SET nature = '更正'
      WHERE NEW.status = '在册' AND to_value = OLD.status
        AND id = (SELECT id FROM person_changes WHERE person_id = NEW.id AND field = 'status' ORDER BY id DESC LIMIT 1);
      INSERT INTO person_changes (person_id, field, from_value, to_value, effective_date, date_known, nature, recorded_at)
      VALUES (NEW.id, 'status', OLD.status, NEW.status,
              COALESCE(NEW.status_date, date('now', 'localtime')), NEW.status_date IS NOT NULL,
              CASE WHEN NEW.status = '在册' THEN '更正' ELSE '变动' END,
              strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'));
    END`.execute(db);
  await sql`CREATE TRIGGER person_changes_status_date AFTER UPDATE OF status_date ON persons
    WHEN OLD.status IS NEW.status AND OLD.status_date IS NOT NEW.status_date AND NEW.status_date IS NOT NULL
    BEGIN
      UPDATE person_changes SET effective_date = NEW.status_date, date_known = 1
      WHERE id = (SELECT id FROM person_changes WHERE person_id = NEW.id AND field = 'status'
                  ORDER BY id DESC LIMIT 1)
        AND to_value = NEW.status;
    END`.execute(db);
  await sql`CREATE TRIGGER person_changes_category AFTER UPDATE OF category ON persons
    WHEN OLD.category IS NOT NEW.category
    BEGIN
      INSERT INTO person_changes (person_id, field, from_value, to_value, effective_date, nature, recorded_at)
      VALUES (NEW.id, 'category', OLD.category, NEW.category, date('now', 'localtime'), '变动',
              strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'));
    END`.execute(db);
  await sql`CREATE TRIGGER person_changes_created AFTER INSERT ON persons
    WHEN NEW.status <> '在册'
    BEGIN
      INSERT INTO person_changes (person_id, field, from_value, to_value, effective_date, date_known, nature, recorded_at)
      VALUES (NEW.id, 'status', '在册', NEW.status,
              COALESCE(NEW.status_date, date('now', 'localtime')), NEW.status_date IS NOT NULL, '变动',
              strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'));
    END`.execute(db);

  // Existing files: their status as the file has it now, at its date.
  await sql`INSERT INTO person_changes (person_id, field, from_value, to_value, effective_date, date_known, nature, source, recorded_at)
    SELECT id, 'status', '在册', status, COALESCE(status_date, substr(updated_at, 1, 10)), status_date IS NOT NULL,
           '变动', 'file', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')
    FROM persons WHERE status <> '在册'`.execute(db);
  // Category changes the audit log saw, at the day they were made: to be confirmed by the clerk.
  await sql`INSERT INTO person_changes (person_id, field, from_value, to_value, effective_date, nature, source, recorded_at)
    SELECT a.entity_id, 'category', json_extract(a.before, '$.category'), json_extract(a.after, '$.category'),
           substr(a.at, 1, 10), '变动', 'audit', a.at
    FROM audit_log a JOIN persons p ON p.id = a.entity_id
    WHERE a.entity = 'person' AND a.action = 'update'
      AND json_valid(a.before) AND json_valid(a.after)
      AND json_extract(a.before, '$.category') IS NOT NULL AND json_extract(a.after, '$.category') IS NOT NULL
      AND json_extract(a.before, '$.category') <> json_extract(a.after, '$.category')
    ORDER BY a.id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['person_changes_status', 'person_changes_status_date', 'person_changes_category', 'person_changes_created'])
    await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
  await sql`DROP TABLE person_changes`.execute(db);
}
