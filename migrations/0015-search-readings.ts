// The search index learns every reading of a surname (单 dan as well as shan) and the whole values
// its results are ranked by (issue 17). The tokens are computed by the app (pinyin), which a
// migration may not import, so this one only lists every file as waiting to be written again;
// the app rewrites them in small batches after start-up (retirees/searchIndex.ts
// reindexPending), the old tokens answering meanwhile. A later change of the tokens does the same.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE person_search_pending (person_id INTEGER PRIMARY KEY)`.execute(db);
  await sql`INSERT INTO person_search_pending (person_id) SELECT id FROM persons`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE person_search_pending`.execute(db);
}
