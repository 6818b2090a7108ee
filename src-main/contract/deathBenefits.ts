// The contract of the death benefits (丧葬补助金, 一次性抚恤金): computed from the parameters staff
// type (B per province and year, the national income per year, the rule per group × province ×
// first day of deaths), saved with their inputs and formula, and the claim around them (法定继承人,
// materials, filed on, paid on, pension to recover, why anything is unpaid).
import { z } from 'zod';
import { BENEFIT_GROUPS, BENEFIT_MATERIALS, type BenefitGroup, DeathRule } from '../shared/deathBenefits';
import { fullDate } from '../shared/dateSchemas';
import { Empty, chars, id, list, method, reasonText, text, validIdNumber, yuan } from './common';
import { RELATIONS } from './privacy';

/** A rule as the office selected it: for whom, where, from which day of death. */
export interface AppliedRule {
  id: number;
  group: BenefitGroup;
  province: string;
  fromDate: string;
  rule: DeathRule;
  /** The rule in words (shared/deathBenefits ruleText). */
  text: string;
}

/** Everything the amounts were computed from, kept with them. */
export interface BenefitInputsView {
  diedOn: string;
  retirementDate: string | null;
  baseFen: number | null;
  nationalIncomeFen: number | null;
  contributionMonths: number | null;
  pensionMonths: number | null;
  monthlyPensionFen: number | null;
  monthsTwelfths: number | null;
}

export interface BenefitComputation {
  province: string;
  rule: AppliedRule;
  inputs: BenefitInputsView;
  funeralFen: number;
  reliefFen: number;
  totalFen: number;
  /** The computation written out: `抚恤金 = 2,818.50 × 19.25 = 54,256.13 元`. */
  lines: string[];
}

export interface DeathBenefitsView extends BenefitComputation {
  personId: number;
  computedAt: string;
  computedBy: string;
  claimantName: string | null;
  claimantRelation: string | null;
  claimantIdNumber: string | null;
  claimantPhone: string | null;
  materials: string[];
  filedOn: string | null;
  /** The last day to file: three months after the death. */
  filingDeadline: string;
  paidOn: string | null;
  /** Pension paid for months after the month of death, to recover. */
  overpaidFen: number;
  overpaidRecoveredOn: string | null;
  unpaidReason: string | null;
  version: number;
}

export interface BenefitParameters {
  bases: { province: string; year: number; baseFen: number; savedAt: string; savedBy: string }[];
  incomes: { year: number; incomeFen: number; savedAt: string; savedBy: string }[];
  rules: (AppliedRule & { savedAt: string; savedBy: string })[];
}

const province = z.string({ error: '请填写省份' }).trim().min(1, '请填写省份').max(20, '省份不能超过 20 个字');
const year = z
  .number({ error: '请填写年度' })
  .int('年度须为整数')
  .min(1990, '年度不能早于 1990 年')
  .max(2200, '年度过大');
const positiveYuan = (what: string) => yuan(what).refine((f) => f > 0, `${what}须大于 0`);

export const BenefitComputeInput = z.object({
  personId: id,
  province,
  /** P, where the rule counts months of pension: 本人生前最后一个月基本养老金. */
  monthlyPension: yuan('本人生前月基本养老金')
    .nullish()
    .transform((v) => v ?? null),
});

export const BenefitClaimInput = z.object({
  personId: id,
  version: z.number().int().min(1),
  claimantName: text(40),
  claimantRelation: z
    .enum(RELATIONS, { error: '请选择申领人与逝者的关系' })
    .nullish()
    .transform((v) => v ?? null),
  claimantIdNumber: validIdNumber,
  claimantPhone: text(40),
  materials: list(z.enum(BENEFIT_MATERIALS), BENEFIT_MATERIALS.length).default([]),
  filedOn: fullDate('申报日期')
    .nullish()
    .transform((v) => v ?? null),
  paidOn: fullDate('发放日期')
    .nullish()
    .transform((v) => v ?? null),
  overpaid: yuan('多发养老金')
    .nullish()
    .transform((v) => v ?? 0),
  overpaidRecoveredOn: fullDate('追回日期')
    .nullish()
    .transform((v) => v ?? null),
  unpaidReason: text(500),
});
export type BenefitClaimInput = z.output<typeof BenefitClaimInput>;

export const BenefitRuleInput = z.object({
  id: id.nullish().transform((v) => v ?? null),
  group: z.enum(BENEFIT_GROUPS, { error: '请选择人员类别' }),
  province,
  fromDate: fullDate('适用于此日及以后去世'),
  rule: DeathRule,
});
export type BenefitRuleInput = z.output<typeof BenefitRuleInput>;

export const deathBenefitsMethods = {
  /** The amounts under today's parameters, not saved. */
  'deathBenefits.preview': method<BenefitComputation>()(BenefitComputeInput, 'read'),
  /** Computes and keeps the amounts; a second time only with a reason (audited, before and after). */
  'deathBenefits.compute': method<DeathBenefitsView>()(
    BenefitComputeInput.extend({
      version: z.number().int().min(1).nullish(),
      reason: text(200),
    }),
    'files.write',
  ),
  'deathBenefits.save': method<DeathBenefitsView>()(BenefitClaimInput, 'files.write'),
  'deathBenefits.parameters': method<BenefitParameters>()(Empty, 'read'),
  'deathBenefits.saveBase': method<BenefitParameters>()(
    z.object({ province, year, base: positiveYuan('计发基数 B') }),
    'admin',
  ),
  'deathBenefits.deleteBase': method<BenefitParameters>()(z.object({ province: chars(20), year }), 'admin'),
  'deathBenefits.saveIncome': method<BenefitParameters>()(
    z.object({ year, income: positiveYuan('全国城镇居民人均可支配收入') }),
    'admin',
  ),
  'deathBenefits.deleteIncome': method<BenefitParameters>()(z.object({ year }), 'admin'),
  'deathBenefits.saveRule': method<BenefitParameters>()(BenefitRuleInput, 'admin'),
  'deathBenefits.deleteRule': method<BenefitParameters>()(z.object({ id, reason: reasonText('删除的原因') }), 'admin'),
} as const;
