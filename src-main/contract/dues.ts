// The contract of 党费 (issue 21 item 1): per member and year the base and the 低保 flag, the
// branch's reductions, per member and month what was due and paid; per branch and year the ledger
// (summary by month, the unpaid, the 党费交纳登记簿 printed and as .xlsx); a month's collection in
// one step; next year's bases proposed from the pension adjustment check, confirmed by staff.
import { z } from 'zod';
import { fullDate } from '../shared/dateSchemas';
import { DUES_PAYERS, DUES_REDUCTION_KINDS, type DuesPaymentKind } from '../shared/partyDues';
import { type PrintableView, id, list, method, reasonText, text, yuan } from './common';

/** How a member's month stands in a ledger. */
export type DuesMonthState =
  /** paid to this branch */
  | 'paid'
  /** paid to another branch (before a transfer) */
  | 'elsewhere'
  /** waived by the branch's decision */
  | 'exempt'
  /** due and not paid, the month has come */
  | 'unpaid'
  /** not yet come, not paid */
  | 'future'
  /** no base recorded for the year (and not on 低保): nothing to go on */
  | 'nobase'
  /** not a member of this branch then (left, died, moved away) */
  | 'none';

export interface DuesMonthCell {
  month: string;
  state: DuesMonthState;
  dueFen: number | null;
  /** 0.5%, 1%, 低保, 减交, 免交. */
  basis: string | null;
  paymentId: number | null;
  paidFen: number | null;
  paidOn: string | null;
  paidBy: string | null;
  proxyName: string | null;
  kind: DuesPaymentKind | null;
}

export interface DuesBaseView {
  year: number;
  baseFen: number | null;
  dibao: boolean;
  /** 录入, or 调资核对 with the run's year and file. */
  source: string;
  confirmedAt: string;
  confirmedBy: string;
  /** The first month the member pays to the branch this year (组织关系转入); null: from January. */
  fromMonth: string | null;
  /** The last month (组织关系转出); null: to December. */
  toMonth: string | null;
}

export interface DuesReductionView {
  id: number;
  kind: string;
  amountFen: number | null;
  fromMonth: string;
  toMonth: string;
  decidedOn: string;
  decision: string;
  recordedAt: string;
  recordedBy: string;
}

export interface DuesMemberRow {
  personId: number;
  name: string;
  /** Still a party member of this branch (a former one is listed for the months paid here). */
  current: boolean;
  base: DuesBaseView | null;
  /** The year's rate on the base, as printed: 0.5%, 1%, 低保; null without a base. */
  basis: string | null;
  /** The monthly amount by the base (before any reduction). */
  monthlyFen: number | null;
  months: DuesMonthCell[];
  reductions: DuesReductionView[];
  dueFen: number;
  paidFen: number;
  unpaidFen: number;
  unpaidMonths: string[];
}

export interface DuesMonthSummary {
  month: string;
  members: number;
  dueFen: number;
  paidFen: number;
  paidCount: number;
  unpaidCount: number;
  unpaidFen: number;
}

export interface DuesLedger {
  branchId: number;
  branchName: string;
  year: number;
  rows: DuesMemberRow[];
  months: DuesMonthSummary[];
  dueFen: number;
  paidFen: number;
  unpaidFen: number;
  /** Members without a base for the year (and not on 低保). */
  withoutBase: { personId: number; name: string }[];
}

export interface DuesMemberView {
  personId: number;
  name: string;
  partyMember: boolean;
  branchId: number | null;
  branchName: string | null;
  year: number;
  row: DuesMemberRow;
}

export interface DuesProposal {
  /** The adjustment check the proposal comes from: the newest run of the year before. */
  run: { id: number; year: number; fileName: string; importedAt: string } | null;
  rows: {
    personId: number;
    name: string;
    /** The adjustment row whose new monthly figure is proposed; null where the member is not in the check. */
    adjustmentRowId: number | null;
    proposedFen: number | null;
    proposedDueFen: number | null;
    current: DuesBaseView | null;
    /** The proposal is what is recorded already. */
    confirmed: boolean;
  }[];
}

