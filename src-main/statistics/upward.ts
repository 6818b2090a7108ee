// The fixed tables sent upward (老干部统计年报, issue 19 items 3 and 4), each as of a year: the
// figures at 上年12月31日 and 本年12月31日 counted from the files and their history (roll.ts), only
// the files whose 统计标志 is set. Their rows and columns are defined once (contract/upward.ts); here
// they are filled, printed (A4 landscape, the form's headings, 填报单位, 填报日期, 制表人/审核人) and
// exported (.xlsx, the same headings merged as the form has them).
//
// What each table counts:
// - 两年数字变化 (离休; 退休干部 by rank): yearBalance on the counted files (of the rank), its 离休 or
//   退休 row; the people behind a non-zero 差 under it, each with the change that made it;
// - 基本情况: the people on the roll on 本年12月31日 — 中共党员 includes 预备党员; 生活不能自理 is
//   失能 only (半失能 people can still look after themselves in part); ages on 本年12月31日 (a
//   partial birth date is exact then); 参加革命工作时间 in its five periods, a month or year that
//   straddles a bound (1937-07, 1945) counted apart as 待定 and listed, never guessed;
// - 退休干部: category 退休 and staff type 干部; 工人 are not counted; a file without a staff type is
//   counted apart (身份未填) and one without a rank in 职级未填, both listed for the clerk;
// - 离休、退休、退职人员数: the balance's counts by category; beside them what the enterprise spent
//   in the year — 药费: the claim lines approved in the year (their reimbursed amount, reversals
//   netting out), by the category each line was approved under; 慰问: the money of the visits dated
//   in the year other than 困难帮扶; 帮扶: the hardship aid paid in the year — and, apart, what the pension
//   fund paid through the office: 丧葬补助金 and 一次性抚恤金 from the death tasks done in the year.
import { currentOperator, getOfficeSettings, readSetting, writeSetting } from '../settings/settings';
import type { PrintableView } from '../contract/common';
import type { BalanceRow, UpwardTable, YearBalance } from '../contract/statistics';
import { headerRows, UPWARD_REPORTS, WORK_PERIODS, type ReportName, type ToSettle } from '../contract/upward';
import type { Store } from '../db/store';
import { html, raw } from '../documents/html';
import { printable, ruledListCss } from '../documents/print';
import { tableWorkbook, type TableColumn } from '../documents/tableWorkbook';
import { daysInMonth, formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { formatYuan } from '../shared/money';
import { CATEGORIES, RANKS, type Category } from '../shared/person';
import { dayNumber, FLAG, narrowRoll, rollOf, stateOn, valueOn, yearBalance, type Roll, type RollPerson } from './roll';

/** How many of a list to settle are shown by name: the rest are counted. */
const SHOWN = 200;

/** The settings key of the rows' labels: `{ report: { rowKey: label } }`, only those the office changed. */
const LABELS_KEY = 'report_row_labels';

type Labels = Partial<Record<ReportName, Record<string, string>>>;

export function reportRowLabels(store: Store): Labels {
  const text = readSetting(store, LABELS_KEY);
  if (!text) return {};
  try {
    return JSON.parse(text) as Labels;
  } catch {
    return {};
  }
}

/** The office's labels for a table's rows (a provincial 表样's words); an empty one goes back to the default. */
export function saveReportRowLabels(store: Store, report: ReportName, labels: Record<string, string>): Labels {
  const keys = new Set<string>(UPWARD_REPORTS[report].rows.map((r) => r.key));
  const mine: Record<string, string> = {};
  for (const [key, label] of Object.entries(labels)) {
    if (!keys.has(key)) throw new UserError('invalid_input', `${UPWARD_REPORTS[report].title}没有“${key}”这一行`);
    if (label.trim() !== '') mine[key] = label.trim();
  }
  const all = { ...reportRowLabels(store), [report]: mine };
  store.tx(() => writeSetting(store, LABELS_KEY, JSON.stringify(all)));
  return all;
}

// --- the counts --------------------------------------------------------------------------------

interface Span {
  start: string;
  end: string;
  endDay: number;
}

const spanOf = (year: number): Span => ({
  start: `${year - 1}-12-31`,
  end: `${year}-12-31`,
  endDay: dayNumber(`${year}-12-31`),
});

const counted = (roll: Roll) => narrowRoll(roll, (p) => (p.flags & FLAG.统计) !== 0);
const cadre = (p: RollPerson) => (p.flags & FLAG.干部) !== 0;
const noStaffType = (p: RollPerson) => (p.flags & (FLAG.干部 | FLAG.工人)) === 0;

/** A stored partial date back from its yyyymmdd with 00s (19370700 → 1937-07). */
function partialText(n: number): string {
  const y = Math.floor(n / 10000);
  const m = Math.floor(n / 100) % 100;
  const d = n % 100;
  return [String(y), m ? String(m).padStart(2, '0') : '', d ? String(d).padStart(2, '0') : '']
    .filter(Boolean)
    .join('-');
}

/** The period of 参加革命工作时间 a work start date falls in; 'pending' when its month or year straddles a bound. */
export function workPeriod(workStart: number | null): (typeof WORK_PERIODS)[number]['key'] | 'pending' | 'missing' {
  if (workStart === null) return 'missing';
  const y = Math.floor(workStart / 10000);
  const m = Math.floor(workStart / 100) % 100;
  const d = workStart % 100;
  const first = y * 10000 + (m || 1) * 100 + (d || 1);
  const lastMonth = m || 12;
  const last = y * 10000 + lastMonth * 100 + (d || daysInMonth(y, lastMonth));
  const holding = (day: number) => WORK_PERIODS.find((p) => p.from <= day && day <= p.to);
  const a = holding(first);
  const b = holding(last);
  if (a && a === b) return a.key;
  if (a || b) return 'pending';
  return 'missing';
}

/** 基本情况's five figures of one person on 本年12月31日. */
function basicCells(p: RollPerson, endDay: number): number[] {
  const age = p.bornFirst === null || p.bornFirst > endDay ? null : Math.floor((endDay - p.bornFirst) / 10000);
  return [
    1,
    p.flags & FLAG.党员 ? 1 : 0,
    p.flags & FLAG.失能 ? 1 : 0,
    age !== null && age >= 70 && age < 80 ? 1 : 0,
    age !== null && age >= 80 ? 1 : 0,
  ];
}

const addInto = (into: number[], cells: readonly number[]) => cells.forEach((n, i) => (into[i] += n));

const CHANGE_KEYS = ['lastYearEnd', 'newThisYear', 'diedThisYear', 'expected', 'actual', 'difference'] as const;
const changeCells = (row: BalanceRow) => CHANGE_KEYS.map((k) => row[k]);
const rowOf = (b: YearBalance, category: Category) => b.rows.find((r) => r.category === category)!;

/** A list for the clerk: the first people in the people list's order, and how many in all. */
function settle(roll: Roll, reason: string, people: { p: RollPerson; detail: string }[]): ToSettle {
  const shown = roll.inNameOrder(people, (x) => x.p.id).slice(0, SHOWN);
  const names = roll.names(shown.map((x) => x.p.id));
  return {
    reason,
    total: people.length,
    people: shown.map((x) => ({ personId: x.p.id, name: names.get(x.p.id) ?? '', detail: x.detail })),
  };
}

/** Only the balance's people and corrections that concern the category. */
function balanceFor(roll: Roll, b: YearBalance, category: Category, span: Span): UpwardTable['balance'] {
  const concerns = (id: number) => {
    const p = roll.byId.get(id);
    return p !== undefined && [span.start, span.end].some((d) => stateOn(roll, p, d).category === category);
  };
  return {
    people: b.people.filter((p) => p.effect[category] !== undefined),
    corrections: b.corrections.filter((c) => concerns(c.personId)),
  };
}

interface Filled {
  rows: Record<string, number[]>;
  toSettle: ToSettle[];
  balance: UpwardTable['balance'];
}

function lixiuChange(roll: Roll, year: number, span: Span): Filled {
  const b = yearBalance(roll, year);
  return { rows: { lixiu: changeCells(rowOf(b, '离休')) }, toSettle: [], balance: balanceFor(roll, b, '离休', span) };
}

function lixiuBasic(roll: Roll, span: Span): Filled {
  const cells = new Array<number>(5 + WORK_PERIODS.length + 2).fill(0);
  const pending: { p: RollPerson; detail: string }[] = [];
  const missing: { p: RollPerson; detail: string }[] = [];
  for (const p of roll.people) {
    const s = stateOn(roll, p, span.end);
    if (!s.onRoll || s.category !== '离休') continue;
    addInto(cells, basicCells(p, span.endDay));
    const period = workPeriod(p.workStart);
    if (period === 'pending') {
      cells[5 + WORK_PERIODS.length]++;
      pending.push({ p, detail: `参加工作时间 ${partialText(p.workStart!)}` });
    } else if (period === 'missing') {
      cells[5 + WORK_PERIODS.length + 1]++;
      missing.push({
        p,
        detail:
          p.workStart === null ? '参加工作时间未填' : `参加工作时间 ${partialText(p.workStart)}，晚于1949年9月30日`,
      });
    } else cells[5 + WORK_PERIODS.findIndex((w) => w.key === period)]++;
  }
  return {
    rows: { lixiu: cells },
    toSettle: [
      settle(roll, '参加工作时间只有年份或月份，跨两个时段，请在档案中填写具体日期', pending),
      settle(roll, '参加工作时间未填，或不在1949年9月30日以前', missing),
    ].filter((t) => t.total > 0),
    balance: null,
  };
}

/** The row of a 退休干部 by rank. */
const rankRow = (p: RollPerson) => (p.rank === 0 ? 'noRank' : `rank${p.rank}`);

/** 退休 on the roll on 本年12月31日, without a rank or a staff type: the two lists to settle. */
function tuixiuToSettle(roll: Roll, span: Span): ToSettle[] {
  const noRank: { p: RollPerson; detail: string }[] = [];
  const noType: { p: RollPerson; detail: string }[] = [];
  for (const p of roll.people) {
    const s = stateOn(roll, p, span.end);
    if (!s.onRoll || s.category !== '退休') continue;
    if (noStaffType(p)) noType.push({ p, detail: '人员身份（干部/工人）未填' });
    else if (cadre(p) && p.rank === 0) noRank.push({ p, detail: '退休干部，职级未填' });
  }
  return [
    settle(roll, '退休干部未填职级，计入“职级未填”', noRank),
    settle(roll, '退休人员未填干部或工人身份，单列为“身份未填”，未计入合计', noType),
  ].filter((t) => t.total > 0);
}

function tuixiuChange(roll: Roll, year: number, span: Span): Filled {
  const cadres = narrowRoll(roll, cadre);
  const total = yearBalance(cadres, year);
  const rows: Record<string, number[]> = { total: changeCells(rowOf(total, '退休')) };
  for (const key of [...RANKS.map((_, i) => `rank${i + 1}`), 'noRank'])
    rows[key] = changeCells(
      rowOf(
        yearBalance(
          narrowRoll(cadres, (p) => rankRow(p) === key),
          year,
        ),
        '退休',
      ),
    );
  rows.noStaffType = changeCells(rowOf(yearBalance(narrowRoll(roll, noStaffType), year), '退休'));
  return { rows, toSettle: tuixiuToSettle(roll, span), balance: balanceFor(cadres, total, '退休', span) };
}

function tuixiuBasic(roll: Roll, span: Span): Filled {
  const rows: Record<string, number[]> = {};
  for (const r of UPWARD_REPORTS['tuixiu-basic'].rows) rows[r.key] = [0, 0, 0, 0, 0];
  for (const p of roll.people) {
    const s = stateOn(roll, p, span.end);
    if (!s.onRoll || s.category !== '退休') continue;
    const cells = basicCells(p, span.endDay);
    if (noStaffType(p)) addInto(rows.noStaffType, cells);
    else if (cadre(p)) {
      addInto(rows[rankRow(p)], cells);
      addInto(rows.total, cells);
    }
  }
  return { rows, toSettle: tuixiuToSettle(roll, span), balance: null };
}

/** Sums of fen by category. */
type ByCategoryFen = Record<Category, number>;
const noFen = (): ByCategoryFen => ({ 离休: 0, 退休: 0, 退职: 0 });

/** 药费: the lines approved in the year (their kept monthly totals), less those of files not counted. */
function medicalSpending(store: Store, roll: Roll, year: number): ByCategoryFen {
  const out = noFen();
  const add = (rows: [string | null, number | null][], sign: number) => {
    for (const [category, fen] of rows) if (category && category in out) out[category as Category] += sign * (fen ?? 0);
  };
  add(
    store
      .prepare(
        'SELECT category, sum(pay_fen) FROM claim_month_totals WHERE month >= ? AND month <= ? GROUP BY category',
      )
      .raw()
      .all(`${year}-01`, `${year}-12`) as [string, number][],
    1,
  );
  const notCounted = roll.people.filter((p) => (p.flags & FLAG.统计) === 0).map((p) => p.id);
  if (notCounted.length > 0)
    add(
      store
        .prepare(
          `SELECT category, sum(pay_fen) FROM claim_lines
           WHERE person_id IN (SELECT value FROM json_each(?)) AND approved_on >= ? AND approved_on < ?
           GROUP BY category`,
        )
        .raw()
        .all(JSON.stringify(notCounted), `${year}-01-01`, `${year + 1}-01-01`) as [string, number][],
      -1,
    );
  return out;
}

/** Amounts dated in the year of counted files, each by the category the person had on its date. */
function amountsByCategory(roll: Roll, rows: [number, string, number][]): ByCategoryFen {
  const out = noFen();
  for (const [personId, date, fen] of rows) {
    const p = roll.byId.get(personId);
    if (!p) continue;
    const category = valueOn(p.category, roll.changes.get(personId)?.category, date);
    if (category in out) out[category as Category] += fen;
  }
  return out;
}

function allRetirees(store: Store, whole: Roll, roll: Roll, year: number): Filled {
  const b = yearBalance(roll, year);
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  const visits = (kindSql: string) =>
    amountsByCategory(
      roll,
      store
        .prepare(
          `SELECT person_id, date, money_fen FROM visits WHERE date >= ? AND date <= ? AND money_fen <> 0 AND ${kindSql}`,
        )
        .raw()
        .all(from, `${to}~`) as [number, string, number][],
    );
  const deathPaid = (task: string) =>
    amountsByCategory(
      roll,
      store
        .prepare(
          `SELECT person_id, done_on, amount_fen FROM death_tasks
           WHERE task = ? AND done_on >= ? AND done_on <= ? AND amount_fen IS NOT NULL`,
        )
        .raw()
        .all(task, from, `${to}~`) as [number, string, number][],
    );
  const medical = medicalSpending(store, whole, year);
  const care = visits(`kind <> '困难帮扶'`);
  // 帮扶 is the hardship aid actually paid in the year (aid/aid.ts: by hand or with its batch), by the
  // category the person had on the day it was paid; a 困难帮扶 visit records the call, not the money.
  const aid = amountsByCategory(
    roll,
    store
      .prepare(
        `SELECT person_id, paid_on, granted_fen FROM aid_applications
         WHERE paid_on >= ? AND paid_on <= ? AND granted_fen IS NOT NULL`,
      )
      .raw()
      .all(from, `${to}~`) as [number, string, number][],
  );
  const funeral = deathPaid('丧葬补助金');
  const pension = deathPaid('一次性抚恤金');
  const rows: Record<string, number[]> = {};
  const keys: Record<Category, string> = { 离休: 'lixiu', 退休: 'tuixiu', 退职: 'tuizhi' };
  const total = new Array<number>(10).fill(0);
  for (const c of CATEGORIES) {
    const r = rowOf(b, c);
    const cells = [
      r.lastYearEnd,
      r.newThisYear,
      r.diedThisYear,
      r.actual,
      medical[c],
      care[c],
      aid[c],
      medical[c] + care[c] + aid[c],
      funeral[c],
      pension[c],
    ];
    rows[keys[c]] = cells;
    addInto(total, cells);
  }
  rows.total = total;
  return { rows, toSettle: [], balance: null };
}

const NOTES: Record<ReportName, string[]> = {
  'lixiu-change': ['应有 = 上年12月底总数 + 本年度内办理离休手续 − 本年度内去世；差 = 实有 − 应有。'],
  'lixiu-basic': [
    '年龄按本年12月31日计算；中共党员含预备党员；生活不能自理指失能人员（不含半失能）。',
    '参加革命工作时间取档案的参加工作时间；只有年份或月份而跨两个时段的列为“待定”，请在档案中补填具体日期。',
  ],
  'tuixiu-change': [
    '退休干部指人员类别为退休、身份为干部的人员（工人不计）；职级按档案现填职级。',
    '应有 = 上年12月底总数 + 本年度内办理退休手续 − 本年度内去世；差 = 实有 − 应有。',
  ],
  'tuixiu-basic': [
    '退休干部指人员类别为退休、身份为干部的人员（工人不计）。年龄按本年12月31日计算；中共党员含预备党员；生活不能自理指失能人员（不含半失能）。',
  ],
  'all-retirees': [
    '药费：本年审批的报销金额（冲销相抵）；慰问：本年走访慰问的慰问金（困难帮扶除外）；帮扶：本年实际发放的困难帮扶金额；均按发生时的人员类别计入。',
    '统筹基金支付：本年办理的丧葬补助金、一次性抚恤金，由本单位经办，不计入企业支出。',
  ],
};

/** One upward table for a year, from the roll (as kept until the file changes, unless given). */
export function upwardTable(store: Store, report: ReportName, year: number, whole: Roll = rollOf(store)): UpwardTable {
  const def = UPWARD_REPORTS[report];
  const span = spanOf(year);
  const roll = counted(whole);
  const filled =
    report === 'lixiu-change'
      ? lixiuChange(roll, year, span)
      : report === 'lixiu-basic'
        ? lixiuBasic(roll, span)
        : report === 'tuixiu-change'
          ? tuixiuChange(roll, year, span)
          : report === 'tuixiu-basic'
            ? tuixiuBasic(roll, span)
            : allRetirees(store, whole, roll, year);
  const labels = reportRowLabels(store)[report] ?? {};
  const rows: readonly { key: string; label: string; apart?: boolean }[] = def.rows;
  return {
    report,
    title: def.title,
    year,
    orgName: getOfficeSettings(store).orgName,
    rowHeading: def.rowHeading,
    columns: def.columns.map((c) => ({ ...c })),
    rows: rows.map((r) => ({
      key: r.key,
      label: labels[r.key] ?? r.label,
      apart: r.apart === true,
      cells: filled.rows[r.key],
    })),
    toSettle: filled.toSettle,
    balance: filled.balance,
    notes: ['只统计“统计标志”为是的档案；上年末、本年末分别为上年和本年12月31日的人数。', ...NOTES[report]],
  };
}

// --- on paper and in a workbook ----------------------------------------------------------------

/** A cell as the form shows it: a count as it is, fen as yuan. */
function cellText(t: UpwardTable, i: number, n: number): string {
  return t.columns[i].money ? formatYuan(n) : String(n);
}

/** The lines under a 两年数字变化 table: the people behind the 差, for the 说明. */
function explanation(t: UpwardTable): string[] {
  if (!t.balance) return [];
  return [
    ...(t.balance.people.length > 0
      ? ['说明（实有数与应有数之差涉及的人员）：', ...t.balance.people.map((p) => `${p.name}：${p.changes.join('；')}`)]
      : []),
    ...t.balance.corrections.map((c) => `本年更正：${c.name}：${c.change}`),
  ];
}

/** The signatures' line: 填报单位, 制表人 (who is signed in), 审核人 (to sign), 填报日期. */
function signatures(store: Store, t: UpwardTable): { unit: string; maker: string; date: string } {
  return { unit: t.orgName, maker: currentOperator(store), date: formatChineseDate(todayIso()) };
}

const PRINT_CSS = `${ruledListCss(10.5)}
.sheet th { white-space: normal; text-align: center; vertical-align: middle; }
.sheet td.n { text-align: right; }
.sheet tr.apart td { font-style: italic; border-top: 0.6mm double #000; }
.sheet .sign { display: flex; justify-content: space-between; font-size: 10.5pt; margin-top: 4mm; }
.sheet .sign .line { display: inline-block; min-width: 30mm; border-bottom: 0.3mm solid #000; }
.sheet .explain { font-size: 10pt; margin: 2mm 0 0; padding-left: 5mm; }
`;

export function upwardPrintable(store: Store, report: ReportName, year: number): PrintableView {
  const t = upwardTable(store, report, year);
  const sign = signatures(store, t);
  const head = headerRows(t.rowHeading, t.columns);
  const lines = explanation(t);
  const body = html`<section class="sheet upward"><h1>${t.title}</h1><p class="sub"><span>填报单位（盖章）：${sign.unit}</span><span>${year}年度</span></p><table><thead>${head.map(
    (r) =>
      html`<tr>${r.map(
        (c) =>
          html`<th${raw(c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '')}${raw(c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : '')}>${c.label}</th>`,
      )}</tr>`,
  )}</thead><tbody>${t.rows.map(
    (r) =>
      html`<tr${raw(r.apart ? ' class="apart"' : '')}><td>${r.label}</td>${r.cells.map((n, i) => html`<td class="n">${cellText(t, i, n)}</td>`)}</tr>`,
  )}</tbody></table><div class="sign"><span>制表人：${sign.maker}</span><span>审核人：<span class="line"></span></span><span>填报日期：${sign.date}</span></div>${t.notes.map((n) => html`<p class="note">${n}</p>`)}${lines.map((l) => html`<p class="explain">${l}</p>`)}</section>`;
  return { ...printable(`${t.title}（${year}年度）`, PRINT_CSS, body), count: t.rows.length, missing: [] };
}

export async function upwardWorkbook(
  store: Store,
  report: ReportName,
  year: number,
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const t = upwardTable(store, report, year);
  const sign = signatures(store, t);
  const columns: TableColumn[] = [
    { label: t.rowHeading, kind: 'text', width: 22 },
    ...t.columns.map((c): TableColumn => ({
      label: c.label,
      kind: c.money ? 'money' : 'number',
      width: c.money ? 14 : Math.max(10, Math.min(18, c.label.length * 2 + 2)),
      ...(c.group === null ? {} : { group: c.group }),
    })),
  ];
  const data = await tableWorkbook({
    name: t.title,
    title: t.title,
    subtitle: `填报单位（盖章）：${sign.unit}　　${year}年度`,
    orientation: 'landscape',
    ruled: true,
    columns,
    rows: t.rows.map((r) => [r.label, ...r.cells]),
    notes: [`制表人：${sign.maker}　　审核人：　　　　　　填报日期：${sign.date}`, ...t.notes, ...explanation(t)],
  });
  return { fileName: `${t.title}-${year}.xlsx`, count: t.rows.length, data };
}
