// The retiree files, their family and contacts, attachments, organisation units, settings and the
// audit log. Migrations are frozen in time: they use Kysely<any> and import nothing from the app
// (Kysely docs, site/docs/migrations.mdx).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('org_units')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('行政大组','行政小组','党支部','党小组')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('leader', 'text')
    .addColumn('phone', 'text')
    .addColumn('note', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_units_parent').on('org_units').columns(['parent_id', 'sort']).execute();

  await db.schema
    .createTable('persons')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) > 0`))
    // The name's pinyin (surname read as a surname), so that the list sorts the way staff expect.
    .addColumn('name_sort', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.check(sql`gender IN ('男','女')`))
    .addColumn('ethnicity', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('id_number', 'text', (c) => c.unique())
    .addColumn('id_from15', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category IN ('离休','退休','退职')`))
    .addColumn('staff_type', 'text', (c) => c.check(sql`staff_type IN ('干部','工人')`))
    .addColumn('work_start_date', 'text')
    .addColumn('retirement_date', 'text')
    .addColumn('former_unit', 'text')
    .addColumn('former_position', 'text')
    .addColumn('political_status', 'text')
    .addColumn('party_branch_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('party_group_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('admin_group_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('admin_subgroup_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('health', 'text')
    .addColumn('living', 'text')
    .addColumn('care_alone_childless', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('care_disability', 'text', (c) => c.check(sql`care_disability IN ('失能','半失能')`))
    .addColumn('care_hardship', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('care_empty_nest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('remote', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('remote_city', 'text')
    // JSON array of { label, number }: a person has several phones and all of them are searched.
    .addColumn('phones', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('area', 'text')
    .addColumn('building', 'text')
    .addColumn('community', 'text')
    .addColumn('bank_name', 'text')
    .addColumn('bank_account', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('在册').check(sql`status IN ('在册','已故','迁出')`))
    .addColumn('status_date', 'text')
    .addColumn('note', 'text')
    // JSON array of strings: what staff must look at (a wrong check digit, a number lost in Excel …).
    .addColumn('review_flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The list sorts by these columns with empty values last: `(col IS NULL), col, id` is exactly its
  // ORDER BY, so a page is read in index order instead of sorting the whole table
  // (https://sqlite.org/expridx.html). Filters: status, category and age band together; area.
  for (const [name, expr] of [
    ['persons_sort_name', sql`name_sort, id`],
    ['persons_sort_birth', sql`(birth_date IS NULL), birth_date, id`],
    ['persons_sort_retirement', sql`(retirement_date IS NULL), retirement_date, id`],
    ['persons_sort_unit', sql`(former_unit IS NULL), former_unit, id`],
    ['persons_sort_id_number', sql`(id_number IS NULL), id_number, id`],
    ['persons_sort_area', sql`(area IS NULL), area, id`],
    ['persons_sort_updated', sql`updated_at, id`],
    ['persons_status_category_birth', sql`status, category, birth_date`],
    ['persons_status_birth', sql`status, birth_date`],
    ['persons_area_building', sql`area, building`],
    ['persons_admin_group', sql`admin_group_id`],
    ['persons_admin_subgroup', sql`admin_subgroup_id`],
    ['persons_party_branch', sql`party_branch_id`],
    ['persons_party_group', sql`party_group_id`],
    ['persons_status_date', sql`status, status_date`],
  ] as const) {
    await sql`CREATE INDEX ${sql.id(name)} ON persons (${expr})`.execute(db);
  }

  await db.schema
    .createTable('person_contacts')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text')
    .addColumn('phones', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('address', 'text')
    .addColumn('emergency', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('person_contacts_person').on('person_contacts').columns(['person_id', 'sort']).execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_person').on('attachments').column('person_id').execute();
  // The bytes live in the database so that every backup holds them; apart from the metadata so
  // that listing a file's attachments never reads them.
  await db.schema
    .createTable('attachment_data')
    .addColumn('attachment_id', 'integer', (c) => c.primaryKey().references('attachments.id').onDelete('cascade'))
    .addColumn('data', 'blob', (c) => c.notNull())
    .execute();

  // Who changed what: never deleted, not even with the person (no foreign key on purpose).
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('operator', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('audit_log_person').on('audit_log').columns(['person_id', 'id']).execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['audit_log', 'attachment_data', 'attachments', 'person_contacts', 'persons', 'org_units', 'settings']) {
    await db.schema.dropTable(t).execute();
  }
}
