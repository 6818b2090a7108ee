// The statistics (issue 19): the roll as it stood on a date, and the year's balance sent upward.
// Computed in src-main/statistics/ from the files and their history (person_changes).
import { z } from 'zod';
import type { Category } from '../shared/person';
import { partialDate } from '../shared/dateSchemas';
import { formatChineseDate, type PersonAge } from '../shared/dates';
import { boundedRecord, chars, Empty, id, method, type PrintableView } from './common';
import { REPORT_NAMES, type ReportName, type ToSettle, type UpwardColumn } from './upward';

export type ByCategory = Record<Category | '合计', number>;

export const AGE_BANDS = ['60岁以下', '60–69岁', '70–79岁', '80–89岁', '90–99岁', '100岁及以上', '年龄不详'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export interface RollFigures {
  asOf: string;
  /** On the roll on `asOf`, by category. */
  onRoll: ByCategory;
  /** Died from 1 January of `asOf`'s year to `asOf`, by the category they had then. */
  died: ByCategory;
  /** Moved away (迁出) in the same span. */
  movedOut: ByCategory;
  ageBands: Record<AgeBand, number>;
  gender: { 男: number; 女: number; 不详: number };
  party: { 中共党员: number; 其他: number };
  care: { 独居: number; 失能: number; 半失能: number; 空巢: number };
  remote: { 异地居住: number; 本地居住: number };
  units: { unit: string; count: number }[];
  /** Deaths per year, the ten years to `asOf`'s. */
  deathsByYear: { year: number; count: number }[];
  /** Changes whose date the file does not give (counted on the day they were entered): to check. */
  undated: number;
}

export interface BalanceRow {
  category: Category | '合计';
  /** 上年12月底总数 */
  lastYearEnd: number;
  /** 本年度内办理离休（退休、退职）手续 */
  newThisYear: number;
  /** 本年度内去世 */
  diedThisYear: number;
  /** 本年12月底应有 */
  expected: number;
  /** 本年12月底实有 */
  actual: number;
  /** 实有数与应有数之差 */
  difference: number;
}

export interface BalancePerson {
  personId: number;
  name: string;
  /** The categories whose 差 this person makes, with its sign (+1: counted at the end but not expected). */
  effect: Partial<Record<Category, number>>;
  /** What happened to the file this year, in words, each change with its date and nature. */
  changes: string[];
}

export interface YearBalance {
  year: number;
  rows: BalanceRow[];
  /** The people behind a non-zero 差, each with the change that caused it. */
  people: BalancePerson[];
  /**
   * Corrections (更正) recorded this year: they change earlier figures too, so 上年末 here may differ
   * from the number reported last year; the 说明 names them.
   */
  corrections: { personId: number; name: string; change: string }[];
}

/** A table sent upward (contract/upward.ts) filled for a year. */
export interface UpwardTable {
  report: ReportName;
  title: string;
  year: number;
  /** 填报单位: the office's name from its settings. */
  orgName: string;
  rowHeading: string;
  columns: UpwardColumn[];
  rows: { key: string; label: string; apart: boolean; cells: number[] }[];
  toSettle: ToSettle[];
  /** 两年数字变化 only: the people behind a non-zero 差, and the year's corrections (item 4). */
  balance: { people: BalancePerson[]; corrections: { personId: number; name: string; change: string }[] } | null;
  /** What the table counts, in words (printed under it). */
  notes: string[];
}

/** The figures of the statistics page whose bars open a list of people, with their titles. */
export const FIGURES = {
  onRoll: '在册人数',
  died: '本年去世',
  movedOut: '本年迁出',
  ageBands: '年龄段',
  gender: '性别',
  party: '政治面貌',
  care: '关爱对象',
  remote: '居住地',
  units: '所在小组',
  deathsByYear: '近十年去世人数',
} as const;
export type FigureKey = keyof typeof FIGURES;
export const FIGURE_KEYS = Object.keys(FIGURES) as [FigureKey, ...FigureKey[]];

/** A person behind a bar, with the category they had on the date. */
export interface FigurePerson {
  id: number;
  name: string;
  gender: string | null;
  birthDate: string | null;
  category: string;
  status: string;
  retirementDate: string | null;
  unit: string | null;
}

/** A page of the people behind a bar, with how many there are in all. */
export interface FigurePeople {
  total: number;
  page: number;
  pageSize: number;
  people: FigurePerson[];
}

/** One recorded change of a file's status or category (person_changes). */
export interface ChangeView {
  id: number;
  personId: number;
  name: string;
  field: 'status' | 'category';
  from: string;
  to: string;
  effectiveDate: string;
  /** False when the file gave no date and the day it was entered stands in. */
  dateKnown: boolean;
  nature: '变动' | '更正';
  /** 'file': written as the file changed; 'audit': found in the audit log when the history began. */
  source: string;
  /** A clerk has checked the nature and the date. */
  confirmed: boolean;
  recordedAt: string;
}

export const CHANGE_NATURES = ['变动', '更正'] as const;

/** The fields whose changes are kept, in words. */
export const CHANGE_FIELDS = { status: '状态', category: '人员类别' } as const;

/** A death of this year on the home page: who, in which category then, when, and at what age. */
export interface YearDeath {
  personId: number;
  name: string;
  /** The category the person had on the day they died. */
  category: string;
  diedOn: string;
  /** 享年, from the dates as far as they go. */
  age: PersonAge | null;
}

/**
 * The home page's charts (issue 19 item 7): the roll today by age band and category, and this
 * year's deaths, counted as the 统计 page counts them as of today (a bar opens its list there).
 */
export interface HomeFigures {
  today: string;
  /** On the roll today: each age band by category (with 合计). */
  ageBands: ({ band: AgeBand } & ByCategory)[];
  /** Deaths from 1 January to today, a month each, January to this month. */
  deathsByMonth: { month: number; count: number }[];
  /** The deaths from 1 January to today, newest first. */
  deaths: YearDeath[];
}

const year = z.number().int().min(1949, '年份有误').max(2200, '年份有误');
/** An upward table and its year. */
const ReportInput = z.object({ report: z.enum(REPORT_NAMES, { error: '没有这张报表' }), year });

const isoDate = chars(10).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-12-31');

// --- the charts of the year's work (药费, 走访, 信访) and every chart's table ---------------------------

/** The charts of a year's work, with their titles: each bar opens the people behind it. */
export const ACTIVITY_CHARTS = {
  claimsByMonth: '药费报销（按月）',
  claimsByCategory: '药费报销（按人员类别）',
  visitsByKind: '走访慰问（按类别）',
  visitsByMonth: '走访慰问（按月）',
  petitionsByState: '信访（按办理状态）',
} as const;
export type ActivityChart = keyof typeof ACTIVITY_CHARTS;
export const ACTIVITY_CHART_KEYS = Object.keys(ACTIVITY_CHARTS) as [ActivityChart, ...ActivityChart[]];

/** Every chart of the statistics page: the roll's figures and the year's work. */
export type ChartKey = FigureKey | ActivityChart;
export const CHART_KEYS = [...FIGURE_KEYS, ...ACTIVITY_CHART_KEYS] as [ChartKey, ...ChartKey[]];

/**
 * A chart as a table: what its bars show, and what its export and its print carry. The first
 * value of each row is the bar; the others stand beside it in the table. Money is in fen.
 */
export interface ChartTable {
  chart: ChartKey;
  title: string;
  /** What the figures are of, in words: 截至2025年12月31日, 2025年度. */
  period: string;
  /** The heading of the bars' labels (类别, 月份). */
  keyLabel: string;
  columns: { label: string; kind: 'number' | 'money' }[];
  rows: { key: string; values: number[] }[];
}

/** The year's work as charts. */
export interface ActivityCharts {
  year: number;
  charts: ChartTable[];
}

/** Someone behind a bar of the year's work: a person on file, or a petitioner without one (id null). */
export interface ActivityPerson {
  id: number | null;
  name: string;
  category: string | null;
  unit: string | null;
  /** How many lines, visits or petitions of the bar are theirs. */
  count: number;
  /** What they were paid (claims) or given (visits) in the bar, in fen; null for petitions. */
  amountFen: number | null;
}

export interface ActivityPeople {
  total: number;
  page: number;
  pageSize: number;
  people: ActivityPerson[];
}

/** A figure's title; the year's deaths and moves name the year. */
export const figureTitle = (figure: FigureKey, asOf: string) =>
  figure === 'died' || figure === 'movedOut' ? `${asOf.slice(0, 4)}年${FIGURES[figure].slice(2)}` : FIGURES[figure];

/** The roll's charts as tables, in the order the page shows them: one reading for the page, the export and the print. */
export function rollCharts(f: RollFigures): ChartTable[] {
  const period = `截至${formatChineseDate(f.asOf)}`;
  const people = [{ label: '人数', kind: 'number' as const }];
  const table = (chart: FigureKey, keyLabel: string, rows: [string, number][]): ChartTable => ({
    chart,
    title: figureTitle(chart, f.asOf),
    period,
    keyLabel,
    columns: people,
    rows: rows.map(([key, n]) => ({ key, values: [n] })),
  });
  const of = (r: Record<string, number>) => Object.entries(r).filter(([k]) => k !== '合计');
  return [
    table('onRoll', '人员类别', of(f.onRoll)),
    table('ageBands', '年龄段', of(f.ageBands)),
    table('gender', '性别', of(f.gender)),
    table('party', '政治面貌', of(f.party)),
    table('care', '关爱对象', of(f.care)),
    table('remote', '居住地', of(f.remote)),
    table('died', '人员类别', of(f.died)),
    table('movedOut', '人员类别', of(f.movedOut)),
    table(
      'deathsByYear',
      '年份',
      f.deathsByYear.map((d) => [String(d.year), d.count]),
    ),
    table(
      'units',
      '所在小组',
      f.units.map((u) => [u.unit, u.count]),
    ),
  ];
}

/** Which chart, of which date (the roll's) and year (the year's work). */
const ChartOf = z.object({ chart: z.enum(CHART_KEYS), asOf: isoDate, year });

export const statisticsMethods = {
  /** The roll's figures as of a date (default: 31 December of last year). */
  'statistics.figures': method<RollFigures>()(z.object({ asOf: isoDate.optional() }), 'read'),
  /** The home page's charts and this year's deaths, as of today. */
  'statistics.home': method<HomeFigures>()(Empty, 'read'),
  /** The people one bar counts: a figure, its key (离休, 80–89岁, 2024 …), on a date. */
  'statistics.people': method<FigurePeople>()(
    z.object({ asOf: isoDate, figure: z.enum(FIGURE_KEYS), key: chars(100), page: z.number().int().min(1).default(1) }),
    'read',
  ),
  /** The year's balance: 上年末 + 本年新办 − 本年去世 = 应有, against 实有, and the people behind a 差. */
  'statistics.balance': method<YearBalance>()(z.object({ year }), 'read'),
  /** A fixed table sent upward (统计年报) for a year: its rows and columns filled, and who to settle before it goes. */
  'statistics.report': method<UpwardTable>()(ReportInput, 'read'),
  /** The table on A4 landscape, as the form has it, to print (logged as printed). */
  'statistics.reportPrint': method<PrintableView>()(ReportInput, 'read', {
    access: 'print',
    what: '打印上报报表',
    rows: () => null,
  }),
  /** The table as an .xlsx, the form's headings merged as on paper. */
  'statistics.reportExport': method<{ fileName: string; count: number; dataBase64: string }>()(
    ReportInput,
    'files.export',
    { access: 'export', what: '导出上报报表', rows: () => null },
  ),
  /** The office's labels for a table's rows (a provincial 表样's words); an empty label goes back to the default. */
  'statistics.saveReportLabels': method<{ ok: true }>()(
    z.object({ report: ReportInput.shape.report, labels: boundedRecord(chars(60), 40, 40) }),
    'admin',
  ),
  /** The recorded changes: of one person, or those still to check (no date, or found in the audit log). */
  'statistics.changes': method<ChangeView[]>()(
    z.object({ personId: id.optional(), toCheck: z.boolean().default(false) }),
    'read',
  ),
  /** A clerk settles a change: what it was (变动 or 更正) and the date it took effect. */
  'statistics.confirmChange': method<ChangeView>()(
    z.object({
      id,
      nature: z.enum(CHANGE_NATURES),
      effectiveDate: partialDate.refine((s) => s !== null, '请填写变化发生的日期'),
    }),
    'files.write',
  ),
  /** The year's work as charts: claims by month and by category, visits by kind and by month, petitions by state. */
  'statistics.activity': method<ActivityCharts>()(z.object({ year }), 'read'),
  /** The people behind one bar of the year's work, a page at a time. */
  'statistics.activityPeople': method<ActivityPeople>()(
    z.object({
      year,
      chart: z.enum(ACTIVITY_CHART_KEYS),
      key: chars(100),
      page: z.number().int().min(1).default(1),
    }),
    'read',
  ),
  /** A chart's table as .xlsx: its title, its date and its rows. */
  'statistics.chartExport': method<{ fileName: string; count: number; dataBase64: string }>()(ChartOf, 'files.export', {
    access: 'export',
    what: '导出统计图表',
  }),
  /** A chart and its table for paper (PrintDocPage): logged as printed. */
  'statistics.chartPrint': method<PrintableView>()(ChartOf, 'read', { access: 'print', what: '打印统计图表' }),
} as const;
