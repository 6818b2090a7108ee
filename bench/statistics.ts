// The statistics page at 100,000 people (issue 19): the roll's figures as of a past date, the
// year's balance, the people behind the largest bar and each upward table, each ≤ 1 s; beside them, in the same run,
// the home page's figures of today (retirees.figures), which read the current state only, and the
// home page's other calls (issue 19 item 7): its charts and this year's deaths (statistics.home), its
// reminders grouped (reminders.groups; in the bench office nobody has been visited or certified, so
// 久未联系 and 资格认证超期 each hold everyone on the roll), and a page of one group opened.
import type { AppContext } from '../src-main/app/context';
import { officeFigures } from '../src-main/retirees/list';
import { REPORT_NAMES, UPWARD_REPORTS } from '../src-main/contract/upward';
import { homeFigures } from '../src-main/statistics/home';
import { reminderGroupPage, reminderGroups } from '../src-main/home/reminderGroups';
import { statisticsBalance, statisticsFigures, statisticsPeople } from '../src-main/statistics/roll';
import { upwardTable } from '../src-main/statistics/upward';
import { percentiles } from './listsQueries';

const TARGET_MS = 1000;

export function benchStatistics(ctx: AppContext, runs = 9): string[] {
  const store = ctx.store;
  const changes = (store.raw.prepare('SELECT count(*) AS n FROM person_changes').get() as { n: number }).n;
  const time = (fn: () => unknown) => {
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      fn();
      xs.push(performance.now() - t);
    }
    return percentiles(xs);
  };
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
