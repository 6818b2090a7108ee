// People living elsewhere (异地居住, issue 21 item 3): the file has had a flag and a city; the office
// also keeps who looks after the person there, so that a letter, a visit or the yearly certification
// can be arranged from afar:
// - remote_unit, remote_unit_phone: the receiving or local unit (接收单位/当地管理单位) and its phone;
// - remote_community, remote_community_phone: the local 社区 (居委会) and its contact phone;
// - remote_police, remote_police_phone: the local 派出所 and its phone;
// - person_contacts.nearby: a relative or friend who lives near the person (就近照应), one of the
//   file's contacts, so that their phones stay masked and revealed as every contact's are.
// The person's address (住址) stays the one place the address is kept. The list by city reads the
// remote files through a partial index.
import { type Kysely, sql } from 'kysely';

const COLUMNS = [
  'remote_unit',
  'remote_unit_phone',
  'remote_community',
  'remote_community_phone',
  'remote_police',
  'remote_police_phone',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('persons').addColumn(column, 'text').execute();
  await db.schema
    .alterTable('person_contacts')
    .addColumn('nearby', 'integer', (c) => c.notNull().defaultTo(0).check(sql`nearby IN (0, 1)`))
    .execute();
  await sql`CREATE INDEX persons_remote_city ON persons (remote_city, name_sort) WHERE remote = 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX persons_remote_city`.execute(db);
  await db.schema.alterTable('person_contacts').dropColumn('nearby').execute();
  for (const column of [...COLUMNS].reverse()) await db.schema.alterTable('persons').dropColumn(column).execute();
}
