// The yearly register of hardship aid (困难帮扶台账): every application of a year (by the day it was
// made) with where it stands, and the totals by reason and by paying body: on screen, printed on A4
// and as a workbook, from one list of lines.
import { AID_BODIES, type AidRegister, type AidView } from '../contract/aid';
import type { PrintableView } from '../contract/common';
import type { Store } from '../db/store';
import { html } from '../documents/html';
import { printable, ruledListCss } from '../documents/print';
import { type TableColumn, tableWorkbook } from '../documents/tableWorkbook';
import { getOfficeSettings } from '../settings/settings';
import { formatChineseDate, todayIso } from '../shared/dates';
import { formatYuan } from '../shared/money';
import { listAid } from './aid';

const paidFen = (a: AidView) => (a.paidOn !== null ? (a.grantedFen ?? 0) : 0);

export function aidRegister(store: Store, year: number): AidRegister {
  const rows = listAid(store, { personId: null, reasonId: null, year });
  const granted = rows.filter((a) => a.grantedFen !== null);
  const sum = (list: AidView[], f: (a: AidView) => number) => list.reduce((n, a) => n + f(a), 0);
  const reasons = [...new Set(rows.map((a) => a.reason))];
  return {
    year,
    rows,
    byReason: reasons.map((reason) => {
      const of = rows.filter((a) => a.reason === reason);
      const ofGranted = of.filter((a) => a.grantedFen !== null);
      return {
        reason,
        applications: of.length,
        granted: ofGranted.length,
        askedFen: sum(of, (a) => a.askedFen),
        grantedFen: sum(ofGranted, (a) => a.grantedFen!),
        paidFen: sum(of, paidFen),
      };
    }),
    byBody: AID_BODIES.map((body) => {
      const of = granted.filter((a) => a.body === body);
      return { body, granted: of.length, grantedFen: sum(of, (a) => a.grantedFen!), paidFen: sum(of, paidFen) };
    }).filter((b) => b.granted > 0),
    total: {
      applications: rows.length,
      granted: granted.length,
      askedFen: sum(rows, (a) => a.askedFen),
      grantedFen: sum(granted, (a) => a.grantedFen!),
      paidFen: sum(rows, paidFen),
    },
  };
}

const REGISTER_COLUMNS: TableColumn[] = [
  { label: '编号', kind: 'number', width: 6 },
  { label: '申请日期', kind: 'date', width: 11 },
  { label: '姓名', kind: 'text', width: 10 },
  { label: '帮扶原因', kind: 'text', width: 10 },
  { label: '困难情况', kind: 'text', width: 30, wrap: true },
  { label: '申请金额（元）', kind: 'money', width: 12 },
  { label: '审批结果', kind: 'text', width: 9 },
  { label: '批准金额（元）', kind: 'money', width: 12 },
  { label: '审批日期', kind: 'date', width: 11 },
  { label: '审批人', kind: 'text', width: 9 },
  { label: '发放单位', kind: 'text', width: 8 },
  { label: '状态', kind: 'text', width: 8 },
  { label: '发放日期', kind: 'date', width: 11 },
];

const TOTAL_COLUMNS: TableColumn[] = [
  { label: '帮扶原因', kind: 'text', width: 14 },
  { label: '申请（件）', kind: 'number', width: 10 },
  { label: '批准（件）', kind: 'number', width: 10 },
  { label: '申请金额（元）', kind: 'money', width: 14 },
  { label: '批准金额（元）', kind: 'money', width: 14 },
  { label: '已发放（元）', kind: 'money', width: 14 },
];
const BODY_COLUMNS: TableColumn[] = [
  { label: '发放单位', kind: 'text', width: 14 },
  { label: '批准（件）', kind: 'number', width: 10 },
  { label: '批准金额（元）', kind: 'money', width: 14 },
  { label: '已发放（元）', kind: 'money', width: 14 },
];

