// Export templates per recipient (issue 19 item 6): what one office upward or beside it
// (集团老干部处, 社保中心, 街道) wants in a list, saved once and used in one click:
// - list: which list the template shapes ('roster' for now; a claims list can follow under its
//   own word, so the word is checked by the contract, not here);
// - recipient and name: a name is unique per recipient;
// - title: the sheet's title row (the export date goes under it), and the file's name;
// - columns: a JSON array of { key, heading }, in order; a heading is the recipient's wording for
//   the column (公民身份号码), or null for the program's own;
// - id_format and date_format: how ID numbers and dates are written (contract/exportTemplates.ts);
// - version, created and updated by and at: a settings record, audited like the others.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE export_templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    list TEXT NOT NULL,
    recipient TEXT NOT NULL CHECK (length(trim(recipient)) > 0),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    columns TEXT NOT NULL CHECK (json_valid(columns) AND json_type(columns) = 'array'),
    id_format TEXT NOT NULL,
    date_format TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (recipient, name)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE export_templates`.execute(db);
}
