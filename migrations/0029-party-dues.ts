// 党费 of retired party members (issue 21 item 1; the rule: src-main/shared/partyDues.ts).
// - party_dues_bases, per member and year: the monthly base (基本养老金 without 津补贴, fen) and where
//   it came from (录入: typed; 调资核对: the adjustment check's new figure, with its run), who
//   confirmed it and when; the 低保 flag (0.20 元 a month);
// - party_dues_reductions: a branch's decision to reduce (减交, the monthly amount) or waive (免交)
//   a member's dues for a span of months, with the decision's date and number or text;
// - party_dues_payments, per member and month (a month is paid once): what was due and what was
//   paid, on which day, by whom (本人, or 代交 with the name), in its month, ahead (预交) or late
//   (补交), and the branch it was paid to (a merged branch hands its ledger to the one it joined).
// Ids are handed out with AUTOINCREMENT, never reused (migration 0012).
import { type Kysely, sql } from 'kysely';

const MONTH = (column: string) => sql.raw(`${column} GLOB '[12][0-9][0-9][0-9]-[01][0-9]'`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE party_dues_bases (
    person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    base_fen INTEGER CHECK (base_fen >= 0),
    dibao INTEGER NOT NULL DEFAULT 0 CHECK (dibao IN (0, 1)),
    source TEXT NOT NULL CHECK (source IN ('录入', '调资核对')),
    run_id INTEGER REFERENCES adjustment_runs (id) ON DELETE SET NULL,
    confirmed_at TEXT NOT NULL,
    confirmed_by TEXT NOT NULL,
    PRIMARY KEY (person_id, year),
    CHECK (base_fen IS NOT NULL OR dibao = 1)
  )`.execute(db);

  await sql`CREATE TABLE party_dues_reductions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('减交', '免交')),
    amount_fen INTEGER,
    from_month TEXT NOT NULL CHECK (${MONTH('from_month')}),
    to_month TEXT NOT NULL CHECK (${MONTH('to_month')}),
    decided_on TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (length(trim(decision)) > 0),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    CHECK (from_month <= to_month),
    CHECK ((kind = '免交' AND amount_fen IS NULL) OR (kind = '减交' AND amount_fen IS NOT NULL AND amount_fen > 0))
  )`.execute(db);
  await sql`CREATE INDEX party_dues_reductions_person ON party_dues_reductions (person_id, from_month)`.execute(db);

  await sql`CREATE TABLE party_dues_payments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    month TEXT NOT NULL CHECK (${MONTH('month')}),
    branch_id INTEGER NOT NULL REFERENCES org_units (id),
    due_fen INTEGER NOT NULL CHECK (due_fen >= 0),
    paid_fen INTEGER NOT NULL CHECK (paid_fen >= 0),
    kind TEXT NOT NULL CHECK (kind IN ('当月', '预交', '补交')),
    paid_on TEXT NOT NULL,
    paid_by TEXT NOT NULL CHECK (paid_by IN ('本人', '代交')),
    proxy_name TEXT,
    reduction_id INTEGER REFERENCES party_dues_reductions (id),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    UNIQUE (person_id, month),
    CHECK ((paid_by = '本人' AND proxy_name IS NULL) OR (paid_by = '代交' AND proxy_name IS NOT NULL AND length(trim(proxy_name)) > 0))
  )`.execute(db);
  await sql`CREATE INDEX party_dues_payments_branch ON party_dues_payments (branch_id, month)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['party_dues_payments', 'party_dues_reductions', 'party_dues_bases'])
    await db.schema.dropTable(t).execute();
}
