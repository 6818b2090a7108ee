// Hardship aid (困难帮扶, issue 20 item 2): application → decision → payment, paid through the
// payment batches that medical claims already use.
// - aid_reasons: the office's list of reasons (大病, 孤寡, 子女下岗, 灾害, 节日 to start with); an
//   administrator adds and renames them; a reason in use is retired, never deleted (its applications
//   keep naming it);
// - aid_applications: who, why (a reason of the list), what happened, the amount asked and the date
//   applied; the decision (批准 / 不批准 / 部分批准) with the amount granted, its date and who decided;
//   the paying body (退管办 / 工会 / 党组织); paid on and by whom, through a payment batch
//   (batch_id: payment_batches, as claims.batch_id) or by hand. The contract checks the order of
//   the dates and the amounts with its messages; the checks here keep a row whole whoever writes it.
// Ids are AUTOINCREMENT, never reused (0012).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE aid_reasons (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
  )`.execute(db);
  await sql`INSERT INTO aid_reasons (name, created_at, created_by)
    VALUES ('大病', '2026-01-01T00:00:00', '系统'), ('孤寡', '2026-01-01T00:00:00', '系统'),
      ('子女下岗', '2026-01-01T00:00:00', '系统'), ('灾害', '2026-01-01T00:00:00', '系统'),
      ('节日', '2026-01-01T00:00:00', '系统')`.execute(db);

  await sql`CREATE TABLE aid_applications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES persons (id),
    reason_id INTEGER NOT NULL REFERENCES aid_reasons (id),
    applied_on TEXT NOT NULL,
    story TEXT NOT NULL CHECK (length(trim(story)) > 0),
    asked_fen INTEGER NOT NULL CHECK (asked_fen > 0),
    decision TEXT CHECK (decision IN ('批准', '不批准', '部分批准')),
    granted_fen INTEGER CHECK (granted_fen > 0 AND granted_fen <= asked_fen),
    decided_on TEXT,
    decided_by TEXT,
    body TEXT CHECK (body IN ('退管办', '工会', '党组织')),
    batch_id INTEGER REFERENCES payment_batches (id),
    paid_on TEXT,
    paid_by TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK ((decision IS NULL) = (decided_on IS NULL) AND (decision IS NULL) = (decided_by IS NULL)),
    CHECK ((coalesce(decision, '') IN ('批准', '部分批准')) = (granted_fen IS NOT NULL AND body IS NOT NULL)),
    CHECK ((paid_on IS NULL) = (paid_by IS NULL)),
    CHECK (paid_on IS NULL OR granted_fen IS NOT NULL),
    CHECK (batch_id IS NULL OR granted_fen IS NOT NULL)
  )`.execute(db);
  await sql`CREATE INDEX aid_applications_person ON aid_applications (person_id, id)`.execute(db);
  await sql`CREATE INDEX aid_applications_applied ON aid_applications (applied_on)`.execute(db);
  await sql`CREATE INDEX aid_applications_batch ON aid_applications (batch_id) WHERE batch_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE aid_applications`.execute(db);
  await sql`DROP TABLE aid_reasons`.execute(db);
}
