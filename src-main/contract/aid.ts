// The contract of hardship aid (困难帮扶, issue 20 item 2): the office's list of reasons, an
// application → decision → payment, a festival round of aid made as one payment batch, and the
// year's register with its totals by reason and by paying body.
import { z } from 'zod';
import { fullDate } from '../shared/dateSchemas';
import { ById, id, method, optionalId, type PrintableView, yuan } from './common';
import { BatchName, type BatchView } from './payments';

export const AID_DECISIONS = ['批准', '部分批准', '不批准'] as const;
export type AidDecision = (typeof AID_DECISIONS)[number];
/** Who pays the aid. */
export const AID_BODIES = ['退管办', '工会', '党组织'] as const;
export type AidBody = (typeof AID_BODIES)[number];
/** Where an application stands: derived from its decision and its payment. */
export const AID_STATES = ['待审批', '不批准', '待发放', '已发放'] as const;
export type AidState = (typeof AID_STATES)[number];

export interface AidReason {
  id: number;
  name: string;
  retired: boolean;
  /** Applications naming it: a reason in use is retired, never deleted. */
  used: number;
}

export interface AidView {
  id: number;
  personId: number;
  personName: string;
  reasonId: number;
  reason: string;
  appliedOn: string;
  story: string;
  askedFen: number;
  decision: AidDecision | null;
  grantedFen: number | null;
  decidedOn: string | null;
  decidedBy: string | null;
  body: AidBody | null;
  batchId: number | null;
  batchName: string | null;
  paidOn: string | null;
  paidBy: string | null;
  state: AidState;
  version: number;
}

export interface AidRegister {
  year: number;
  rows: AidView[];
  byReason: {
    reason: string;
    applications: number;
    granted: number;
    askedFen: number;
    grantedFen: number;
    paidFen: number;
  }[];
  byBody: { body: AidBody; granted: number; grantedFen: number; paidFen: number }[];
  total: { applications: number; granted: number; askedFen: number; grantedFen: number; paidFen: number };
}

const name = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过 ${max} 个字`);
const positiveYuan = (what: string) => yuan(what).refine((fen) => fen > 0, `${what}应大于零`);
const year = z.number().int().min(1949).max(2200);
const version = z.number().int().positive();

export const AidApplication = z.object({
  personId: id,
  reasonId: id,
  appliedOn: fullDate('申请日期'),
  story: name('困难情况', 1000),
  asked: positiveYuan('申请金额'),
});
export type AidApplication = z.output<typeof AidApplication>;

export const AidDecisionInput = z
  .object({
    id,
    version,
    decision: z.enum(AID_DECISIONS, { error: '请选择审批结果（批准、部分批准或不批准）' }),
    /** For 批准 and 部分批准. */
    granted: yuan('批准金额').nullish(),
    decidedOn: fullDate('审批日期'),
    decidedBy: name('审批人', 50),
    body: z.enum(AID_BODIES, { error: '请选择发放单位（退管办、工会或党组织）' }).nullish(),
  })
  .superRefine((d, ctx) => {
    if (d.decision === '不批准') return;
    if (d.granted == null || d.granted <= 0)
      ctx.addIssue({ code: 'custom', path: ['granted'], message: '请填写批准金额' });
    if (d.body == null)
      ctx.addIssue({ code: 'custom', path: ['body'], message: '请选择发放单位（退管办、工会或党组织）' });
  })
  .transform((d) =>
    d.decision === '不批准' ? { ...d, granted: null, body: null } : { ...d, granted: d.granted!, body: d.body! },
  );
export type AidDecisionInput = z.output<typeof AidDecisionInput>;

export const AidPayment = z.object({ id, version, paidOn: fullDate('发放日期'), paidBy: name('经手人', 50) });
export type AidPayment = z.output<typeof AidPayment>;

/** A festival round (春节困难帮扶): each person granted their amount, paid in one new batch. */
export const AidRound = BatchName.extend({
  reasonId: id,
  date: fullDate('发放日期'),
  story: name('帮扶事由', 200),
  decidedBy: name('审批人', 50),
  body: z.enum(AID_BODIES, { error: '请选择发放单位（退管办、工会或党组织）' }),
  people: z
    .array(z.object({ personId: id, amount: positiveYuan('帮扶金额') }))
    .min(1, '请至少选择一人')
    .max(5000, '一次最多 5000 人'),
});
export type AidRound = z.output<typeof AidRound>;

export const AidListQuery = z.object({
  personId: optionalId,
  year: year.nullish().transform((v) => v ?? null),
  reasonId: optionalId,
});
export type AidListQuery = z.output<typeof AidListQuery>;

export const aidMethods = {
  'aid.reasons': method<AidReason[]>()(z.object({}).default({}), 'read'),
  'aid.saveReason': method<AidReason>()(
    z.object({ id: optionalId, name: name('帮扶原因', 20), retired: z.boolean().default(false) }),
    'admin',
  ),
  'aid.deleteReason': method<{ deleted: number }>()(ById, 'admin'),
  'aid.list': method<AidView[]>()(AidListQuery, 'read'),
  'aid.get': method<AidView>()(ById, 'read'),
  'aid.apply': method<AidView>()(AidApplication, 'files.write'),
  'aid.decide': method<AidView>()(AidDecisionInput, 'files.write'),
  /** Paid by hand (cash from the union's funds), not through a batch. */
  'aid.pay': method<AidView>()(AidPayment, 'files.write'),
  'aid.round': method<BatchView>()(AidRound, 'files.write'),
  'aid.register': method<AidRegister>()(z.object({ year }), 'read'),
  'aid.registerPrint': method<PrintableView>()(z.object({ year }), 'read', {
    access: 'print',
    what: '打印困难帮扶台账',
    rows: (r) => r.count,
  }),
  'aid.registerExport': method<{ fileName: string; count: number; dataBase64: string }>()(
    z.object({ year }),
    'files.export',
    { access: 'export', what: '导出困难帮扶台账' },
  ),
} as const;
