// The claims report's figures kept as they are made (issue 17, item 3): a month's report read
// 80,000 index entries of a million approved lines (77 ms p95), and a year's twelve times that.
// Two small tables hold the same figures, per month of approval:
// - claim_month_totals: lines, eligible and reimbursed amounts per (month, category, kind);
// - claim_period_people: how many people had lines, per (month or year, category): a count of
//   distinct people cannot be added up from the months.
// Triggers on claim_lines keep them, in the transaction of whatever writes a line (an approval, a
// reversal, a ledger's row, an unapproved line removed), so that no writer can forget them; a line
// counts from the moment it has its approved_on, as the report always counted it. Existing lines
// are counted here; the covering index the old queries read is dropped, nothing else reads it.
//
// A rebuild of claim_lines (https://sqlite.org/lang_altertable.html#otheralter) drops its
// triggers with it: whoever rebuilds it creates them again (claimReportTriggers below is frozen
// with this migration; copy it, do not import it).
import { type Kysely, sql } from 'kysely';

type Row = 'NEW' | 'OLD';

const month = (r: Row) => `substr(${r}.approved_on, 1, 7)`;
const year = (r: Row) => `substr(${r}.approved_on, 1, 4)`;

/** Whether the person has another approved line of the category in the period (its prefix of approved_on). */
const otherLineIn = (r: Row, period: string) =>
  `EXISTS (SELECT 1 FROM claim_lines o WHERE o.person_id = ${r}.person_id AND o.id <> ${r}.id AND o.category = ${r}.category
           AND substr(o.approved_on, 1, length(${period})) = ${period})`;

/** The statements that count a line in (NEW) or out of (OLD) the figures. */
function countLine(r: Row): string {
  const sign = r === 'NEW' ? '+' : '-';
  const totals = `INSERT INTO claim_month_totals (month, category, kind, lines, eligible_fen, pay_fen)
      VALUES (${month(r)}, ${r}.category, ${r}.kind, ${sign}1, ${sign}${r}.eligible_fen, ${sign}coalesce(${r}.pay_fen, 0))
      ON CONFLICT (month, category, kind) DO UPDATE SET lines = lines + excluded.lines,
        eligible_fen = eligible_fen + excluded.eligible_fen, pay_fen = pay_fen + excluded.pay_fen;`;
  // A person counts once in a period and category: the first line there adds them, the last one
  // taken away removes them.
  const people = [month(r), year(r)]
    .map(
      (period) => `INSERT INTO claim_period_people (period, category, people)
      SELECT ${period}, ${r}.category, ${sign}1 WHERE NOT ${otherLineIn(r, period)}
      ON CONFLICT (period, category) DO UPDATE SET people = people + excluded.people;`,
    )
    .join('\n    ');
  const emptied =
    r === 'OLD'
      ? `DELETE FROM claim_month_totals WHERE month = ${month(r)} AND category = ${r}.category AND kind = ${r}.kind AND lines = 0;
    DELETE FROM claim_period_people WHERE period IN (${month(r)}, ${year(r)}) AND category = ${r}.category AND people = 0;`
      : '';
  return `${totals}\n    ${people}\n    ${emptied}`;
}

/**
 * The triggers that keep the figures: a line counted in when it is written approved, out when it
 * is removed; an update counts the line as it was out and as it is in (in either order: each step
 * looks only at the person's other lines).
 */
export function claimReportTriggers(): string[] {
  const trigger = (name: string, event: string, r: Row) =>
    `CREATE TRIGGER ${name} AFTER ${event} ON claim_lines WHEN ${r}.approved_on IS NOT NULL
     BEGIN
    ${countLine(r)}
     END`;
  const changed = 'UPDATE OF approved_on, category, kind, eligible_fen, pay_fen, person_id';
  return [
    trigger('claim_lines_report_insert', 'INSERT', 'NEW'),
    trigger('claim_lines_report_delete', 'DELETE', 'OLD'),
    trigger('claim_lines_report_update_out', changed, 'OLD'),
    trigger('claim_lines_report_update_in', changed, 'NEW'),
  ];
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE claim_month_totals (
    month TEXT NOT NULL,
    category TEXT NOT NULL,
    kind TEXT NOT NULL,
    lines INTEGER NOT NULL,
    eligible_fen INTEGER NOT NULL,
    pay_fen INTEGER NOT NULL,
    PRIMARY KEY (month, category, kind)
  ) WITHOUT ROWID`.execute(db);
  await sql`CREATE TABLE claim_period_people (
    period TEXT NOT NULL,
    category TEXT NOT NULL,
    people INTEGER NOT NULL,
    PRIMARY KEY (period, category)
  ) WITHOUT ROWID`.execute(db);
  await sql`INSERT INTO claim_month_totals (month, category, kind, lines, eligible_fen, pay_fen)
    SELECT substr(approved_on, 1, 7), category, kind, count(*), sum(eligible_fen), coalesce(sum(pay_fen), 0)
    FROM claim_lines WHERE approved_on IS NOT NULL GROUP BY 1, 2, 3`.execute(db);
  for (const length of [7, 4]) {
    await sql`INSERT INTO claim_period_people (period, category, people)
      SELECT substr(approved_on, 1, ${length}), category, count(DISTINCT person_id)
      FROM claim_lines WHERE approved_on IS NOT NULL GROUP BY 1, 2`.execute(db);
  }
  for (const trigger of claimReportTriggers()) await sql.raw(trigger).execute(db);
  await db.schema.dropIndex('claim_lines_approved').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('claim_lines_approved')
    .on('claim_lines')
    .columns(['approved_on', 'category', 'kind', 'eligible_fen', 'pay_fen', 'person_id'])
    .execute();
  for (const t of ['claim_lines_report_insert', 'claim_lines_report_delete', 'claim_lines_report_update_out', 'claim_lines_report_update_in']) await sql.raw(`DROP TRIGGER ${t}`).execute(db);
  await db.schema.dropTable('claim_period_people').execute();
  await db.schema.dropTable('claim_month_totals').execute();
}