const year = z
  .number({ error: '请填写年度' })
  .int('年度须为整数')
  .min(1990, '年度不能早于 1990 年')
  .max(2200, '年度过大');
export const duesMonth = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .max(20, `${what}过长`)
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${what}应为年月，如 2026-03`);
const BranchYear = z.object({ branchId: id, year });

export const DuesPaymentItem = z.object({
  personId: id,
  month: duesMonth('所交月份'),
  paidBy: z.enum(DUES_PAYERS, { error: '请选择本人交纳或代交' }),
  proxyName: text(40),
  /** The amount handed over, when it is not simply the due amount: refused unless it is. */
  amount: yuan('实交金额')
    .nullish()
    .transform((v) => v ?? null),
});
export type DuesPaymentItem = z.output<typeof DuesPaymentItem>;

export const DuesCollectInput = z.object({
  /** The branch collecting: every member paid for must belong to it. */
  branchId: id,
  paidOn: fullDate('交纳日期'),
  items: list(DuesPaymentItem, 2000).min(1, '请勾选已交纳党费的党员'),
});
export type DuesCollectInput = z.output<typeof DuesCollectInput>;

export const DuesBaseInput = z.object({
  personId: id,
  year,
  base: yuan('党费基数')
    .nullish()
    .transform((v) => v ?? null),
  dibao: z.boolean().default(false),
  /** 起交月份 (transferred in during the year) and 止交月份 (transferred out): within the year. */
  fromMonth: duesMonth('起交月份')
    .nullish()
    .transform((v) => v ?? null),
  toMonth: duesMonth('止交月份')
    .nullish()
    .transform((v) => v ?? null),
});
export type DuesBaseInput = z.output<typeof DuesBaseInput>;

export const DuesReductionInput = z.object({
  personId: id,
  kind: z.enum(DUES_REDUCTION_KINDS, { error: '请选择减交或免交' }),
  amount: yuan('每月减交后金额')
    .nullish()
    .transform((v) => v ?? null),
  fromMonth: duesMonth('起始月份'),
  toMonth: duesMonth('截止月份'),
  decidedOn: fullDate('支部决定日期'),
  decision: reasonText('支部决定（文号或内容）').pipe(z.string().max(500, '支部决定不能超过 500 字')),
});
export type DuesReductionInput = z.output<typeof DuesReductionInput>;

export const duesMethods = {
  'dues.ledger': method<DuesLedger>()(BranchYear, 'read'),
  'dues.member': method<DuesMemberView>()(z.object({ personId: id, year }), 'read'),
  'dues.collect': method<{ count: number; paidFen: number }>()(DuesCollectInput, 'files.write'),
  'dues.cancelPayment': method<{ personId: number; month: string }>()(
    z.object({ id, reason: reasonText('撤销的原因').pipe(z.string().max(500)) }),
    'files.write',
  ),
  'dues.setBase': method<DuesMemberView>()(DuesBaseInput, 'files.write'),
  'dues.addReduction': method<DuesMemberView>()(DuesReductionInput, 'files.write'),
  'dues.proposals': method<DuesProposal>()(BranchYear, 'read'),
  'dues.confirmBases': method<{ confirmed: number }>()(
    z.object({ year, adjustmentRowIds: list(id, 2000).min(1, '请选择要确认的人员') }),
    'files.write',
  ),
  'dues.registerPrint': method<PrintableView>()(BranchYear, 'read', { access: 'print', what: '打印党费交纳登记簿' }),
  'dues.registerExport': method<{ fileName: string; count: number; dataBase64: string }>()(BranchYear, 'files.export', {
    access: 'export',
    what: '导出党费交纳登记簿',
  }),
} as const;
