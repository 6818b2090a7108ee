// The contract of medical-expense claims (药费报销): claims and their lines, the year's policies,
// statements, reports, payment batches and the ledger import.
import { z } from 'zod';
import { CategoryPolicy, YearPolicy } from '../shared/claimPolicy';
import { LINE_KINDS } from '../shared/lineKinds';
import { fullDate } from '../shared/dateSchemas';
import { CATEGORIES } from '../shared/person';
import { ById, editOf, fileUpload, id, loadedRecord, method, optionalId, text, yuan } from './common';
import { ColumnMap, type ImportColumns } from './imports';
import type { AttachmentInfo } from './retirees';

export const ClaimLineInput = z
  .object({
    invoiceCode: text(30),
    invoiceNo: z.string({ error: '请填写票据号' }).trim().min(1, '请填写票据号').max(40),
    hospital: text(100),
    visitDate: fullDate('就医日期'),
    kind: z.enum(LINE_KINDS, { error: '请选择费用类别（门诊、住院、特殊病种或药店）' }),
    total: yuan('总金额'),
    fund: yuan('统筹支付'),
    account: yuan('个人账户支付'),
    self: yuan('个人自付'),
    /** Defaults to 自付; another amount needs a reason. */
    eligible: yuan('符合报销金额').nullish(),
    eligibleReason: text(200),
  })
  .superRefine((l, ctx) => {
    if (l.fund + l.account + l.self !== l.total) {
      ctx.addIssue({ code: 'custom', path: ['total'], message: '统筹支付、个人账户支付与个人自付之和应等于总金额' });
    }
    if (l.eligible != null && l.eligible !== l.self && !l.eligibleReason) {
      ctx.addIssue({ code: 'custom', path: ['eligibleReason'], message: '符合报销金额与个人自付不同，请填写原因' });
    }
    if (l.eligible != null && l.eligible > l.total)
      ctx.addIssue({ code: 'custom', path: ['eligible'], message: '符合报销金额不能超过总金额' });
  })
  .transform((l) => ({ ...l, eligible: l.eligible ?? l.self }));
export type ClaimLineInput = z.output<typeof ClaimLineInput>;

export const ClaimInput = z.object({
  personId: id,
  receivedDate: fullDate('收件日期'),
  note: text(500),
  lines: z.array(ClaimLineInput).min(1, '请至少填写一张票据').max(200, '一张报销单最多 200 张票据'),
});
export type ClaimInput = z.output<typeof ClaimInput>;

