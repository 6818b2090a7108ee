// The people behind a bar of claims (issue 19 item 1: a month's claimants, a category's claimants of
// the year), kept as the report's figures are (0013): the 统计 page opened a bar by grouping every
// approved line of the period by person, a scan of the million lines of a year (1.6 s at 100,000
// people), since 0013 dropped the index by approval date.
// - claim_period_persons: per (month or year of approval, category, person) the person's approved
//   lines and the amount reimbursed. A bar's people are one range of its key.
// The triggers of 0013 are replaced by triggers that keep this table as well, and count a person in
// claim_period_people from it (a first line in the period adds them, the last one taken away removes
// them) instead of looking through the person's other lines. Existing lines are counted here.
//
// A rebuild of claim_lines (https://sqlite.org/lang_altertable.html#otheralter) drops its
// triggers with it: whoever rebuilds it creates them again (the statements below are frozen with this
// migration; copy them, do not import them).
import { type Kysely, sql } from 'kysely';

type Row = 'NEW' | 'OLD';

const month = (r: Row) => `substr(${r}.approved_on, 1, 7)`;
const year = (r: Row) => `substr(${r}.approved_on, 1, 4)`;

const TRIGGERS = [
  'claim_lines_report_insert',
  'claim_lines_report_delete',
  'claim_lines_report_update_out',
  'claim_lines_report_update_in',
];

/** The month's totals of a line counted in (NEW) or out (OLD), as 0013 keeps them. */
const totals = (r: Row) => {
  const sign = r === 'NEW' ? '+' : '-';
  return `INSERT INTO claim_month_totals (month, category, kind, lines, eligible_fen, pay_fen)
      VALUES (${month(r)}, ${r}.category, ${r}.kind, ${sign}1, ${sign}${r}.eligible_fen, ${sign}coalesce(${r}.pay_fen, 0))
      ON CONFLICT (month, category, kind) DO UPDATE SET lines = lines + excluded.lines,
        eligible_fen = eligible_fen + excluded.eligible_fen, pay_fen = pay_fen + excluded.pay_fen;`;
};

/** The rows a line counted out leaves at nothing. */
const emptied = (r: Row) =>
  r === 'OLD'
    ? `DELETE FROM claim_month_totals WHERE month = ${month(r)} AND category = ${r}.category AND kind = ${r}.kind AND lines = 0;
    DELETE FROM claim_period_people WHERE period IN (${month(r)}, ${year(r)}) AND category = ${r}.category AND people = 0;`
    : '';

/** The statements that count a line in (NEW) or out of (OLD) the figures. */
function countLine(r: Row): string {
  const mine = (period: string) => `period = ${period} AND category = ${r}.category AND person_id = ${r}.person_id`;
  const people = [month(r), year(r)].map((period) =>
    r === 'NEW'
      ? `INSERT INTO claim_period_people (period, category, people)
      SELECT ${period}, NEW.category, 1 WHERE NOT EXISTS (SELECT 1 FROM claim_period_persons WHERE ${mine(period)})
      ON CONFLICT (period, category) DO UPDATE SET people = people + 1;
    INSERT INTO claim_period_persons (period, category, person_id, lines, pay_fen)
      VALUES (${period}, NEW.category, NEW.person_id, 1, coalesce(NEW.pay_fen, 0))
      ON CONFLICT (period, category, person_id) DO UPDATE SET lines = lines + 1, pay_fen = pay_fen + excluded.pay_fen;`
      : `UPDATE claim_period_persons SET lines = lines - 1, pay_fen = pay_fen - coalesce(OLD.pay_fen, 0) WHERE ${mine(period)};
    UPDATE claim_period_people SET people = people - 1
      WHERE period = ${period} AND category = OLD.category
        AND EXISTS (SELECT 1 FROM claim_period_persons WHERE ${mine(period)} AND lines = 0);
    DELETE FROM claim_period_persons WHERE ${mine(period)} AND lines = 0;`,
  );
  return [totals(r), ...people, emptied(r)].join('\n    ');
}

/** 0013's statements: a person counted by looking through their other lines. */
function countLine0013(r: Row): string {
  const sign = r === 'NEW' ? '+' : '-';
  const otherLineIn = (period: string) =>
    `EXISTS (SELECT 1 FROM claim_lines o WHERE o.person_id = ${r}.person_id AND o.id <> ${r}.id AND o.category = ${r}.category
           AND substr(o.approved_on, 1, length(${period})) = ${period})`;
  const people = [month(r), year(r)].map(
    (period) => `INSERT INTO claim_period_people (period, category, people)
      SELECT ${period}, ${r}.category, ${sign}1 WHERE NOT ${otherLineIn(period)}
      ON CONFLICT (period, category) DO UPDATE SET people = people + excluded.people;`,
  );
  return [totals(r), ...people, emptied(r)].join('\n    ');
}

function triggers(count: (r: Row) => string): string[] {
  const trigger = (name: string, event: string, r: Row) =>
    `CREATE TRIGGER ${name} AFTER ${event} ON claim_lines WHEN ${r}.approved_on IS NOT NULL
     BEGIN
    ${count(r)}
     END`;
  const changed = 'UPDATE OF approved_on, category, kind, eligible_fen, pay_fen, person_id';
  return [
    trigger(TRIGGERS[0], 'INSERT', 'NEW'),
    trigger(TRIGGERS[1], 'DELETE', 'OLD'),
    trigger(TRIGGERS[2], changed, 'OLD'),
    trigger(TRIGGERS[3], changed, 'NEW'),
  ];
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE claim_period_persons (
    period TEXT NOT NULL,
    category TEXT NOT NULL,
    person_id INTEGER NOT NULL,
    lines INTEGER NOT NULL,
    pay_fen INTEGER NOT NULL,
    PRIMARY KEY (period, category, person_id)
  ) WITHOUT ROWID`.execute(db);
  for (const length of [7, 4]) {
    await sql`INSERT INTO claim_period_persons (period, category, person_id, lines, pay_fen)
      SELECT substr(approved_on, 1, ${length}), category, person_id, count(*), coalesce(sum(pay_fen), 0)
      FROM claim_lines WHERE approved_on IS NOT NULL GROUP BY 1, 2, 3`.execute(db);
  }
  for (const t of TRIGGERS) await sql.raw(`DROP TRIGGER ${t}`).execute(db);
  for (const trigger of triggers(countLine)) await sql.raw(trigger).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TRIGGERS) await sql.raw(`DROP TRIGGER ${t}`).execute(db);
  for (const trigger of triggers(countLine0013)) await sql.raw(trigger).execute(db);
  await sql`DROP TABLE claim_period_persons`.execute(db);
}
