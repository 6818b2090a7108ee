// The fixed tables sent upward (老干部统计年报, issue 19 item 3): each one's rows and columns, with
// the official headings, in this one place. The main process fills them (statistics/upward.ts),
// prints and exports them; the page and the CLI name them by the keys below.
import { RANKS } from '../shared/person';

/** A column: its key, its official heading, and the heading above it that it shares with its neighbours. */
export interface UpwardColumn {
  key: string;
  label: string;
  /** The heading merged above this and the next columns of the same group; null: one heading over two rows. */
  group: string | null;
  /** Integer fen, shown in yuan. */
  money?: boolean;
}

/** A row: its key (for the label the office may set), its label by default. */
export interface UpwardRowDef {
  key: string;
  label: string;
  /** Shown under the table, apart: not part of the form's total (身份未填). */
  apart?: boolean;
}

export interface UpwardDefinition {
  title: string;
  /** The heading of the rows' column. */
  rowHeading: string;
  columns: readonly UpwardColumn[];
  rows: readonly UpwardRowDef[];
}

const col = (key: string, label: string, group: string | null = null, money = false): UpwardColumn => ({
  key,
  label,
  group,
  ...(money ? { money } : {}),
});

/** 两年数字变化: the balance's columns (yearBalance), 手续 named for the table's category. */
const changeColumns = (what: '离休' | '退休') => [
  col('lastYearEnd', '上年12月底总数'),
  col('newThisYear', `本年度内办理${what}手续`),
  col('diedThisYear', '本年度内去世'),
  col('expected', '应有', '本年12月底'),
  col('actual', '实有', '本年12月底'),
  col('difference', '实有数与应有数之差'),
];

/** 基本情况: the figures both tables have. */
const basicColumns = [
  col('total', '总数'),
  col('party', '中共党员'),
  col('disabled', '生活不能自理'),
  col('age70', '70—79岁', '年龄'),
  col('age80', '80岁及以上', '年龄'),
];

/** 参加革命工作时间, its five periods as the 企业离休干部基本情况统计表 has them: [first day, last day]. */
export const WORK_PERIODS = [
  { key: 'p1', label: '1927年7月31日以前', from: 0, to: 19270731 },
  { key: 'p2', label: '1927年8月1日至1937年7月6日', from: 19270801, to: 19370706 },
  { key: 'p3', label: '1937年7月7日至1942年12月31日', from: 19370707, to: 19421231 },
  { key: 'p4', label: '1943年1月1日至1945年9月2日', from: 19430101, to: 19450902 },
  { key: 'p5', label: '1945年9月3日至1949年9月30日', from: 19450903, to: 19490930 },
] as const;

/** The rows by rank of the 退休干部 tables: the total, the nine ranks, no rank, and no staff type apart. */
export const RANK_ROWS: readonly UpwardRowDef[] = [
  { key: 'total', label: '合计' },
  ...RANKS.map((label, i) => ({ key: `rank${i + 1}`, label })),
  { key: 'noRank', label: '职级未填' },
  { key: 'noStaffType', label: '身份未填（干部或工人未填，未计入合计）', apart: true },
];

export const UPWARD_REPORTS = {
  'lixiu-change': {
    title: '离休干部两年数字变化情况统计表',
    rowHeading: '项目',
    columns: changeColumns('离休'),
    rows: [{ key: 'lixiu', label: '离休干部' }],
  },
  'lixiu-basic': {
    title: '企业离休干部基本情况统计表',
    rowHeading: '项目',
    columns: [
      ...basicColumns,
      ...WORK_PERIODS.map((p) => col(p.key, p.label, '参加革命工作时间')),
      col('workPending', '待定（月份或年份跨时段）', '参加革命工作时间待核实'),
      col('workMissing', '未填或不在以上时段', '参加革命工作时间待核实'),
    ],
    rows: [{ key: 'lixiu', label: '企业离休干部' }],
  },
  'tuixiu-change': {
    title: '退休干部两年数字变化情况统计表',
    rowHeading: '职级',
    columns: changeColumns('退休'),
    rows: RANK_ROWS,
  },
  'tuixiu-basic': {
    title: '退休干部基本情况统计表',
    rowHeading: '职级',
    columns: basicColumns,
    rows: RANK_ROWS,
  },
  'all-retirees': {
    title: '离休、退休、退职人员数',
    rowHeading: '类别',
    columns: [
      col('lastYearEnd', '上年末', '人数'),
      col('newThisYear', '本年新增', '人数'),
      col('diedThisYear', '本年去世', '人数'),
      col('actual', '本年末', '人数'),
      col('medical', '药费', '企业支出（元）', true),
      col('visits', '慰问', '企业支出（元）', true),
      col('aid', '帮扶', '企业支出（元）', true),
      col('spent', '小计', '企业支出（元）', true),
      col('funeral', '丧葬补助金', '统筹基金支付（经办，元）', true),
      col('pension', '抚恤金', '统筹基金支付（经办，元）', true),
    ],
    rows: [
      { key: 'lixiu', label: '离休人员' },
      { key: 'tuixiu', label: '退休人员' },
      { key: 'tuizhi', label: '退职人员' },
      { key: 'total', label: '合计' },
    ],
  },
} as const satisfies Record<string, UpwardDefinition>;

export type ReportName = keyof typeof UPWARD_REPORTS;
export const REPORT_NAMES = Object.keys(UPWARD_REPORTS) as [ReportName, ...ReportName[]];

/** A heading cell of a two-row header: its text and how many columns and rows it spans. */
export interface HeaderCell {
  label: string;
  colSpan: number;
  rowSpan: number;
}

/**
 * The header as the form draws it: the rows' heading and each ungrouped column over both rows; a
 * group's heading over its columns, their own headings under it. One row when no column is grouped.
 * The page, the print and the workbook all draw it from here.
 */
export function headerRows(rowHeading: string, columns: readonly UpwardColumn[]): HeaderCell[][] {
  const grouped = columns.some((c) => c.group !== null);
  const rowSpan = grouped ? 2 : 1;
  const top: HeaderCell[] = [{ label: rowHeading, colSpan: 1, rowSpan }];
  const under: HeaderCell[] = [];
  columns.forEach((c, i) => {
    if (c.group === null) top.push({ label: c.label, colSpan: 1, rowSpan });
    else {
      if (i === 0 || columns[i - 1].group !== c.group) top.push({ label: c.group, colSpan: 0, rowSpan: 1 });
      top[top.length - 1].colSpan++;
      under.push({ label: c.label, colSpan: 1, rowSpan: 1 });
    }
  });
  return grouped ? [top, under] : [top];
}

/** People the clerk should settle before the table goes out (a date that straddles a period, no rank…). */
export interface ToSettle {
  reason: string;
  total: number;
  /** The first of them (a list of 80,000 helps nobody): each with what the file says. */
  people: { personId: number; name: string; detail: string }[];
}
