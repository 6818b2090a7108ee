// The statistics (issue 19): the roll as it stood on a date, and the year's balance sent upward.
// Computed in src-main/statistics/ from the files and their history (person_changes).
import { z } from 'zod';
import type { Category } from '../shared/person';
import { partialDate } from '../shared/dateSchemas';
import type { PersonAge } from '../shared/dates';
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
} as const;
