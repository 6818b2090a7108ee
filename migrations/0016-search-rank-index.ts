// What a search ranks its hits by, in an index of its own (issue 17): each hit's name order and
// whether the person is deceased. A fragment such as 桂兰 finds a thousand files spread over the
// whole table; reading their rows to rank them was most of a search's time at 100,000 people,
// and this index is a tenth of the table (retirees/list.ts rankedHits reads it INDEXED BY).
// The id comes first, for the lookup by the search index's rowid; status and category last, so
// that a search within a status or category tests them on the entry, and a filter on them never
// turns one lookup into several.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX persons_search_rank ON persons (id, name_sort, status, category)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX persons_search_rank`.execute(db);
}
