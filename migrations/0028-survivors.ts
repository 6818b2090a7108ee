// Survivors (遗属, issue 20 item 4): the family of a deceased retiree whom the office goes on serving.
// They are people apart from the files (persons): a persons row is a retiree, counted in the roll,
// certified for the pension, adjusted, listed for birthdays; a survivor is none of these. So:
// - survivors: who (name, relation to the deceased, ID number with the birth date and gender it
//   gives, phone, address, the bank account the allowance goes to), what qualifies them (a JSON
//   array of the office's words: 无固定收入, 未成年, 丧失劳动能力, 年满60周岁 … and a note), linked
//   to the deceased's file (persons.id: the service refuses a person who has not died);
// - survivor_allowance_standards: the monthly 遗属生活困难补助 by the office's rule, in force from a
//   month to a month (open when to_month is null); the service refuses overlapping periods;
// - survivor_allowances: a survivor's periods of the allowance, start month, and the month it stops
//   (the first month not paid) with the reason;
// - survivor_checks: the yearly eligibility check (like 资格认证), one per survivor and year;
// - survivor_visits: care for a survivor (遗属慰问), alone or in a festival batch (visit_batches);
// - survivor_letters: every letter printed to a survivor.
// Every id is handed out once (AUTOINCREMENT, as migration 0012 made the others).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE survivors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    deceased_id INTEGER NOT NULL REFERENCES persons (id),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_sort TEXT NOT NULL,
    relation TEXT NOT NULL CHECK (length(trim(relation)) > 0),
    id_number TEXT NOT NULL UNIQUE,
    gender TEXT CHECK (gender IN ('男', '女')),
    birth_date TEXT,
    phone TEXT,
    address TEXT,
    bank_name TEXT,
    bank_account TEXT,
    qualifications TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(qualifications) AND json_type(qualifications) = 'array'),
    qualification_note TEXT,
    note TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX survivors_deceased ON survivors (deceased_id)`.execute(db);
  await sql`CREATE INDEX survivors_name ON survivors (name_sort, id)`.execute(db);

  await sql`CREATE TABLE survivor_allowance_standards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    from_month TEXT NOT NULL CHECK (from_month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    to_month TEXT CHECK (to_month GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND to_month >= from_month),
    basis TEXT,
    saved_at TEXT NOT NULL,
    saved_by TEXT NOT NULL
  )`.execute(db);

  await sql`CREATE TABLE survivor_allowances (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    survivor_id INTEGER NOT NULL REFERENCES survivors (id) ON DELETE CASCADE,
    start_month TEXT NOT NULL CHECK (start_month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
    stop_month TEXT CHECK (stop_month GLOB '[12][0-9][0-9][0-9]-[01][0-9]' AND stop_month > start_month),
    stop_reason TEXT CHECK (stop_reason IN ('死亡', '再婚', '就业', '成年', '逾期未认证', '其他')),
    stop_note TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK ((stop_month IS NULL) = (stop_reason IS NULL))
  )`.execute(db);
  await sql`CREATE INDEX survivor_allowances_survivor ON survivor_allowances (survivor_id, start_month)`.execute(db);

  await sql`CREATE TABLE survivor_checks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    survivor_id INTEGER NOT NULL REFERENCES survivors (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    checked_on TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('现场', '上门', '网上/人脸', '静默/数据比对', '走访时认证')),
    note TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (survivor_id, year)
  )`.execute(db);

  await sql`CREATE TABLE survivor_visits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    survivor_id INTEGER NOT NULL REFERENCES survivors (id) ON DELETE CASCADE,
    batch_id INTEGER REFERENCES visit_batches (id),
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    visitors TEXT,
    money_fen INTEGER NOT NULL DEFAULT 0 CHECK (money_fen >= 0),
    items TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (batch_id, survivor_id)
  )`.execute(db);
  await sql`CREATE INDEX survivor_visits_survivor ON survivor_visits (survivor_id, date)`.execute(db);

  await sql`CREATE TABLE survivor_letters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    survivor_id INTEGER NOT NULL REFERENCES survivors (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    printed_at TEXT NOT NULL,
    printed_by TEXT NOT NULL,
    batch TEXT
  )`.execute(db);
  await sql`CREATE INDEX survivor_letters_survivor ON survivor_letters (survivor_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'survivor_letters',
    'survivor_visits',
    'survivor_checks',
    'survivor_allowances',
    'survivor_allowance_standards',
    'survivors',
  ])
    await sql`DROP TABLE ${sql.id(t)}`.execute(db);
}
