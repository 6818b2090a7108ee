// The money paid after a death (丧葬补助金 and 一次性抚恤金), computed from the rule the office selects,
// in integer fen, never floating point. Two kinds of rule cover the documents the office works under:
//
// `standard2021`, 人社部发〔2021〕18号 (deaths from 2021-09-01, enterprise retirees and insured workers):
//   with B the province's previous-year 城镇居民月人均可支配收入 (typed by staff per province and year),
//   丧葬补助金 = 2B and 抚恤金 = B × M. M_max comes from the contribution years Y (part years as
//   months ÷ 12, Y capped at 30): Y < 5: 3; 5 ≤ Y < 10: 6; 10 ≤ Y ≤ 15: 9; Y > 15: 9 + (Y − 15).
//   A worker who dies in service gets M = M_max; a retiree M = M_max − the years receiving the
//   pension (to the month), and never less than 9.
//
// `pension`, every other rule as amounts of the person's last monthly pension, of the national
//   income, and fixed sums:
//   抚恤金 = incomeTimes × I + reliefMonths × P + reliefFixed;  丧葬补助金 = funeralMonths × P + funeralFixed,
//   with P the monthly basic pension (本人生前最后一个月基本离退休费) and I the national previous-year
//   城镇居民人均可支配收入 (annual). 民发〔2011〕192号 (机关, 病故) is incomeTimes 2, reliefMonths 40;
//   人社部发〔2008〕42号 (事业, 病故) reliefMonths 20; a local rule (deaths before 2021-09, 离休干部)
//   its months and fixed amounts. The 丧葬费 of these is a local fixed amount (funeralFixed).
//
// Months are counted as integers throughout, and M is carried in twelfths of a month (M × 12, an
// integer), so B × M = B × M12 ÷ 12 is one integer division rounded half up to the fen.
import { z } from 'zod';
import { formatYuan } from './money';

/** Whom a rule is for: the unit's nature (单位性质) of a retiree, or 离休干部 whatever the unit. */
export const BENEFIT_GROUPS = ['企业', '机关', '事业', '离休'] as const;
export type BenefitGroup = (typeof BENEFIT_GROUPS)[number];
/** A rule or income figure for every province. */
export const NATIONWIDE = '全国';

/** The first day of deaths under 人社部发〔2021〕18号. */
export const STANDARD_2021_FROM = '2021-09-01';

/** The months of contribution that count (Y capped at 30 years). */
const MAX_CONTRIBUTION_MONTHS = 30 * 12;
/** A retiree's M is never below 9 months. */
const MIN_RETIREE_TWELFTHS = 9 * 12;

const fen = z
  .number({ error: '金额须为数字' })
  .int('金额须为整数分')
  .min(0, '金额不能为负')
  .max(1_000_000_00, '金额过大');
const times = (what: string) =>
  z
    .number({ error: `${what}须为整数` })
    .int(`${what}须为整数`)
    .min(0, `${what}不能为负`)
    .max(240, `${what}不能超过 240`);
const basis = z
  .string()
  .max(100, '依据文号不能超过 100 个字')
  .nullish()
  .transform((s) => s?.trim() || null);

export const DeathRule = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('standard2021'), basis }),
    z
      .object({
        kind: z.literal('pension'),
        basis,
        /** × the national annual 城镇居民人均可支配收入 of the previous year. */
        incomeTimes: times('全国人均可支配收入倍数'),
        reliefMonths: times('抚恤金月数'),
        reliefFixedFen: fen,
        funeralMonths: times('丧葬补助金月数'),
        funeralFixedFen: fen,
      })
      .refine((r) => r.incomeTimes + r.reliefMonths + r.reliefFixedFen > 0, {
        message: '抚恤金的倍数、月数和固定金额均为 0，请按文件填写',
        path: ['reliefMonths'],
      }),
  ],
  { error: '请选择计发办法' },
);
export type DeathRule = z.output<typeof DeathRule>;

export const RULE_KIND_LABELS: Record<DeathRule['kind'], string> = {
  standard2021: '人社部发〔2021〕18号（按 B 与计发月数）',
  pension: '按本人月养老金、全国人均可支配收入与固定金额',
};

/** A rule in words, as the parameters screen and the audit show it. */
export function ruleText(rule: DeathRule): string {
  const by = rule.basis ? `（${rule.basis}）` : '';
  if (rule.kind === 'standard2021') return `丧葬补助金 = 2B，抚恤金 = B × 计发月数${by}`;
  const terms = (parts: [number, string][]) =>
    parts
      .filter(([n]) => n > 0)
      .map(([, t]) => t)
      .join(' + ') || '0';
  const relief = terms([
    [rule.incomeTimes, `${rule.incomeTimes} × 全国上年度城镇居民人均可支配收入`],
    [rule.reliefMonths, `${rule.reliefMonths} 个月基本养老金`],
    [rule.reliefFixedFen, `${formatYuan(rule.reliefFixedFen)} 元`],
  ]);
  const funeral = terms([
    [rule.funeralMonths, `${rule.funeralMonths} 个月基本养老金`],
    [rule.funeralFixedFen, `${formatYuan(rule.funeralFixedFen)} 元`],
  ]);
  return `丧葬补助金 = ${funeral}，抚恤金 = ${relief}${by}`;
}

