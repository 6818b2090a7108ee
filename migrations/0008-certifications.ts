// The annual pension eligibility certification (养老金领取资格认证): per person and year, when and
// how; a visit recorded as a certification counts (the certification names the visit).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('certifications')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('certified_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method IN ('现场','上门','网上/人脸','静默/数据比对','走访时认证')`))
    .addColumn('visit_id', 'integer', (c) => c.references('visits.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('certifications_person_year', ['person_id', 'year'])
    .execute();
  await db.schema.createIndex('certifications_year').on('certifications').columns(['year', 'person_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certifications').execute();
}
