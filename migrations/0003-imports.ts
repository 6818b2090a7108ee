// Imports and their log: every source row with its outcome and raw values, so that an import can
// be explained (data rows = inserted + updated + merged + excluded + rejected) and undone; the
// column mappings and value mappings users confirmed, applied to the next file that looks alike.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('operator', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    // The last audit row before the import: what comes after it and is not the import is an edit.
    .addColumn('audit_mark', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .execute();

  await db.schema
    .createTable('import_rows')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('import_id', 'integer', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('sheet', 'text', (c) => c.notNull())
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome IN ('inserted','updated','merged','skipped','excluded','rejected','title','header','blank','total','note')`),
    )
    .addColumn('person_id', 'integer')
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('issues', 'text', (c) => c.notNull().defaultTo('[]'))
    // For an update: the fields it changed, as they were, so that undo can put them back.
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('import_rows_import').on('import_rows').columns(['import_id', 'sheet', 'row']).execute();
  await db.schema.createIndex('import_rows_person').on('import_rows').column('person_id').execute();

  await db.schema
    .createTable('import_mappings')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('import_value_maps')
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_value_maps_pk', ['field', 'source'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['import_value_maps', 'import_mappings', 'import_rows', 'imports']) await db.schema.dropTable(t).execute();
}
