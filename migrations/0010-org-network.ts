// The organisation network (组织网络): a unit's leader can be a retiree on file (or staff, by name
// as before); 片区 and 楼栋 are the places the files already name (persons.area, .building), and a
// place gets its own row only for what the office records about it: its leader, phone and notes.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('org_units').addColumn('leader_person_id', 'integer', (c) => c.references('persons.id')).execute();
  await db.schema
    .createTable('place_units')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('area', 'text', (c) => c.notNull())
    // '' for the 片区 itself; a 楼栋's name otherwise.
    .addColumn('building', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('leader_person_id', 'integer', (c) => c.references('persons.id'))
    .addColumn('leader', 'text')
    .addColumn('phone', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('place_units_place', ['area', 'building'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('place_units').execute();
  await db.schema.alterTable('org_units').dropColumn('leader_person_id').execute();
}