/** The register's lines, amounts in fen: the workbook writes them as yuan, the print formats them. */
function registerLines(r: AidRegister) {
  return {
    rows: r.rows.map((a) => [
      a.id,
      a.appliedOn,
      a.personName,
      a.reason,
      a.story,
      a.askedFen,
      a.decision ?? '',
      a.grantedFen,
      a.decidedOn ?? '',
      a.decidedBy ?? '',
      a.body ?? '',
      a.state,
      a.paidOn ?? '',
    ]),
    byReason: [
      ...r.byReason.map((b) => [b.reason, b.applications, b.granted, b.askedFen, b.grantedFen, b.paidFen]),
      ['合计', r.total.applications, r.total.granted, r.total.askedFen, r.total.grantedFen, r.total.paidFen],
    ],
    byBody: [
      ...r.byBody.map((b) => [b.body, b.granted, b.grantedFen, b.paidFen]),
      ['合计', r.total.granted, r.total.grantedFen, r.total.paidFen],
    ],
  };
}

export async function registerWorkbook(
  store: Store,
  year: number,
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const r = aidRegister(store, year);
  const lines = registerLines(r);
  const { orgName } = getOfficeSettings(store);
  const subtitle = `${orgName}　制表日期：${formatChineseDate(todayIso())}`;
  const data = await tableWorkbook([
    {
      name: '帮扶台账',
      title: `${year} 年度困难帮扶台账`,
      subtitle,
      orientation: 'landscape',
      columns: REGISTER_COLUMNS,
      rows: lines.rows,
      ruled: true,
    },
    {
      name: '按原因汇总',
      title: `${year} 年度困难帮扶按原因汇总`,
      subtitle,
      columns: TOTAL_COLUMNS,
      rows: lines.byReason,
      ruled: true,
    },
    {
      name: '按发放单位汇总',
      title: `${year} 年度困难帮扶按发放单位汇总`,
      subtitle,
      columns: BODY_COLUMNS,
      rows: lines.byBody,
      ruled: true,
    },
  ]);
  return { fileName: `困难帮扶台账-${year}.xlsx`, count: r.rows.length, data };
}

/** The register printed: A4 landscape, the applications, then the totals by reason and by body. */
export function registerPrintable(store: Store, year: number): PrintableView {
  const r = aidRegister(store, year);
  const lines = registerLines(r);
  const { orgName } = getOfficeSettings(store);
  const cell = (c: TableColumn, v: unknown) =>
    c.kind === 'money'
      ? html`<td class="r">${v === null ? '' : formatYuan(v as number)}</td>`
      : html`<td>${v as string}</td>`;
  const table = (columns: TableColumn[], rows: unknown[][]) =>
    html`<table><thead><tr>${columns.map((c) => html`<th>${c.label}</th>`)}</tr></thead><tbody>${rows.map((l) => html`<tr>${l.map((v, i) => cell(columns[i], v))}</tr>`)}</tbody></table>`;
  const sub = html`<p class="sub"><span>${orgName}</span><span>共 ${r.rows.length} 件　制表日期：${formatChineseDate(todayIso())}</span></p>`;
  const body = [
    html`<section class="sheet"><h1>${year} 年度困难帮扶台账</h1>${sub}${table(REGISTER_COLUMNS, lines.rows)}</section>`,
    html`<section class="sheet"><h1>${year} 年度困难帮扶汇总</h1>${sub}<h2>按帮扶原因</h2>${table(TOTAL_COLUMNS, lines.byReason)}<h2>按发放单位</h2>${table(BODY_COLUMNS, lines.byBody)}<p class="note">本表含个人信息，请妥善保管。</p></section>`,
  ];
  const css = `${ruledListCss(9.5)}\n.sheet td.r { text-align: right; white-space: nowrap; }\n.sheet h2 { font-size: 12pt; margin: 4mm 0 2mm; }`;
  return { ...printable(`${year} 年度困难帮扶台账`, css, body), count: r.rows.length, missing: [] };
}
