// The adjustment check keeps each row's raw cells as a JSON array of their texts in column order
// (adjustment_rows.raw), and each table's header labels once, on its run (adjustment_runs.tables:
// [{ "sheet": …, "labels": [ … ] }]), instead of every row repeating the labels as the keys of an
// object (issue 17: ~90 of the ~200 bytes a row's raw cells took, in every one of 90,000 rows).
// A row is shown with its cells by label as before (src-main/adjustments/adjustments.ts). Rows
// written before this migration keep their objects; their runs have no tables.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('adjustment_runs').addColumn('tables', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('adjustment_runs').dropColumn('tables').execute();
}
