// 走访慰问统计 (issue 20 item 6): the visits and calls of a date range counted by kind, by the leader
// who led them (带队领导) and by the person's unit (行政大组), on screen and as .xlsx. Every record
// counts as a visit made; a call not answered is counted apart (未联系上) and reaches nobody, so it
// adds no one to the people reached.
import type { VisitReport, VisitReportRow } from '../contract/stays';
import { tableWorkbook, type TableColumn, type TableRow } from '../documents/tableWorkbook';
import type { Store } from '../db/store';
import { VISIT_KINDS } from '../shared/care';
import { UserError } from '../shared/errors';
import { contactSql } from '../shared/contact';

const NO_LEADER = '（未填带队领导）';
const NO_UNIT = '（未分组）';

/**
 * The rows of one grouping (`key` is SQL on visits v, persons p and their unit u): the kinds in their
 * standing order, leaders and units the most visits first, the ones not filled in last.
 */
function grouped(store: Store, key: string, from: string, to: string): VisitReportRow[] {
  const rows = store
    .prepare(
      `SELECT ${key} AS key, count(*) AS visits, sum(NOT ${contactSql('v')}) AS notReached,
              count(DISTINCT CASE WHEN ${contactSql('v')} THEN v.person_id END) AS people,
              sum(v.money_fen) AS moneyFen
       FROM visits v JOIN persons p ON p.id = v.person_id LEFT JOIN org_units u ON u.id = p.admin_group_id
       WHERE v.date >= ? AND v.date <= ?
       GROUP BY 1`,
    )
    .all(from, to) as VisitReportRow[];
  const kind = (r: VisitReportRow) => (VISIT_KINDS as readonly string[]).indexOf(r.key);
  const unfilled = (r: VisitReportRow) => (r.key === NO_LEADER || r.key === NO_UNIT ? 1 : 0);
  return rows.sort(
    (a, b) =>
      kind(a) - kind(b) || unfilled(a) - unfilled(b) || b.visits - a.visits || a.key.localeCompare(b.key, 'zh-CN'),
  );
}

export function visitReport(store: Store, from: string, to: string): VisitReport {
  if (from > to) throw new UserError('invalid_input', `起始日期（${from}）不能晚于截止日期（${to}）`);
  const [total] = grouped(store, "'合计'", from, to);
  return {
    from,
    to,
    byKind: grouped(store, 'v.kind', from, to),
    byLeader: grouped(store, `coalesce(v.leader, '${NO_LEADER}')`, from, to),
    byUnit: grouped(store, `coalesce(u.name, '${NO_UNIT}')`, from, to),
    total: total ?? { key: '合计', visits: 0, notReached: 0, people: 0, moneyFen: 0 },
  };
}

const countColumns: TableColumn[] = [
  { label: '走访慰问（次）', kind: 'number' },
  { label: '其中未联系上（次）', kind: 'number' },
  { label: '联系到（人）', kind: 'number' },
  { label: '慰问金（元）', kind: 'money' },
];
const cells = (r: VisitReportRow): TableRow => [r.key, r.visits, r.notReached, r.people, r.moneyFen];

/** The report as a workbook: a sheet per grouping, each with its total (a person reached in two kinds counts once in it). */
export async function visitReportWorkbook(
  store: Store,
  from: string,
  to: string,
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const r = visitReport(store, from, to);
  const sheet = (name: string, keyLabel: string, rows: VisitReportRow[]) => ({
    name,
    title: `走访慰问统计（${name}）`,
    subtitle: `${from} 至 ${to}`,
    columns: [{ label: keyLabel, kind: 'text' as const, width: 24 }, ...countColumns],
    rows: rows.map(cells),
    total: cells(r.total),
    ruled: true,
  });
  const data = await tableWorkbook([
    sheet('按类别', '类别', r.byKind),
    sheet('按带队领导', '带队领导', r.byLeader),
    sheet('按单位', '单位（行政大组）', r.byUnit),
  ]);
  return { fileName: `走访慰问统计_${from}_${to}.xlsx`, count: r.total.visits, data };
}
