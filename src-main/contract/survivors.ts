// The contract of survivors (遗属, issue 20 item 4): the family of a deceased retiree the office goes
// on serving, linked to the death; the monthly 遗属生活困难补助 (its standards with their months, each
// survivor's periods with start and stop), the yearly eligibility check, the month's payment list,
// and 遗属慰问 (festival batches, letters). ID numbers, phones and bank accounts leave the main process
// masked, as a file's do (shared/mask.ts); one is shown in full for a reason, logged.
import { z } from 'zod';
import { CERTIFICATION_METHODS, type CertificationMethod } from '../shared/care';
import { LETTER_KIND_KEYS, type LetterKind } from '../shared/letters';
import {
  ALLOWANCE_STOP_REASONS,
  type AllowanceStopReason,
  MONTH,
  SURVIVOR_QUALIFICATIONS,
  SURVIVOR_RELATIONS,
  type SurvivorRelation,
} from '../shared/survivors';
import { fullDate } from '../shared/dateSchemas';
import { checkIdNumber } from '../shared/idNumber';
import {
  type PrintableView,
  ById,
  Empty,
  changesOf,
  id,
  list,
  method,
  optionalId,
  reasonText,
  text,
  yuan,
} from './common';

/** A month as `2026-05`. */
export const month = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .max(10, `${what}应为年月，如 2026-05`)
    .regex(MONTH, `${what}应为年月，如 2026-05`);
/** A month that may be left empty: null when it is. */
const optionalMonth = (what: string) =>
  z
    .string()
    .max(10, `${what}应为年月，如 2026-05`)
    .nullish()
    .transform((v, ctx) => {
      const t = v?.trim();
      if (!t) return null;
      if (!MONTH.test(t)) {
        ctx.addIssue({ code: 'custom', message: `${what}应为年月，如 2026-05` });
        return z.NEVER;
      }
      return t;
    });

export const SurvivorInput = z.object({
  name: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(40, '姓名不能超过 40 个字'),
  relation: z.enum(SURVIVOR_RELATIONS, { error: '请选择与逝者的关系' }),
  idNumber: z
    .string({ error: '请填写身份证号' })
    .trim()
    .min(1, '请填写身份证号')
    .max(30, '身份证号过长')
    .superRefine((v, ctx) => {
      const check = checkIdNumber(v);
      if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
    }),
  phone: text(40),
  address: text(200),
  bankName: text(60),
  bankAccount: text(40),
  qualifications: list(z.enum(SURVIVOR_QUALIFICATIONS), SURVIVOR_QUALIFICATIONS.length).default([]),
  qualificationNote: text(500),
  note: text(1000),
});
export type SurvivorInput = z.output<typeof SurvivorInput>;

export interface AllowancePeriod {
  id: number;
  startMonth: string;
  /** The first month not paid; null while it runs. */
  stopMonth: string | null;
  stopReason: AllowanceStopReason | null;
  stopNote: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
}

export interface SurvivorCheck {
  id: number;
  year: number;
  checkedOn: string;
  method: CertificationMethod;
  note: string | null;
  createdBy: string;
}

export interface SurvivorVisit {
  id: number;
  kind: string;
  date: string;
  moneyFen: number;
  items: string | null;
  visitors: string | null;
  note: string | null;
  batchId: number | null;
  batchName: string | null;
}

/** A survivor as lists show them: masked numbers, the allowance as it stands this month. */
export interface SurvivorSummary {
  id: number;
  name: string;
  relation: SurvivorRelation;
  gender: '男' | '女' | null;
  birthDate: string | null;
  /** 周岁 today. */
  age: number | null;
  idNumber: string;
  phone: string | null;
  deceasedId: number;
  deceasedName: string;
  diedOn: string | null;
  qualifications: string[];
  /** 发放中 (an open period covers this month), 已停发 (a period stopped), 未发放 (none yet). */
  allowance: '发放中' | '已停发' | '未发放';
  /** The period shown: the running one, else the last. */
  startMonth: string | null;
  stopMonth: string | null;
  stopReason: AllowanceStopReason | null;
  lastChecked: string | null;
}

