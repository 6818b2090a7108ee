// Letters (信函): the office's templates (defaults are built in until staff change one), the form
// of address each person prefers, and the log of every letter printed.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('letter_templates')
    .addColumn('kind', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('salutation', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('closing', 'text', (c) => c.notNull())
    .addColumn('date_style', 'text', (c) => c.notNull())
    .addColumn('address_form', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('letter_prefs')
    .addColumn('person_id', 'integer', (c) => c.primaryKey().references('persons.id').onDelete('cascade'))
    .addColumn('address_form', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('letters_log')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('printed_at', 'text', (c) => c.notNull())
    .addColumn('printed_by', 'text', (c) => c.notNull())
    .addColumn('batch', 'text')
    .execute();
  await db.schema.createIndex('letters_log_person').on('letters_log').columns(['person_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['letters_log', 'letter_prefs', 'letter_templates']) await db.schema.dropTable(t).execute();
}
