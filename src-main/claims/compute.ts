// How much of a claim line is reimbursed. The rule, as the office states it:
//
//   Amounts are integer fen; ratios are basis points (8500 = 85 %). A claim's lines are computed
//   when the claim is approved, in approval order, each under the policy of its visit date's year
//   and the person's category.
//
//   D = deductible, C = cap (or none), r = ratio of the line's kind + the age band's extra points
//   E = eligible amount of the person's lines approved earlier in that year
//   R = amount reimbursed to the person earlier in that year
//   counted = max(0, e - max(0, D - E))          # what of this line lies above the deductible
//   pay     = min(round_half_up(counted * r / 10000), C - R)    # never above the cap
//   E += e;  R += pay
//
// Two readings made explicit: the age band is the highest one the person has reached on the visit
// date (age in full years), not the sum of all of them; and where earlier payments (a legacy
// ledger's history) already exceed the cap, C - R is below zero and the line pays 0, not a
// negative amount. And r is at most 100 %: an age band on top of a 95 % ratio pays what was paid,
// not more.
import { ageOn } from '../shared/dates';
import { bpText, formatYuan } from '../shared/money';
import type { CategoryPolicy } from '../shared/claimPolicy';
import type { LineKind } from '../shared/lineKinds';

/** A person's running totals for one year: E and R of the rule. */
export interface YearTotals {
  eligibleFen: number;
  reimbursedFen: number;
}

export interface LineToCompute {
  visitDate: string;
  kind: LineKind;
  eligibleFen: number;
}

export interface LineComputation {
  /** The part of the deductible this line absorbed. */
  deductibleFen: number;
  countedFen: number;
  ratioBp: number;
  /** The age band's extra points, 0 without one. */
  extraBp: number;
  payFen: number;
  /** The cap stopped this line short of counted × r. */
  capped: boolean;
  before: YearTotals;
  after: YearTotals;
  /** The breakdown in words, as the claim shows it. */
  explanation: string;
}

/** round_half_up(a / b) for a ≥ 0, b > 0, in integers. */
export function divRoundHalfUp(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

export function ageBandExtra(
  policy: CategoryPolicy,
  birthDate: string | null,
  visitDate: string,
): { extraBp: number; minAge: number | null } {
  const age = ageOn(birthDate, visitDate);
  let best: { extraBp: number; minAge: number | null } = { extraBp: 0, minAge: null };
  if (age === null) return best;
  for (const band of policy.ageBands) {
    if (age >= band.minAge && (best.minAge === null || band.minAge > best.minAge))
      best = { extraBp: band.extraBp, minAge: band.minAge };
  }
  return best;
}

const percent = (bp: number) => `${bpText(bp)}%`;

export function computeLine(
  policy: CategoryPolicy,
  totals: YearTotals,
  line: LineToCompute,
  birthDate: string | null,
): LineComputation {
  const D = policy.deductibleFen;
  const C = policy.capFen;
  const E = totals.eligibleFen;
  const R = totals.reimbursedFen;
  const e = line.eligibleFen;
  const band = ageBandExtra(policy, birthDate, line.visitDate);
  const r = Math.min(10000, policy.ratioBp[line.kind] + band.extraBp);
  const counted = Math.max(0, e - Math.max(0, D - E));
  const full = divRoundHalfUp(counted * r, 10000);
  const pay = C === null ? full : Math.max(0, Math.min(full, C - R));
  const deductible = e - counted;

  const parts: string[] = [];
  if (D === 0) parts.push('不设起付线');
  else parts.push(`起付线 ${formatYuan(D)} 元，本次抵扣 ${formatYuan(deductible)} 元`);
  parts.push(
    `${line.kind} ${percent(r)}${band.minAge !== null && band.extraBp > 0 ? `（${band.minAge} 岁以上加 ${percent(band.extraBp)}）` : ''}`,
  );
  const capText = C === null ? '不设封顶' : `封顶 ${formatYuan(C)} 元`;
  const tail = pay < full ? '（已达封顶）' : '';
  parts.push(`本年度已报销 ${formatYuan(R)} 元，${capText}，本次报销 ${formatYuan(pay)} 元${tail}`);

  return {
    deductibleFen: deductible,
    countedFen: counted,
    ratioBp: r,
    extraBp: band.extraBp,
    payFen: pay,
    capped: pay < full,
    before: { eligibleFen: E, reimbursedFen: R },
    after: { eligibleFen: E + e, reimbursedFen: R + pay },
    explanation: `${parts[0]}；${parts[1]}；${parts[2]}`,
  };
}

/**
 * A claim's lines in their order, each under the policy of its visit date's year, on the
 * person's running totals per year (`totals`, updated in place: the claim's approval).
 */
export function computeClaimLines(
  lines: LineToCompute[],
  policyFor: (year: number) => CategoryPolicy,
  totals: Map<number, YearTotals>,
  birthDate: string | null,
): LineComputation[] {
  return lines.map((line) => {
    const year = Number(line.visitDate.slice(0, 4));
    const result = computeLine(
      policyFor(year),
      totals.get(year) ?? { eligibleFen: 0, reimbursedFen: 0 },
      line,
      birthDate,
    );
    totals.set(year, result.after);
    return result;
  });
}

/** A reversal: the negative of an approved line, undoing its E and R. */
export function reverseLine(totals: YearTotals, line: { eligibleFen: number; payFen: number }): YearTotals {
  return { eligibleFen: totals.eligibleFen - line.eligibleFen, reimbursedFen: totals.reimbursedFen - line.payFen };
}