export interface SurvivorView extends SurvivorSummary {
  address: string | null;
  bankName: string | null;
  bankAccount: string | null;
  qualificationNote: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
  allowances: AllowancePeriod[];
  checks: SurvivorCheck[];
  visits: SurvivorVisit[];
  letters: { kind: string; title: string; printedAt: string; printedBy: string; batch: string | null }[];
}

export interface AllowanceStandard {
  id: number;
  amountFen: number;
  fromMonth: string;
  toMonth: string | null;
  basis: string | null;
  savedAt: string;
  savedBy: string;
}

/** One line of the month's payment list: what a payment batch will carry (survivorAllowanceRows). */
export interface AllowanceRow {
  survivorId: number;
  name: string;
  idNumber: string;
  bankName: string | null;
  bankAccount: string | null;
  amountFen: number;
  note: string | null;
}

/** A survivor's month taken into a payment batch: which batch, and when it was paid (null: not yet). */
export interface AllowancePayment {
  batchId: number;
  batchName: string;
  paidOn: string | null;
}

export interface AllowanceMonth {
  month: string;
  /** The standard in force in the month, or null where none is (no rows then). */
  standard: AllowanceStandard | null;
  /**
   * Each survivor paid in the month; `payment` null while the month is 未发放. A month in a batch
   * shows the amount fixed when it was taken.
   */
  rows: (AllowanceRow & { relation: SurvivorRelation; deceasedName: string; payment: AllowancePayment | null })[];
  totalFen: number;
  totalCapital: string;
}

/** The month taken into a payment batch: the batch, how many were taken, who was left out and why. */
export interface AllowanceTaken {
  batchId: number;
  batchName: string;
  taken: number;
  totalFen: number;
  /** 王秀英（已列入发放批次“2026年5月”）: survivors whose month was already in a batch or paid. */
  skipped: string[];
}

export interface SurvivorCheckLists {
  year: number;
  /** Receiving the allowance, not yet checked this year. */
  due: { survivorId: number; name: string; deceasedName: string; lastChecked: string | null }[];
  /** Due, and neither checked nor started in the last 12 months: listed for suspension, never stopped silently. */
  overdue: { survivorId: number; name: string; deceasedName: string; lastChecked: string | null }[];
}

export const SURVIVOR_MASKED_FIELDS = ['idNumber', 'bankAccount', 'phone'] as const;

