// The statistics page at 100,000 people (issue 19): the roll's figures as of a past date, the
// year's balance, the people behind the largest bar and each upward table, each ≤ 1 s; beside them, in the same run,
// the home page's figures of today (retirees.figures), which read the current state only, and the
// home page's other calls (issue 19 item 7): its charts and this year's deaths (statistics.home), its
// reminders grouped (reminders.groups; in the bench office nobody has been visited or certified, so
// 久未联系 and 资格认证超期 each hold everyone on the roll), and a page of one group opened.
// benchActivity: the charts of the year's work on the bench's claim lines (seedClaimLines), with
// visits and petitions seeded here; the people behind the largest bars; a chart exported and printed.
import type { AppContext } from '../src-main/app/context';
import { prng } from '../src-main/demo/generate';
import { officeFigures } from '../src-main/retirees/list';
import { REPORT_NAMES, UPWARD_REPORTS } from '../src-main/contract/upward';
import { homeFigures } from '../src-main/statistics/home';
import { reminderGroupPage, reminderGroups } from '../src-main/home/reminderGroups';
import { VISIT_KINDS } from '../src-main/shared/care';
import { PETITION_STATUSES } from '../src-main/shared/petitions';
import { activityCharts, activityPeople } from '../src-main/statistics/activity';
import { chartPrintable, chartWorkbook } from '../src-main/statistics/charts';
import { statisticsBalance, statisticsFigures, statisticsPeople } from '../src-main/statistics/roll';
import { upwardTable } from '../src-main/statistics/upward';
import { percentiles } from './listsQueries';

const TARGET_MS = 1000;

const timer = (runs: number) => (fn: () => unknown) => {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return percentiles(xs);
};

export function benchStatistics(ctx: AppContext, runs = 9): string[] {
  const store = ctx.store;
  const changes = (store.raw.prepare('SELECT count(*) AS n FROM person_changes').get() as { n: number }).n;
  const time = timer(runs);
  // The roll is kept until the file changes (rollOf): the targeted figures are timed as a clerk meets
  // them after an edit, with a write before each run so that every run reads the roll again.
  const edit = store.raw.prepare('UPDATE persons SET note = note WHERE id = (SELECT min(id) FROM persons)');
  const afterEdit = (fn: () => unknown) => () => {
    edit.run();
    return fn();
  };
  let day = 0;
  const rows: [string, () => unknown, boolean][] = [
    ['statistics: the figures as of 2025-12-31', afterEdit(() => statisticsFigures(store, '2025-12-31')), true],
    ['statistics: the 2025 balance (两年数字变化)', afterEdit(() => statisticsBalance(store, 2025)), true],
    [
      'statistics: the people behind 在册 · 退休 on 2025-12-31',
      afterEdit(() => statisticsPeople(store, { asOf: '2025-12-31', figure: 'onRoll', key: '退休', page: 1 })),
      true,
    ],
    // Each upward table as the page asks for it after an edit: the roll read, the table filled (≤ 1 s).
    ...REPORT_NAMES.map((name): [string, () => unknown, boolean] => [
      `upward table: ${UPWARD_REPORTS[name].title} (${name}) for 2025`,
      afterEdit(() => upwardTable(store, name, 2025)),
      true,
    ]),
    [
      'statistics: the figures, the date moved with no edit between (the roll kept)',
      () => statisticsFigures(store, `2025-12-${String(1 + (day++ % 28)).padStart(2, '0')}`),
      false,
    ],
    ["baseline: the home page's figures of today", () => officeFigures(store), false],
    ["home: the charts and this year's deaths (statistics.home)", () => homeFigures(store), false],
    ['home: the reminders grouped (reminders.groups)', () => reminderGroups(store), false],
    [
      'home: 久未联系 opened, its third page (reminders.group)',
      () => reminderGroupPage(store, 'notContacted', 3),
      false,
    ],
    [
      "home: every call of the page's start (figures, charts, reminders)",
      () => [officeFigures(store), homeFigures(store), reminderGroups(store)],
      false,
    ],
  ];
  return [
    `statistics on ${(store.raw.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n.toLocaleString('en')} people, ${changes.toLocaleString('en')} recorded changes, ${runs} runs each`,
    ...rows.map(([label, fn, targeted]) => {
      const p = time(fn);
      return `${label}: p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms${targeted ? ` (target ≤ ${TARGET_MS} ms: ${p.p95 <= TARGET_MS ? 'met' : 'missed'})` : ''}`;
    }),
  ];
}

