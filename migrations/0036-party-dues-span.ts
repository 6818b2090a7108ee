// A member's months in the branch within a year (issue 21 item 1): a member who transfers in during
// the year (组织关系转入) owes from the month of the transfer, one who transfers out (转出, the
// community handover among them) up to the month before it. Kept on the year's base, where the
// clerk sets what the member owes:
// - party_dues_bases.from_month: the first month the member pays to the branch in that year
//   (null: from January);
// - party_dues_bases.to_month: the last month (null: to December).
import { type Kysely, sql } from 'kysely';

const MONTH = (column: string) =>
  sql.raw(`${column} IS NULL OR ${column} GLOB '[12][0-9][0-9][0-9]-[01][0-9]'`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('party_dues_bases')
    .addColumn('from_month', 'text', (c) => c.check(MONTH('from_month')))
    .execute();
  await db.schema
    .alterTable('party_dues_bases')
    .addColumn('to_month', 'text', (c) => c.check(MONTH('to_month')))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('party_dues_bases').dropColumn('to_month').execute();
  await db.schema.alterTable('party_dues_bases').dropColumn('from_month').execute();
}
