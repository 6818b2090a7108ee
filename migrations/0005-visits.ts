// Visits and care actions (走访慰问), festival batches that create one visit per person, and the
// office's checklist after a death (病故登记).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('visit_batches')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('money_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items', 'text')
    .addColumn('visitors', 'text')
    // The list filter the people were chosen by, as the list query it was.
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('生病住院慰问','节日慰问','生日祝寿','困难帮扶','病故吊唁','日常走访','电话问候','送学上门')`),
    )
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('visitors', 'text')
    .addColumn('money_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items', 'text')
    .addColumn('note', 'text')
    .addColumn('follow_up_on', 'text')
    .addColumn('follow_up_done_at', 'text')
    .addColumn('batch_id', 'integer', (c) => c.references('visit_batches.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_person_date').on('visits').columns(['person_id', 'date']).execute();
  await db.schema.createIndex('visits_follow_up').on('visits').columns(['follow_up_on']).where(sql.ref('follow_up_done_at'), 'is', null).execute();
  await db.schema.createIndex('visits_batch').on('visits').column('batch_id').execute();
  // Recent hospital stays (inpatient invoices) for the reminders.
  await db.schema.createIndex('claim_lines_kind_visit').on('claim_lines').columns(['kind', 'visit_date']).execute();

  await db.schema
    .createTable('deaths')
    .addColumn('person_id', 'integer', (c) => c.primaryKey().references('persons.id').onDelete('cascade'))
    .addColumn('died_on', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text')
    .addColumn('note', 'text')
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('death_tasks')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('deaths.person_id').onDelete('cascade'))
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer')
    .addColumn('done_on', 'text')
    .addColumn('done_by', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('death_tasks_unique', ['person_id', 'task'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('claim_lines_kind_visit').execute();
  for (const t of ['death_tasks', 'deaths', 'visits', 'visit_batches']) await db.schema.dropTable(t).execute();
}
