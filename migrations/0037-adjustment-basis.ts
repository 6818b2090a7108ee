// The adjustment check keeps, for each row the rule was computed for, the facts the rule was applied
// to (issue 17): adjustment_rows.basis, a JSON array in the order src-main/adjustments/adjustments.ts
// writes it (the one place the order is kept). The lines the row shows are worked from it, the
// row's old_fen and its run's rule when they are read, instead of being written out for every row
// of a 90,000-row list (adjustment_rows.breakdown, ~300 bytes a row: most of what the check wrote).
// Rows written before this migration keep their breakdown text and have no basis.
// No CHECK on the JSON, like the table's other JSON columns (breakdown, issues, raw): json_type()
// on every row cost the check's inserts about a tenth of their time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('adjustment_rows').addColumn('basis', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('adjustment_rows').dropColumn('basis').execute();
}