export const CLAIM_STATUSES = ['登记', '审核', '批准', '已发放', '退回'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface ClaimLineView {
  id: number;
  seq: number;
  invoiceCode: string | null;
  invoiceNo: string;
  hospital: string | null;
  visitDate: string;
  kind: (typeof LINE_KINDS)[number];
  totalFen: number;
  fundFen: number;
  accountFen: number;
  selfFen: number;
  eligibleFen: number;
  eligibleReason: string | null;
  /** Null until the claim is approved. */
  payFen: number | null;
  deductibleFen: number | null;
  ratioBp: number | null;
  explanation: string | null;
}

export interface ClaimFile {
  id: number;
  version: number;
  personId: number;
  personName: string;
  idNumberMasked: string | null;
  category: string;
  status: ClaimStatus;
  source: '登记' | '台账' | '冲销';
  receivedDate: string;
  note: string | null;
  returnReason: string | null;
  reversalOf: number | null;
  reversedBy: number | null;
  corrects: number | null;
  approvalSeq: number | null;
  approvedAt: string | null;
  approvedBy: string | null;
  batchId: number | null;
  paidAt: string | null;
  createdAt: string;
  createdBy: string;
  lines: ClaimLineView[];
  /** Scans of the invoices and receipts. */
  attachments: AttachmentInfo[];
  eligibleFen: number;
  payFen: number | null;
}

export type ClaimListItem = Omit<ClaimFile, 'lines' | 'attachments'> & { lineCount: number };

export interface YearStatement {
  personId: number;
  name: string;
  idNumberMasked: string | null;
  category: string;
  year: number;
  policy: CategoryPolicy | null;
  eligibleFen: number;
  reimbursedFen: number;
  deductibleUsedFen: number;
  /** Null where there is no cap. */
  capLeftFen: number | null;
  claims: ClaimFile[];
}

export interface PolicyView {
  year: number;
  category: string;
  /** Null: not set (离休 then follows the default). */
  versionId: number | null;
  rules: CategoryPolicy;
  isDefault: boolean;
  note: string | null;
  savedAt: string | null;
  savedBy: string | null;
  /** Approved lines computed under this version: an edit applies to later approvals only. */
  usedByLines: number;
}

export interface SimulationResult {
  year: number;
  total: { paidFen: number; simulatedFen: number };
  people: {
    personId: number;
    idNumber: string | null;
    name: string;
    category: string;
    paidFen: number;
    simulatedFen: number;
  }[];
}

/** A payment batch: its home is contract/payments.ts, where its methods are. */
export type { BatchView } from './payments';

export interface ClaimsReport {
  year: number;
  /** Null: the whole year. */
  month: number | null;
  byMonth: { month: string; lines: number; eligibleFen: number; payFen: number }[];
  byCategory: { category: string; people: number; payFen: number }[];
  byKind: { kind: string; lines: number; payFen: number }[];
  /** The year's; empty in a month's report. */
  nearCap: {
    personId: number;
    name: string;
    category: string;
    reimbursedFen: number;
    capFen: number;
    leftFen: number;
  }[];
}

export interface LedgerImportReport {
  importId: number | null;
  file: string;
  dataRows: number;
  inserted: number;
  rejected: number;
  rows: {
    row: number;
    outcome: 'inserted' | 'rejected';
    name: string | null;
    issues: { column: string; code: string; message: string }[];
  }[];
  /** How the ledger's columns were recognised: the mapping step's answer. */
  columns?: ImportColumns[];
}

/** A person's statement of one year. */
const StatementOf = z.object({ personId: id, year: z.number().int().min(1949).max(2200) });

export const claimsMethods = {
  'claims.list': method<{ total: number; rows: ClaimListItem[] }>()(
    z.object({
      status: z
        .enum(CLAIM_STATUSES)
        .nullish()
        .transform((v) => v ?? null),
      personId: optionalId,
      unbatched: z.boolean().default(false),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(500).default(50),
    }),
    'read',
  ),
  'claims.get': method<ClaimFile>()(ById, 'read'),
  'claims.create': method<ClaimFile>()(ClaimInput, 'claims.write'),
  'claims.update': method<ClaimFile>()(z.object({ id, ...editOf(ClaimInput, { checkBase: true }) }), 'claims.write'),
  'claims.move': method<ClaimFile>()(
    z.object({
      id,
      version: z.number().int().positive(),
      to: z.enum(['审核', '批准', '退回', '登记'], { error: '不支持的操作' }),
      reason: text(200),
    }),
    'claims.write',
  ),
  'claims.reverse': method<{ reversal: ClaimFile; correction: ClaimFile }>()(
    z.object({
      id,
      version: z.number().int().positive(),
      reason: z.string({ error: '请填写冲销原因' }).trim().min(1, '请填写冲销原因').max(200),
    }),
    'claims.write',
  ),
  'claims.statement': method<YearStatement>()(StatementOf, 'read'),
  /** The same statement, for paper (PrintPage): logged as printed. */
  'claims.printStatement': method<YearStatement>()(StatementOf, 'read', {
    access: 'print',
    what: '打印年度报销结算单',
  }),
  'claims.policies': method<PolicyView[]>()(z.object({ year: z.number().int().min(1949).max(2200) }), 'read'),
  'claims.savePolicy': method<PolicyView>()(
    z.object({
      year: z.number().int().min(1949).max(2200),
      category: z.enum(CATEGORIES),
      rules: CategoryPolicy,
      note: text(200),
      loaded: loadedRecord(CategoryPolicy),
    }),
    'claims.write',
  ),
  'claims.policyGaps': method<{ year: number; category: string }[]>()(
    z.object({ personId: id, years: z.array(z.number().int().min(1949).max(2200)).max(100) }),
    'read',
  ),
  'claims.simulate': method<SimulationResult>()(z.object({ policy: YearPolicy }), 'claims.write'),
  'claims.report': method<ClaimsReport>()(
    z.object({
      year: z.number().int().min(1949).max(2200),
      month: z
        .number()
        .int()
        .min(1)
        .max(12)
        .nullish()
        .transform((v) => v ?? null),
      nearCapPercent: z.number().int().min(1).max(100).default(90),
    }),
    'read',
  ),
  'claims.exportReport': method<{ fileName: string; dataBase64: string }>()(
    z.object({ year: z.number().int().min(1949).max(2200) }),
    'claims.export',
    { access: 'export', what: '导出药费报销统计' },
  ),
  'claims.importLedger': method<LedgerImportReport>()(
    fileUpload(
      { fileName: z.string().trim().min(1).max(200), dryRun: z.boolean().default(true), map: ColumnMap.optional() },
      50,
    ),
    'claims.write',
  ),
} as const;