export const survivorsMethods = {
  'survivors.list': method<SurvivorSummary[]>()(
    z.object({ deceasedId: id.nullish().transform((v) => v ?? null) }).default({ deceasedId: null }),
    'read',
  ),
  'survivors.get': method<SurvivorView>()(ById, 'read', {
    access: 'open',
    what: '查看遗属档案',
    person: (_i, o) => o.deceasedId,
    filter: ({ id }) => ({ survivor: id }),
  }),
  'survivors.create': method<SurvivorView>()(
    z.object({
      deceasedId: id,
      survivor: SurvivorInput,
      /** Start the allowance from this month (optional). */
      startMonth: optionalMonth('起始发放月份'),
    }),
    'files.write',
  ),
  /** What the form changed, against the version it loaded: a masked value is never saved. */
  'survivors.update': method<SurvivorView>()(
    z.object({ id, version: z.number().int().positive(), changes: changesOf(SurvivorInput) }),
    'files.write',
  ),
  'survivors.reveal': method<{ value: string }>()(
    z.object({
      id,
      field: z.enum(SURVIVOR_MASKED_FIELDS),
      reason: z.string().trim().min(1, '请填写或选择查看完整号码的原因').max(200, '原因不能超过 200 个字'),
    }),
    'reveal',
    {
      access: 'reveal',
      what: '显示遗属完整号码',
      person: () => null,
      filter: ({ id, field }) => ({ survivor: id, field }),
    },
  ),
  'survivors.startAllowance': method<SurvivorView>()(
    z.object({ survivorId: id, startMonth: month('起始发放月份') }),
    'files.write',
  ),
  'survivors.stopAllowance': method<SurvivorView>()(
    z.object({
      allowanceId: id,
      version: z.number().int().positive(),
      stopMonth: month('停发月份'),
      reason: z.enum(ALLOWANCE_STOP_REASONS, { error: '请选择停发原因' }),
      note: text(200),
    }),
    'files.write',
  ),
  'survivors.check': method<SurvivorView>()(
    z.object({
      survivorId: id,
      checkedOn: fullDate('认证日期'),
      method: z.enum(CERTIFICATION_METHODS, { error: '请选择认证方式' }),
      note: text(200),
    }),
    'files.write',
  ),
  'survivors.checkLists': method<SurvivorCheckLists>()(
    z.object({ year: z.number().int().min(2000).max(2200) }),
    'read',
  ),
  'survivors.standards': method<AllowanceStandard[]>()(Empty, 'read'),
  'survivors.saveStandard': method<AllowanceStandard[]>()(
    z.object({
      amount: yuan('每月补助标准').refine((f) => f > 0, '每月补助标准须大于 0'),
      fromMonth: month('执行起始月份'),
      toMonth: optionalMonth('执行截止月份'),
      basis: text(200),
    }),
    'admin',
  ),
  'survivors.deleteStandard': method<AllowanceStandard[]>()(
    z.object({ id, reason: reasonText('删除的原因') }),
    'admin',
  ),
  /** The month's 遗属生活困难补助 list, masked as on screen. */
  'survivors.allowanceMonth': method<AllowanceMonth>()(z.object({ month: month('发放月份') }), 'read'),
  'survivors.allowancePrint': method<PrintableView>()(z.object({ month: month('发放月份') }), 'read', {
    access: 'print',
    what: '打印遗属生活困难补助发放名单',
  }),
  'survivors.allowanceExport': method<{ fileName: string; count: number; dataBase64: string }>()(
    z.object({
      month: month('发放月份'),
      /** Full ID numbers and bank accounts, as the bank needs them; masked by default. */
      full: z.boolean().default(false),
    }),
    'files.export',
    { access: 'export', what: '导出遗属生活困难补助发放名单' },
  ),
  /**
   * 本月补助加入发放批次: the month's rows into an open payment batch (batchId) or a new one (name),
   * in one transaction; a survivor whose month is already in a batch or paid is left out, named.
   */
  'survivors.allowanceToBatch': method<AllowanceTaken>()(
    z
      .object({
        month: month('发放月份'),
        batchId: optionalId,
        name: z
          .string()
          .trim()
          .max(50, '批次名称不能超过 50 个字')
          .nullish()
          .transform((v) => v || null),
      })
      .refine((i) => i.batchId !== null || i.name !== null, {
        path: ['name'],
        message: '请填写新批次的名称，或选择已有批次',
      }),
    'claims.write',
  ),
  /** 遗属慰问 in a festival batch: the survivors chosen get a visit of the batch's kind, date and gift. */
  'survivors.addToBatch': method<{ added: number; already: number }>()(
    z.object({ batchId: id, survivorIds: list(id, 5000).min(1, '请选择遗属') }),
    'files.write',
  ),
  'survivors.visit': method<SurvivorView>()(
    z.object({
      survivorId: id,
      kind: z.string().trim().min(1, '请选择慰问类别').max(20),
      date: fullDate('慰问日期'),
      money: yuan('慰问金')
        .nullish()
        .transform((v) => v ?? 0),
      items: text(200),
      visitors: text(100),
      note: text(500),
    }),
    'files.write',
  ),
  /** Letters to survivors (称谓 from name, gender and age), or to those of a festival batch; logged when printed. */
  'survivors.letters': method<PrintableView>()(
    z.object({
      kind: z.enum(LETTER_KIND_KEYS as [LetterKind, ...LetterKind[]], { error: '没有这种信函模板' }),
      survivorIds: list(id, 5000).default([]),
      visitBatchId: id.nullish().transform((v) => v ?? null),
      gift: text(100),
      print: z.boolean().default(false),
    }),
    'read',
    { access: 'print', what: '打印遗属信函', only: (i) => i.print },
  ),
} as const;
