// The annual pension adjustment check (调资核对): the year's rule as staff entered it, each import
// of the agency's adjustment list with the rule it was computed under, and every row of that list
// kept with its outcome (matched, not on file, unreadable), the increase the agency gave, the
// increase the rule gives, and who checked it off when. A person's file gains what the rule
// needs: contribution years (缴费年限) and the remote-area flag (艰苦边远地区).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('persons')
    .addColumn('contribution_years', 'integer', (c) => c.check(sql`contribution_years BETWEEN 0 AND 70`))
    .execute();
  await db.schema
    .alterTable('persons')
    .addColumn('remote_area', 'integer', (c) => c.notNull().defaultTo(0).check(sql`remote_area IN (0, 1)`))
    .execute();
  await db.schema
    .createTable('adjustment_rules')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('adjustment_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('adjustment_runs_year').on('adjustment_runs').columns(['year', 'id']).execute();
  await db.schema
    .createTable('adjustment_rows')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('adjustment_runs.id').onDelete('cascade'))
    .addColumn('sheet', 'text', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome IN ('matched','unmatched','rejected')`))
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('id_number', 'text')
    .addColumn('name', 'text')
    .addColumn('old_fen', 'integer')
    .addColumn('new_fen', 'integer')
    .addColumn('agency_fen', 'integer')
    .addColumn('expected_fen', 'integer')
    .addColumn('breakdown', 'text')
    .addColumn('differs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('issues', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('checked_on', 'text')
    .addColumn('checked_by', 'text')
    .addColumn('check_note', 'text')
    .execute();
  await db.schema.createIndex('adjustment_rows_run').on('adjustment_rows').columns(['run_id', 'outcome', 'differs', 'row']).execute();
  await db.schema.createIndex('adjustment_rows_person').on('adjustment_rows').columns(['person_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('adjustment_rows').execute();
  await db.schema.dropTable('adjustment_runs').execute();
  await db.schema.dropTable('adjustment_rules').execute();
  await db.schema.alterTable('persons').dropColumn('remote_area').execute();
  await db.schema.alterTable('persons').dropColumn('contribution_years').execute();
}