/** What a computation needs beyond the rule; null where the file or the parameters lack it. */
export interface BenefitInputs {
  rule: DeathRule;
  /** B, for `standard2021`: the province's previous-year monthly per-capita disposable income. */
  baseFen: number | null;
  /** I, for `pension` rules with incomeTimes: the national previous-year annual figure. */
  nationalIncomeFen: number | null;
  /** Contribution at retirement (or death in service), in months: years × 12 + months. */
  contributionMonths: number | null;
  /** Months receiving the pension up to the death; null for a worker who died in service. */
  pensionMonths: number | null;
  /** P, the last monthly basic pension. */
  monthlyPensionFen: number | null;
}

export type BenefitResult =
  | {
      ok: true;
      funeralFen: number;
      reliefFen: number;
      totalFen: number;
      /** M × 12 under `standard2021`; null under other rules. */
      monthsTwelfths: number | null;
      /** The computation written out, one line a step, as the office shows and prints it. */
      lines: string[];
    }
  /** The fields lacking, in words (缴费年限, 计发基数 B …): nothing is guessed. */
  | { ok: false; missing: string[] };

/** n ÷ d rounded half up, for n ≥ 0 and d > 0 integers. */
export function divideHalfUp(n: number, d: number): number {
  return Math.floor((2 * n + d) / (2 * d));
}

/** M_max × 12 from the months of contribution (人社部发〔2021〕18号). */
export function maxMonthsTwelfths(contributionMonths: number): number {
  const m = Math.min(contributionMonths, MAX_CONTRIBUTION_MONTHS);
  if (m < 5 * 12) return 3 * 12;
  if (m < 10 * 12) return 6 * 12;
  if (m <= 15 * 12) return 9 * 12;
  // 9 + (Y − 15) months, Y = m ÷ 12: in twelfths, 9 × 12 + (m − 180).
  return 9 * 12 + (m - 15 * 12);
}

/** M × 12: M_max for a worker in service, M_max − years of pension (at least 9) for a retiree. */
export function benefitMonthsTwelfths(contributionMonths: number, pensionMonths: number | null): number {
  const max = maxMonthsTwelfths(contributionMonths);
  return pensionMonths === null ? max : Math.max(MIN_RETIREE_TWELFTHS, max - pensionMonths);
}

/** Twelfths as a number of months or years: 231 → `19.25`, 42 → `3.5`, 109 → `9又1/12`. */
export function twelfthsText(t: number): string {
  const whole = Math.floor(t / 12);
  const rest = t % 12;
  if (rest === 0) return String(whole);
  if (rest % 3 === 0) return `${whole}.${String((rest / 3) * 25).replace(/0$/, '')}`;
  const g = gcd(rest, 12);
  return `${whole}又${rest / g}/${12 / g}`;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** 345 → `28 年 9 个月`, 24 → `2 年`, 5 → `5 个月`. */
export function yearsMonthsText(months: number): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  if (y === 0) return `${m} 个月`;
  return m === 0 ? `${y} 年` : `${y} 年 ${m} 个月`;
}

/** Calendar months from the month of `from` to the month of `to` (ISO dates, a year-month at least). */
export function monthsBetween(from: string, to: string): number {
  const ym = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7));
  return ym(to) - ym(from);
}

const y = (f: number) => formatYuan(f);

export function computeDeathBenefits(input: BenefitInputs): BenefitResult {
  return input.rule.kind === 'standard2021' ? standard2021(input) : pensionRule(input, input.rule);
}

