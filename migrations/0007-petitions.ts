// Petitions and reception (信访接待): each petition with its channel, petitioner, subject and
// content, its handler, and the dates its time limits are counted from (信访工作条例: acceptance
// told within 15 days, concluded within 60 days of acceptance, one extension of up to 30 days).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('petitions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel IN ('来访','来电','来信','网络')`))
    // The petitioner: a retiree on file, or someone else (a family member) by name.
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('petitioner', 'text', (c) => c.notNull())
    .addColumn('relation', 'text')
    .addColumn('phone', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('handler', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('待受理','办理中','已办结','不予受理')`))
    .addColumn('accepted_on', 'text')
    .addColumn('rejected_reason', 'text')
    .addColumn('extension_days', 'integer')
    .addColumn('extension_reason', 'text')
    .addColumn('concluded_on', 'text')
    .addColumn('result', 'text')
    .addColumn('satisfaction', 'text', (c) => c.check(sql`satisfaction IN ('满意','基本满意','不满意')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('petitions_person').on('petitions').columns(['person_id', 'id']).execute();
  await db.schema.createIndex('petitions_status').on('petitions').columns(['status', 'received_on']).execute();
  await db.schema.createIndex('petitions_received').on('petitions').column('received_on').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('petitions').execute();
}
