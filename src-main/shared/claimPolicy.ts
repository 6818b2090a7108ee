// A year's reimbursement policy (报销政策) per person category: deductible (起付线), a ratio per line
// kind, age bands that add points, an annual cap (封顶线) or none. The shape the claims CLI reads
// (`claims simulate --policy FILE.json`) and the settings screen edits.
import { z } from 'zod';
import { CATEGORIES, type Category } from './person';

const fen = z.number().int('金额须为整数分').min(0, '金额不能为负');
const bp = z.number().int('比例须为整数基点（8500 即 85%）').min(0).max(10000, '比例不能超过 100%');

export const CategoryPolicy = z.object({
  deductibleFen: fen,
  capFen: fen.nullable(),
  ratioBp: z.object({ 门诊: bp, 住院: bp, 特殊病种: bp, 药店: bp }),
  ageBands: z
    .array(z.object({ minAge: z.number().int().min(0).max(150), extraBp: z.number().int().min(0).max(10000) }))
    .max(20, '年龄段最多 20 个')
    .default([]),
});
export type CategoryPolicy = z.infer<typeof CategoryPolicy>;

export const YearPolicy = z.object({
  year: z.number().int().min(1949).max(2200),
  categories: z.partialRecord(z.enum(CATEGORIES), CategoryPolicy),
});
export type YearPolicy = z.infer<typeof YearPolicy>;

/** 离休 by default: no deductible, 100 %, no cap. */
export const DEFAULT_LIXIU: CategoryPolicy = {
  deductibleFen: 0,
  capFen: null,
  ratioBp: { 门诊: 10000, 住院: 10000, 特殊病种: 10000, 药店: 10000 },
  ageBands: [],
};

export function categoryPolicy(policy: YearPolicy, category: Category): CategoryPolicy | null {
  return policy.categories[category] ?? (category === '离休' ? DEFAULT_LIXIU : null);
}

/** The fields of a claim and its lines as the form names them, for messages. */
export const CLAIM_FIELD_LABELS: Record<string, string> = {
  personId: '报销人',
  receivedDate: '收件日期',
  invoiceCode: '票据代码',
  invoiceNo: '票据号',
  hospital: '医疗机构',
  visitDate: '就医日期',
  kind: '费用类别',
  total: '总金额',
  fund: '统筹支付',
  account: '个人账户支付',
  self: '个人自付',
  eligible: '符合报销金额',
  eligibleReason: '调整原因',
  deductibleFen: '起付线',
  capFen: '封顶线',
  ratioBp: '报销比例',
};
