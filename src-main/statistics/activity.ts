// The year's work as charts (issue 19 item 1): medical-expense claims by month and by person
// category, visits by kind and by month, petitions by state; and the people behind each bar.
//
// Claims are counted as the claims report counts them (claims/reports.ts claimsReport: the figures
// kept with every approved line, by month of approval and the category the line was computed
// under); a bar's people are the people with approved lines in the same month or category, so that
// the list and the report's 人数 cannot disagree. Visits count by their date, and only as contact
// counts (shared/contact.ts: a visit, or an answered call; a call not answered reached nobody);
// petitions by the day they were received and their state now.
import type { ActivityChart, ActivityCharts, ActivityPeople, ChartTable } from '../contract/statistics';
import { ACTIVITY_CHARTS } from '../contract/statistics';
import type { Store } from '../db/store';
import { claimsReport, periodOf } from '../claims/reports';
import { VISIT_KINDS } from '../shared/care';
import { UserError } from '../shared/errors';
import { CATEGORIES } from '../shared/person';
import { PETITION_STATUSES } from '../shared/petitions';
import { contactSql } from '../shared/contact';

/** The visits that reached the person, in a query on `visits` unaliased. */
const CONTACT = contactSql('visits');

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
/** A month's bar is labelled 3月; its key is read back the same way. */
const monthKey = (m: number) => `${m}月`;

function monthOf(key: string): number {
  const m = /^(\d{1,2})月$/.exec(key);
  const n = m ? Number(m[1]) : 0;
  if (n < 1 || n > 12) throw new UserError('invalid_input', `“${key}”不是月份`);
  return n;
}

function oneOf<T extends string>(key: string, values: readonly T[], what: string): T {
  if (!(values as readonly string[]).includes(key)) throw new UserError('invalid_input', `没有“${key}”这一${what}`);
  return key as T;
}

export function activityCharts(store: Store, year: number): ActivityCharts {
  const chart = (
    id: ActivityChart,
    period: string,
    keyLabel: string,
    columns: ChartTable['columns'],
    rows: ChartTable['rows'],
  ): ChartTable => ({ chart: id, title: `${year}年${ACTIVITY_CHARTS[id]}`, period, keyLabel, columns, rows });

  const claims = claimsReport(store, year);
  const byMonth = new Map(claims.byMonth.map((m) => [Number(m.month.slice(5, 7)), m]));
  const byCategory = new Map(claims.byCategory.map((c) => [c.category, c]));

  const [from, to] = periodOf(year, null);
  const visitRows = store
    .prepare(
      `SELECT kind, CAST(substr(date, 6, 2) AS INTEGER) AS month, count(*) AS n, sum(money_fen) AS fen
       FROM visits WHERE date >= ? AND date < ? AND ${CONTACT} GROUP BY kind, month`,
    )
    .all(from, to) as { kind: string; month: number; n: number; fen: number }[];
  // People visited: a person counts once in a kind, and once in a month.
  const visited = (group: string) =>
    new Map(
      (
        store
          .prepare(
            `SELECT ${group} AS k, count(DISTINCT person_id) AS people FROM visits
             WHERE date >= ? AND date < ? AND ${CONTACT} GROUP BY k`,
          )
          .all(from, to) as { k: string | number; people: number }[]
      ).map((r) => [String(r.k), r.people]),
    );
  const peopleByKind = visited('kind');
  const peopleByMonth = visited('CAST(substr(date, 6, 2) AS INTEGER)');
  const sum = (rows: typeof visitRows, f: (r: (typeof visitRows)[number]) => number) =>
    rows.reduce((a, r) => a + f(r), 0);

  const petitions = new Map(
    (
      store
        .prepare(
          'SELECT status, count(*) AS n FROM petitions WHERE received_on >= ? AND received_on < ? GROUP BY status',
        )
        .all(from, to) as { status: string; n: number }[]
    ).map((r) => [r.status, r.n]),
  );

  const money = (label: string) => ({ label, kind: 'money' as const });
  const count = (label: string) => ({ label, kind: 'number' as const });
  const approved = `${year}年度（按审批日期）`;
  const whole = `${year}年度`;
  return {
    year,
    charts: [
      chart(
        'claimsByMonth',
        approved,
        '月份',
        [money('报销金额'), money('符合报销金额'), count('票据数')],
        MONTHS.map((m) => {
          const t = byMonth.get(m);
          return { key: monthKey(m), values: [t?.payFen ?? 0, t?.eligibleFen ?? 0, t?.lines ?? 0] };
        }),
      ),
      chart(
        'claimsByCategory',
        approved,
        '人员类别',
        [money('报销金额'), count('人数')],
        CATEGORIES.map((c) => ({ key: c, values: [byCategory.get(c)?.payFen ?? 0, byCategory.get(c)?.people ?? 0] })),
      ),
      chart(
        'visitsByKind',
        whole,
        '走访类别',
        [count('次数'), count('人数'), money('慰问金')],
        VISIT_KINDS.map((k) => {
          const rows = visitRows.filter((r) => r.kind === k);
          return { key: k, values: [sum(rows, (r) => r.n), peopleByKind.get(k) ?? 0, sum(rows, (r) => r.fen)] };
        }),
      ),
      chart(
        'visitsByMonth',
        whole,
        '月份',
        [count('次数'), count('人数')],
        MONTHS.map((m) => ({
          key: monthKey(m),
          values: [
            sum(
              visitRows.filter((r) => r.month === m),
              (r) => r.n,
            ),
            peopleByMonth.get(String(m)) ?? 0,
          ],
        })),
      ),
      chart(
        'petitionsByState',
        `${year}年度（按收到日期）`,
        '办理状态',
        [count('件数')],
        PETITION_STATUSES.map((s) => ({ key: s, values: [petitions.get(s) ?? 0] })),
      ),
    ],
  };
}