/**
 * The year's work as charts, at the bench's size: the claim lines seedClaimLines made (one year,
 * 2025), and here one visit in the year for every person plus a festival visit for half of them,
 * and 5,000 petitions. Timed: the charts (statistics.activity), the people behind the largest
 * month of claims, of the 退休 claimants, of a kind of visit and of a petition state, and the
 * month's claims chart exported and printed.
 */
export async function benchActivity(ctx: AppContext, runs = 9): Promise<string[]> {
  const store = ctx.store;
  const YEAR = 2025;
  const ids = (store.raw.prepare('SELECT id FROM persons').raw().all() as [number][]).map(([id]) => id);
  const r = prng(31);
  const day = () =>
    `${YEAR}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  store.tx(() => {
    const visit = store.raw.prepare(
      `INSERT INTO visits (person_id, kind, date, money_fen, created_at, created_by) VALUES (?, ?, ?, ?, ?, '基准测试')`,
    );
    for (const id of ids) {
      visit.run(id, VISIT_KINDS[Math.floor(r() * VISIT_KINDS.length)], day(), 20000, `${YEAR}-12-31T00:00:00`);
      if (r() < 0.5) visit.run(id, '节日慰问', `${YEAR}-01-20`, 30000, `${YEAR}-12-31T00:00:00`);
    }
    const petition = store.raw.prepare(
      `INSERT INTO petitions (received_on, channel, person_id, petitioner, subject, content, status, created_at, created_by)
       VALUES (?, '来访', ?, ?, '反映待遇', '基准测试', ?, ?, '基准测试')`,
    );
    for (let i = 0; i < 5000; i++) {
      const id = r() < 0.8 ? ids[Math.floor(r() * ids.length)] : null;
      petition.run(day(), id, id === null ? `来访人${i}` : '本人', PETITION_STATUSES[i % 4], `${YEAR}-12-31T00:00:00`);
    }
  });
  store.raw.exec('ANALYZE');
  const count = (table: string) => (store.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const charts = activityCharts(store, YEAR).charts;
  const largest = (chart: string) =>
    charts.find((c) => c.chart === chart)!.rows.reduce((a, b) => (b.values[0] > a.values[0] ? b : a)).key;
  const time = timer(runs);
  const of = { asOf: `${YEAR}-12-31`, year: YEAR };
  const rows: [string, () => unknown][] = [
    ["statistics: the year's work as charts (claims, visits, petitions)", () => activityCharts(store, YEAR)],
    ...(
      [
        ['claimsByMonth', largest('claimsByMonth')],
        ['claimsByCategory', '退休'],
        ['visitsByKind', '节日慰问'],
        ['petitionsByState', '待受理'],
      ] as const
    ).map(([chart, key]): [string, () => unknown] => [
      `statistics: the people behind ${chart} · ${key}`,
      () => activityPeople(store, { year: YEAR, chart, key, page: 1 }),
    ]),
    ["statistics: the month's claims chart printed", () => chartPrintable(store, { chart: 'claimsByMonth', ...of })],
  ];
  const exported: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await chartWorkbook(store, { chart: 'claimsByMonth', ...of });
    exported.push(performance.now() - t);
  }
  const line = (label: string, p: { p50: number; p95: number }) =>
    `${label}: p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms`;
  return [
    `the year's work on ${count('claim_lines').toLocaleString('en')} claim lines, ${count('visits').toLocaleString('en')} visits, ${count('petitions').toLocaleString('en')} petitions, ${runs} runs each`,
    ...rows.map(([label, fn]) => line(label, time(fn))),
    line("statistics: the month's claims chart exported (.xlsx)", percentiles(exported)),
  ];
}
