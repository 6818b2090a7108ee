// The records personal-information protection asks the office to keep (PIPL, issue 18 item 7):
// - privacy_assessments: 个人信息保护影响评估 (Art. 55–56), dated, under the law's three headings,
//   kept at least three years: nothing in the app deletes one;
// - relative_requests: a close relative's request to see or copy a deceased person's data (Art. 49),
//   with the answer given;
// - retention_reviews: the review of a deceased person's file after the years the office set; a
//   review records a decision, it never deletes the file.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE privacy_assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    assessed_on TEXT NOT NULL,
    subject TEXT NOT NULL,
    purpose TEXT NOT NULL,
    impact TEXT NOT NULL,
    measures TEXT NOT NULL,
    conclusion TEXT NOT NULL,
    assessors TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE TABLE relative_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES persons(id),
    requester TEXT NOT NULL,
    relation TEXT NOT NULL,
    requester_id_number TEXT,
    phone TEXT,
    requested_on TEXT NOT NULL,
    wants TEXT NOT NULL CHECK (wants IN ('查阅', '复制')),
    purpose TEXT NOT NULL,
    answered_on TEXT,
    answer TEXT CHECK (answer IN ('已提供', '部分提供', '不予提供')),
    answer_note TEXT,
    answered_by TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX relative_requests_person ON relative_requests (person_id)`.execute(db);
  await sql`CREATE TABLE retention_reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES persons(id),
    reviewed_on TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('继续保存', '移交档案室')),
    note TEXT,
    reviewed_by TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX retention_reviews_person ON retention_reviews (person_id, reviewed_on)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE retention_reviews`.execute(db);
  await sql`DROP TABLE relative_requests`.execute(db);
  await sql`DROP TABLE privacy_assessments`.execute(db);
}
