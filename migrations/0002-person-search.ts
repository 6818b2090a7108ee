// The search index of the retiree list. One row per person; its text is a set of tokens that the
// app computes (name, pinyin initials and full pinyin for every reading, ID number, phones), each
// token written together with its suffixes so that an FTS5 prefix query finds any part of it.
// Contentless (content=''): the text is not stored twice; contentless_delete=1 (SQLite 3.43+)
// lets a row be deleted by rowid. detail=none: single-token prefix queries need no positions.
// https://sqlite.org/fts5.html#contentless_delete_tables
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE person_search USING fts5(
    tokens, content='', contentless_delete=1, detail=none,
    tokenize='unicode61 remove_diacritics 0', prefix='1 2 3')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE person_search`.execute(db);
}
