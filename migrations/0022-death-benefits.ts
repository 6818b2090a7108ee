// Death benefits calculated, not typed (issue 20 item 3):
// - persons.contribution_months: the months beyond the whole years of persons.contribution_years
//   (缴费年限 28 年 9 个月 is 28 and 9), which 人社部发〔2021〕18号 counts (part years as months ÷ 12);
// - the parameters staff type, like the adjustment rule: B per province and year of death
//   (death_benefit_bases: the province's previous-year 城镇居民月人均可支配收入), the national
//   previous-year 城镇居民人均可支配收入 per year of death (national_incomes, annual, for 民发〔2011〕192号),
//   and which rule applies to whom (death_benefit_rules: group × province × first day of deaths, the
//   rule a kind and its parameters as JSON, shared/deathBenefits DeathRule); the national 2021 rule
//   for enterprise retirees is there from the start;
// - death_benefits, one per registered death: the amounts as computed at the time, in their own
//   columns (丧葬补助金 funeral_fen, 抚恤金 relief_fen, total_fen: the upward tables read them), the
//   rule and every input as they were (a later change of B does not change a paid amount), the
//   formula as shown, the claimant (法定继承人), the materials ticked, filed on, paid on, the pension
//   paid after the month of death to recover, and why anything is still unpaid.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('persons')
    .addColumn('contribution_months', 'integer', (c) => c.check(sql`contribution_months BETWEEN 0 AND 11`))
    .execute();

  await db.schema
    .createTable('death_benefit_bases')
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('base_fen', 'integer', (c) => c.notNull().check(sql`base_fen > 0`))
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('death_benefit_bases_pk', ['province', 'year'])
    .execute();

  await db.schema
    .createTable('national_incomes')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('income_fen', 'integer', (c) => c.notNull().check(sql`income_fen > 0`))
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('death_benefit_rules')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('grp', 'text', (c) => c.notNull().check(sql`grp IN ('企业', '机关', '事业', '离休')`))
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('death_benefit_rules_unique', ['grp', 'province', 'from_date'])
    .execute();
  await sql`INSERT INTO death_benefit_rules (grp, province, from_date, rule, saved_at, saved_by)
    VALUES ('企业', '全国', '2021-09-01', '{"kind":"standard2021","basis":"人社部发〔2021〕18号"}', '2021-09-01T00:00:00', '系统')`.execute(
    db,
  );

  await db.schema
    .createTable('death_benefits')
    .addColumn('person_id', 'integer', (c) => c.primaryKey().references('deaths.person_id').onDelete('cascade'))
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('inputs', 'text', (c) => c.notNull())
    .addColumn('funeral_fen', 'integer', (c) => c.notNull().check(sql`funeral_fen >= 0`))
    .addColumn('relief_fen', 'integer', (c) => c.notNull().check(sql`relief_fen >= 0`))
    .addColumn('total_fen', 'integer', (c) => c.notNull().check(sql`total_fen = funeral_fen + relief_fen`))
    .addColumn('formula', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('computed_by', 'text', (c) => c.notNull())
    .addColumn('claimant_name', 'text')
    .addColumn('claimant_relation', 'text')
    .addColumn('claimant_id_number', 'text')
    .addColumn('claimant_phone', 'text')
    .addColumn('materials', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('filed_on', 'text')
    .addColumn('paid_on', 'text')
    .addColumn('overpaid_fen', 'integer', (c) => c.notNull().defaultTo(0).check(sql`overpaid_fen >= 0`))
    .addColumn('overpaid_recovered_on', 'text')
    .addColumn('unpaid_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['death_benefits', 'death_benefit_rules', 'national_incomes', 'death_benefit_bases'])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable('persons').dropColumn('contribution_months').execute();
}