/** A bar's people a page at a time, as the roll's are (roll.ts PEOPLE_PAGE). */
export const ACTIVITY_PAGE = 100;

/**
 * A bar's people, a page of them: `rows` selects one row per person (id, name, category, unit,
 * n: their lines, visits or petitions, fen: the amount, sort: the name as the lists sort it), in
 * the people list's order with the total counted over all of them.
 */
function pageOfPeople(
  store: Store,
  rows: { sql: string; params: unknown[] },
  page: number,
  withAmount: boolean,
): ActivityPeople {
  const shown = store
    .prepare(
      `SELECT id, name, category, unit, n, fen, count(*) OVER () AS total FROM (${rows.sql})
       ORDER BY sort, id LIMIT ? OFFSET ?`,
    )
    .all(...rows.params, ACTIVITY_PAGE, (page - 1) * ACTIVITY_PAGE) as {
    id: number | null;
    name: string;
    category: string | null;
    unit: string | null;
    n: number;
    fen: number | null;
    total: number;
  }[];
  // Past the last page there is no row to carry the total.
  const total =
    shown[0]?.total ??
    (store.prepare(`SELECT count(*) AS n FROM (${rows.sql})`).get(...rows.params) as { n: number }).n;
  return {
    total,
    page,
    pageSize: ACTIVITY_PAGE,
    people: shown.map((r) => ({
      id: r.id,
      name: r.name,
      category: r.category,
      unit: r.unit,
      count: r.n,
      amountFen: withAmount ? (r.fen ?? 0) : null,
    })),
  };
}

/** People on file, one row each, from (id, n, fen) grouped by person. */
const onFile = (grouped: string, params: unknown[]) => ({
  sql: `SELECT p.id, p.name, p.category, u.name AS unit, bar.n, bar.fen, p.name_sort AS sort
        FROM (${grouped}) bar JOIN persons p ON p.id = bar.id LEFT JOIN org_units u ON u.id = p.admin_group_id`,
  params,
});

/** Petitioners of a state: people on file by their file, the others by the name they gave. */
const petitioners = (from: string, to: string, status: string) => ({
  sql: `SELECT p.id, coalesce(p.name, t.petitioner) AS name, p.category, u.name AS unit, count(*) AS n, NULL AS fen,
               coalesce(p.name_sort, t.petitioner) AS sort
        FROM petitions t LEFT JOIN persons p ON p.id = t.person_id LEFT JOIN org_units u ON u.id = p.admin_group_id
        WHERE t.received_on >= ? AND t.received_on < ? AND t.status = ?
        GROUP BY t.person_id, CASE WHEN t.person_id IS NULL THEN t.petitioner END`,
  params: [from, to, status],
});

/** The people behind one bar of the year's work. */
export function activityPeople(
  store: Store,
  input: { year: number; chart: ActivityChart; key: string; page: number },
): ActivityPeople {
  const { year, key, page } = input;
  const [from, to] = periodOf(year, null);
  switch (input.chart) {
    case 'claimsByMonth':
      return pageOfPeople(
        store,
        claimants('period = ?', [`${year}-${String(monthOf(key)).padStart(2, '0')}`]),
        page,
        true,
      );
    case 'claimsByCategory':
      return pageOfPeople(
        store,
        claimants('period = ? AND category = ?', [String(year), oneOf(key, CATEGORIES, '人员类别')]),
        page,
        true,
      );
    case 'visitsByKind':
      return pageOfPeople(
        store,
        visitedBy('date >= ? AND date < ? AND kind = ?', [from, to, oneOf(key, VISIT_KINDS, '走访类别')]),
        page,
        true,
      );
    case 'visitsByMonth': {
      const [mFrom, mTo] = periodOf(year, monthOf(key));
      return pageOfPeople(store, visitedBy('date >= ? AND date < ?', [mFrom, mTo]), page, true);
    }
    case 'petitionsByState':
      return pageOfPeople(store, petitioners(from, to, oneOf(key, PETITION_STATUSES, '办理状态')), page, false);
  }
}

/**
 * People with approved claim lines in a period (its month or year of approval) where `where` holds:
 * their lines and what they were paid, as the approvals keep them per person (claim_period_persons,
 * migration 0035) beside the report's figures.
 */
const claimants = (where: string, params: unknown[]) =>
  onFile(
    `SELECT person_id AS id, sum(lines) AS n, sum(pay_fen) AS fen FROM claim_period_persons
     WHERE ${where} GROUP BY person_id`,
    params,
  );

/** People reached where `where` holds: their visits (answered calls) and the money given. */
const visitedBy = (where: string, params: unknown[]) =>
  onFile(
    `SELECT person_id AS id, count(*) AS n, sum(money_fen) AS fen FROM visits
     WHERE ${where} AND ${CONTACT} GROUP BY person_id`,
    params,
  );
