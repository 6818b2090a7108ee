// A large insert with a table's indexes built after it rather than row by row
// (https://sqlite.org/lang_createindex.html): inserting 50,000 people into `persons` updates its 27
// indexes one row at a time, each in a random place, most of an import's time
// (bench/importFloor.ts); built once from the finished table they cost a fraction of it. Only
// inside a transaction: the indexes are dropped and made again in it, so that a failure or a
// killed process rolls back to the table with every index, and no other connection ever sees the
// table without them (https://sqlite.org/isolation.html).
import type { Store } from './store';

/**
 * Drops `table`'s own indexes (those of its UNIQUE and PRIMARY KEY constraints stay: lookups by
 * them keep working) and returns what makes them again, exactly as they were declared.
 */
export function dropIndexesUntilBuilt(store: Store, table: string): () => void {
  if (!store.raw.inTransaction) throw new Error('dropIndexesUntilBuilt: only inside a transaction');
  const indexes = store.raw
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
    .all(table) as { name: string; sql: string }[];
  // Dropping an index drops its planner statistics (sqlite_stat1): a table that had them gets
  // them again, as PRAGMA optimize takes them (app/context.ts), once its indexes are built.
  const analysed =
    store.raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").get() !==
      undefined && store.raw.prepare('SELECT 1 FROM sqlite_stat1 WHERE tbl = ? LIMIT 1').get(table) !== undefined;
  const quoted = `"${table.replaceAll('"', '""')}"`;
  for (const { name } of indexes) store.raw.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
  return () => {
    for (const { sql } of indexes) store.raw.exec(sql);
    if (analysed) store.raw.exec(`PRAGMA analysis_limit = 1000; ANALYZE ${quoted}`);
  };
}
