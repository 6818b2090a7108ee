// Operators and what they look at (issue 18). Each operator signs in with a name and a password
// kept only as a scrypt hash with its salt and parameters (`scrypt$N$r$p$salt$hash`, node:crypto),
// holds one role, and can be deactivated but never deleted: every audit row names them.
// Failed sign-ins are counted and slow the next attempt (`next_attempt_at`). Ids are never reused (0012).
// The access log is the PIPL record of reading (Art. 51): who opened which file, who exported or
// printed which list, with its row count and filter. Nothing deletes it (kept three years at least).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('operators')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('admin', 'clerk', 'claims', 'reader')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .execute();
  await db.schema
    .createTable('access_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('operator', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer')
    .addColumn('rows', 'integer')
    .addColumn('filter', 'text')
    .execute();
  await db.schema.createIndex('access_log_at').on('access_log').columns(['at']).execute();
  await db.schema.createIndex('access_log_person').on('access_log').columns(['person_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_log').execute();
  await db.schema.dropTable('operators').execute();
}
