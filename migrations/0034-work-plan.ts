// The office's own work system (issue 21 item 4): the yearly work plan (年度工作计划制度) and the
// document register (文件登记).
// - work_plan_items: a year's plan, item by item: what is to be done (content), its category, who
//   is responsible (owner: an operator's name or anyone's; owner_operator_id when it is an
//   operator), the month it is due (due_month `2026-06`, inside the plan's year: the CHECK keeps a
//   row whole whoever writes it, the contract says it in words);
// - work_plan_links: an item is ticked off by the record that fulfilled it: a festival batch, an
//   activity or meeting, a study material handed out. `kind` names the table (the set grows in the
//   code, office/workPlan.ts, without a migration); record_id is an id of that table, with no
//   foreign key on purpose: a record removed or undone leaves its link behind, so the plan shows
//   the item as 待核实 instead of quietly forgetting it was done;
// - office_documents: 收文 / 发文 / 政策文件 with 文号, date, issuer (发文机关), title, summary (摘要),
//   密级, 办理情况; a 文号 once per kind and year (the partial unique index);
// - office_document_files: the file kept with a document, bytes in the database as attachments are;
// - office_document_search: the register's search index (FTS5, contentless like person_search),
//   one row per document: the text of its title, 文号, issuer and summary written by the app as
//   overlapping pairs of characters, so that a phrase of pairs finds any part of a Chinese text
//   (office/documentSearch.ts). https://sqlite.org/fts5.html#contentless_delete_tables
// Ids are AUTOINCREMENT, never reused (0012).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE work_plan_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    seq INTEGER NOT NULL CHECK (seq > 0),
    content TEXT NOT NULL CHECK (length(trim(content)) > 0),
    category TEXT,
    owner TEXT NOT NULL CHECK (length(trim(owner)) > 0),
    owner_operator_id INTEGER REFERENCES operators (id),
    due_month TEXT NOT NULL CHECK (due_month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(due_month, 1, 4) = CAST(year AS TEXT)),
    note TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX work_plan_items_year ON work_plan_items (year, seq, id)`.execute(db);

  await sql`CREATE TABLE work_plan_links (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL REFERENCES work_plan_items (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    linked_at TEXT NOT NULL,
    linked_by TEXT NOT NULL,
    UNIQUE (item_id, kind, record_id)
  )`.execute(db);
  await sql`CREATE INDEX work_plan_links_record ON work_plan_links (kind, record_id)`.execute(db);

  await sql`CREATE TABLE office_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('收文', '发文', '政策文件')),
    year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2200),
    doc_no TEXT,
    dated_on TEXT NOT NULL CHECK (substr(dated_on, 1, 4) = CAST(year AS TEXT)),
    issuer TEXT,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    summary TEXT,
    secrecy TEXT,
    handling TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT
  )`.execute(db);
  await sql`CREATE UNIQUE INDEX office_documents_no ON office_documents (kind, year, doc_no) WHERE doc_no IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX office_documents_year ON office_documents (year, kind, dated_on)`.execute(db);

  await sql`CREATE TABLE office_document_files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES office_documents (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX office_document_files_document ON office_document_files (document_id)`.execute(db);

  await sql`CREATE VIRTUAL TABLE office_document_search USING fts5(
    tokens, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'office_document_search',
    'office_document_files',
    'office_documents',
    'work_plan_links',
    'work_plan_items',
  ])
    await sql`DROP TABLE ${sql.table(t)}`.execute(db);
}