function standard2021(input: BenefitInputs): BenefitResult {
  const missing: string[] = [];
  if (input.baseFen === null) missing.push('计发基数 B（省上年度城镇居民月人均可支配收入）');
  if (input.contributionMonths === null) missing.push('缴费年限');
  if (input.baseFen === null || input.contributionMonths === null) return { ok: false, missing };
  const B = input.baseFen;
  const c = input.contributionMonths;
  const max = maxMonthsTwelfths(c);
  const m12 = benefitMonthsTwelfths(c, input.pensionMonths);
  const lines: string[] = [];
  const counted = Math.min(c, MAX_CONTRIBUTION_MONTHS);
  const cappedNote = c > MAX_CONTRIBUTION_MONTHS ? '（超过 30 年按 30 年计）' : '';
  lines.push(
    counted > 15 * 12
      ? `缴费年限 ${yearsMonthsText(c)}${cappedNote}，计发月数上限 = 9 + (${twelfthsText(counted)} − 15) = ${twelfthsText(max)}`
      : `缴费年限 ${yearsMonthsText(c)}，计发月数上限 ${twelfthsText(max)}`,
  );
  if (input.pensionMonths === null) {
    lines.push(`在职死亡，计发月数 M = ${twelfthsText(m12)}`);
  } else {
    const p = input.pensionMonths;
    const raw = max - p;
    lines.push(
      `领取养老金 ${yearsMonthsText(p)}，计发月数 M = ${twelfthsText(max)} − ${twelfthsText(p)} = ${raw >= 0 ? '' : '−'}${twelfthsText(Math.abs(raw))}` +
        (raw < MIN_RETIREE_TWELFTHS ? `，不足 9 个月按 9 个月计，M = 9` : ''),
    );
  }
  const funeralFen = 2 * B;
  const reliefFen = divideHalfUp(B * m12, 12);
  lines.push(`丧葬补助金 = 2 × ${y(B)} = ${y(funeralFen)} 元`);
  lines.push(`抚恤金 = ${y(B)} × ${twelfthsText(m12)} = ${y(reliefFen)} 元`);
  lines.push(`合计 = ${y(funeralFen)} + ${y(reliefFen)} = ${y(funeralFen + reliefFen)} 元`);
  return { ok: true, funeralFen, reliefFen, totalFen: funeralFen + reliefFen, monthsTwelfths: m12, lines };
}

function pensionRule(input: BenefitInputs, rule: Extract<DeathRule, { kind: 'pension' }>): BenefitResult {
  const missing: string[] = [];
  const needsPension = rule.reliefMonths > 0 || rule.funeralMonths > 0;
  if (rule.incomeTimes > 0 && input.nationalIncomeFen === null) missing.push('全国上年度城镇居民人均可支配收入');
  if (needsPension && input.monthlyPensionFen === null) missing.push('本人生前月基本养老金');
  if (missing.length > 0) return { ok: false, missing };
  const I = input.nationalIncomeFen ?? 0;
  const P = input.monthlyPensionFen ?? 0;
  const sum = (terms: [number, string][]) => {
    const used = terms.filter(([v]) => v > 0);
    return { fen: used.reduce((s, [v]) => s + v, 0), text: used.map(([, t]) => t).join(' + ') || '0' };
  };
  const relief = sum([
    [rule.incomeTimes * I, `${rule.incomeTimes} × ${y(I)}`],
    [rule.reliefMonths * P, `${rule.reliefMonths} × ${y(P)}`],
    [rule.reliefFixedFen, y(rule.reliefFixedFen)],
  ]);
  const funeral = sum([
    [rule.funeralMonths * P, `${rule.funeralMonths} × ${y(P)}`],
    [rule.funeralFixedFen, y(rule.funeralFixedFen)],
  ]);
  const lines: string[] = [];
  if (rule.incomeTimes > 0) lines.push(`全国上年度城镇居民人均可支配收入 ${y(I)} 元`);
  if (needsPension) lines.push(`本人生前月基本养老金 ${y(P)} 元`);
  lines.push(`丧葬补助金 = ${funeral.text} = ${y(funeral.fen)} 元`);
  lines.push(`抚恤金 = ${relief.text} = ${y(relief.fen)} 元`);
  lines.push(`合计 = ${y(funeral.fen)} + ${y(relief.fen)} = ${y(funeral.fen + relief.fen)} 元`);
  return {
    ok: true,
    funeralFen: funeral.fen,
    reliefFen: relief.fen,
    totalFen: funeral.fen + relief.fen,
    monthsTwelfths: null,
    lines,
  };
}

/**
 * The group a person's death is paid under: 离休干部 whatever the unit, others by the nature of the
 * unit they retired from; null where the file does not say (单位性质 not filled in).
 */
export function benefitGroupOf(person: { category: string; unitNature: string | null }): BenefitGroup | null {
  if (person.category === '离休') return '离休';
  return (BENEFIT_GROUPS as readonly string[]).includes(person.unitNature ?? '')
    ? (person.unitNature as BenefitGroup)
    : null;
}

/** The last day to file: three months after the death (the same day-of-month, or the month's last day). */
export function filingDeadline(diedOn: string): string {
  const yr = Number(diedOn.slice(0, 4));
  const mo = Number(diedOn.slice(5, 7)) + 3;
  const y2 = yr + Math.floor((mo - 1) / 12);
  const m2 = ((mo - 1) % 12) + 1;
  const last = new Date(Date.UTC(y2, m2, 0)).getUTCDate();
  const day = Math.min(Number(diedOn.slice(8, 10)), last);
  return `${y2}-${String(m2).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** What the claimant brings (申领材料): the office ticks each off. */
export const BENEFIT_MATERIALS = [
  '死亡证明（医学死亡证明/火化证明）',
  '户口注销证明',
  '申领人身份证',
  '亲属关系证明',
  '社保卡/银行账户',
  '申领表',
] as const;
export type BenefitMaterial = (typeof BENEFIT_MATERIALS)[number];
