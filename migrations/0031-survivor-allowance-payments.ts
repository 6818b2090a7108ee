// The survivors' monthly allowance paid (遗属生活困难补助, issue 20 item 4): the month's list
// (survivors.ts) says who is owed what; this table records what was taken into a payment batch and
// paid. One row per survivor and month, so that a month cannot be paid twice (UNIQUE); the amount
// fixed in fen when the month was taken into the batch (a later change of standard does not touch a
// month already in a batch); the batch it went with (payment_batches, as claims.batch_id and
// aid_applications.batch_id); and when the batch was marked paid.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE survivor_allowance_payments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    survivor_id INTEGER NOT NULL REFERENCES survivors (id),
    month TEXT NOT NULL CHECK (month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    batch_id INTEGER NOT NULL REFERENCES payment_batches (id),
    paid_at TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (survivor_id, month)
  )`.execute(db);
  await sql`CREATE INDEX survivor_allowance_payments_batch ON survivor_allowance_payments (batch_id)`.execute(db);
  await sql`CREATE INDEX survivor_allowance_payments_month ON survivor_allowance_payments (month)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE survivor_allowance_payments`.execute(db);
}
