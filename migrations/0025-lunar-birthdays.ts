// Birthdays kept by the lunar calendar (issue 20 item 5): many of the old celebrate 农历 birthdays,
// and the office's birthday lists, letters and milestone reminders must fall on the right day.
// - birthday_calendar: 阳历 (the birth date's month and day, as before) or 阴历;
// - lunar_birthday: for 阴历, the lunar month and day as 'MM-DD', a leap month as '闰MM-DD'
//   ('04-08' 四月初八, '闰04-08' 闰四月初八, '12-30' 腊月三十); filled from the birth date when the
//   clerk gives none, and null for 阳历.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('persons')
    .addColumn('birthday_calendar', 'text', (c) =>
      c.notNull().defaultTo('阳历').check(sql`birthday_calendar IN ('阳历', '阴历')`),
    )
    .execute();
  await db.schema
    .alterTable('persons')
    .addColumn('lunar_birthday', 'text', (c) =>
      c.check(sql`lunar_birthday GLOB '[01][0-9]-[0-3][0-9]' OR lunar_birthday GLOB '闰[01][0-9]-[0-3][0-9]'`),
    )
    .execute();
  await sql`CREATE INDEX persons_lunar_birthday ON persons (lunar_birthday) WHERE lunar_birthday IS NOT NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX persons_lunar_birthday`.execute(db);
  await db.schema.alterTable('persons').dropColumn('lunar_birthday').execute();
  await db.schema.alterTable('persons').dropColumn('birthday_calendar').execute();
}
