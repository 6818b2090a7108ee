// Activities and study (文体活动与学习): each activity or meeting with who was invited and who came;
// study materials (学习资料) and who received them, and how (送学上门 for those who cannot attend).
// Petitions gain their attachments (a letter, a photo), kept like a file's: bytes in the database.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activities')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('文体活动','学习会','组织生活会','体检','其他')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('organiser', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activities_held').on('activities').columns(['held_on', 'id']).execute();
  await db.schema
    .createTable('activity_people')
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('invited', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('attended', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('activity_people_pk', ['activity_id', 'person_id'])
    .execute();
  await db.schema.createIndex('activity_people_person').on('activity_people').columns(['person_id']).execute();
  await db.schema
    .createTable('study_materials')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    // The meeting it was handed out at: those invited who did not come get it at home.
    .addColumn('activity_id', 'integer', (c) => c.references('activities.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('study_deliveries')
    .addColumn('material_id', 'integer', (c) => c.notNull().references('study_materials.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('how', 'text', (c) => c.notNull().check(sql`how IN ('会上领取','送学上门','邮寄','其他')`))
    .addColumn('visit_id', 'integer', (c) => c.references('visits.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('study_deliveries_pk', ['material_id', 'person_id'])
    .execute();
  await db.schema.createIndex('study_deliveries_person').on('study_deliveries').columns(['person_id']).execute();
  await db.schema
    .createTable('petition_attachments')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('petition_id', 'integer', (c) => c.notNull().references('petitions.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('data', 'blob', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('petition_attachments_petition').on('petition_attachments').columns(['petition_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['petition_attachments', 'study_deliveries', 'study_materials', 'activity_people', 'activities']) await db.schema.dropTable(t).execute();
}
