// The reimbursement rule, line by line. Every figure below is worked by hand in its comment.
import { describe, expect, test } from 'vitest';
import {
  computeClaimLines,
  computeLine,
  divRoundHalfUp,
  reverseLine,
  type YearTotals,
} from '../src-main/claims/compute';
import { DEFAULT_LIXIU, type CategoryPolicy } from '../src-main/shared/claimPolicy';

// 退休 2025: 起付线 800.00, 封顶 10,000.00; 门诊 70 %, 住院 85 %, 特殊病种 90 %, 药店 60 %; +10 points at 80.
const TUIXIU: CategoryPolicy = {
  deductibleFen: 80000,
  capFen: 1000000,
  ratioBp: { 门诊: 7000, 住院: 8500, 特殊病种: 9000, 药店: 6000 },
  ageBands: [{ minAge: 80, extraBp: 1000 }],
};
const BORN_1960 = '1960-05-01'; // 64 or 65 in 2025: no age band
const totals = (eligibleFen: number, reimbursedFen: number): YearTotals => ({ eligibleFen, reimbursedFen });

describe('one line', () => {
  test('crossing the deductible: only the part above it counts', () => {
    // E = 500.00 so 300.00 of the deductible is left; e = 600.00 住院:
    // counted = 600.00 - 300.00 = 300.00; pay = 300.00 × 85 % = 255.00.
    const c = computeLine(
      TUIXIU,
      totals(50000, 0),
      { visitDate: '2025-04-01', kind: '住院', eligibleFen: 60000 },
      BORN_1960,
    );
    expect(c).toMatchObject({
      deductibleFen: 30000,
      countedFen: 30000,
      ratioBp: 8500,
      payFen: 25500,
      capped: false,
      after: totals(110000, 25500),
    });
    expect(c.explanation).toBe(
      '起付线 800.00 元，本次抵扣 300.00 元；住院 85%；本年度已报销 0.00 元，封顶 10,000.00 元，本次报销 255.00 元',
    );
  });

  test('crossing the cap: what is left under it, said so', () => {
    // R = 9,200.00, deductible long used; e = 2,000.00 住院 → 1,700.00, but only 10,000 - 9,200 = 800.00 is left.
    const c = computeLine(
      TUIXIU,
      totals(2000000, 920000),
      { visitDate: '2025-09-01', kind: '住院', eligibleFen: 200000 },
      BORN_1960,
    );
    expect(c).toMatchObject({ countedFen: 200000, payFen: 80000, capped: true, after: totals(2200000, 1000000) });
    expect(c.explanation).toBe(
      '起付线 800.00 元，本次抵扣 0.00 元；住院 85%；本年度已报销 9,200.00 元，封顶 10,000.00 元，本次报销 800.00 元（已达封顶）',
    );
  });

  test('after the cap: nothing, and the eligible amount still counts in E', () => {
    // R = 10,000.00 = C: C - R = 0.
    const c = computeLine(
      TUIXIU,
      totals(3000000, 1000000),
      { visitDate: '2025-11-01', kind: '门诊', eligibleFen: 12345 },
      BORN_1960,
    );
    expect(c).toMatchObject({ payFen: 0, capped: true, after: totals(3012345, 1000000) });
  });

  test('a ledger whose history already passed the cap pays 0, not a negative amount', () => {
    // R = 11,403.37 > C: C - R < 0.
    expect(
      computeLine(
        TUIXIU,
        totals(3000000, 1140337),
        { visitDate: '2025-12-01', kind: '住院', eligibleFen: 10000 },
        BORN_1960,
      ).payFen,
    ).toBe(0);
  });

  test('离休 by default: no deductible, 100 %, no cap', () => {
    // e = 25,000.00 with 100,000.00 already reimbursed this year: all of it.
    const c = computeLine(
      DEFAULT_LIXIU,
      totals(10000000, 10000000),
      { visitDate: '2025-02-01', kind: '住院', eligibleFen: 2500000 },
      '1930-01-01',
    );
    expect(c.payFen).toBe(2500000);
    expect(c.explanation).toBe('不设起付线；住院 100%；本年度已报销 100,000.00 元，不设封顶，本次报销 25,000.00 元');
  });

  test('the age band switches on the 80th birthday, not the day after', () => {
    // Born 1945-03-15. On 2025-03-14 aged 79: 住院 85 % of 100.00 = 85.00; on 2025-03-15 aged 80: 95 % = 95.00.
    const line = (visitDate: string) =>
      computeLine(TUIXIU, totals(80000, 0), { visitDate, kind: '住院', eligibleFen: 10000 }, '1945-03-15');
    expect(line('2025-03-14')).toMatchObject({ ratioBp: 8500, extraBp: 0, payFen: 8500 });
    expect(line('2025-03-15')).toMatchObject({ ratioBp: 9500, extraBp: 1000, payFen: 9500 });
    expect(line('2025-03-15').explanation).toContain('住院 95%（80 岁以上加 10%）');
  });

  test('half a fen rounds up, less than half rounds down', () => {
    // counted 0.01 × 50 % = 0.005 → 0.01; 0.03 × 85 % = 0.0255 → 0.03; 0.01 × 49.99 % = 0.004999 → 0.00.
    expect(divRoundHalfUp(1 * 5000, 10000)).toBe(1);
    expect(divRoundHalfUp(3 * 8500, 10000)).toBe(3);
    expect(divRoundHalfUp(1 * 4999, 10000)).toBe(0);
    // Through the rule: deductible used, 药店 60 % of 0.05 = 0.03 exactly; of 0.07 = 0.042 → 0.04; 门诊 70 % of 0.05 = 0.035 → 0.04.
    const pay = (kind: '药店' | '门诊', e: number) =>
      computeLine(TUIXIU, totals(80000, 0), { visitDate: '2025-01-02', kind, eligibleFen: e }, BORN_1960).payFen;
    expect([pay('药店', 5), pay('药店', 7), pay('门诊', 5)]).toEqual([3, 4, 4]);
  });
});

describe('a claim', () => {
  test('with lines of two years: each year has its own deductible and totals', () => {
    // 2024-12-20 门诊 1,000.00 under 2024 (起付线 1,000.00, 门诊 50 %): all deductible, pays 0.
    // 2025-01-05 门诊 1,000.00 under 2025 (起付线 800.00, 门诊 70 %): counted 200.00 → 140.00.
    const y2024: CategoryPolicy = { ...TUIXIU, deductibleFen: 100000, ratioBp: { ...TUIXIU.ratioBp, 门诊: 5000 } };
    const running = new Map<number, YearTotals>();
    const lines = computeClaimLines(
      [
        { visitDate: '2024-12-20', kind: '门诊', eligibleFen: 100000 },
        { visitDate: '2025-01-05', kind: '门诊', eligibleFen: 100000 },
      ],
      (year) => (year === 2024 ? y2024 : TUIXIU),
      running,
      BORN_1960,
    );
    expect(lines.map((l) => l.payFen)).toEqual([0, 14000]);
    expect(running.get(2024)).toEqual(totals(100000, 0));
    expect(running.get(2025)).toEqual(totals(100000, 14000));
  });

  test('a reversal undoes the original line, and the corrected claim is computed afresh', () => {
    // Original: 住院 1,000.00 at E = 0: counted 200.00 → 170.00. Reversed: back to E = 0, R = 0.
    // Corrected: 住院 900.00: counted 100.00 → 85.00.
    const running = new Map<number, YearTotals>();
    const [original] = computeClaimLines(
      [{ visitDate: '2025-05-01', kind: '住院', eligibleFen: 100000 }],
      () => TUIXIU,
      running,
      BORN_1960,
    );
    expect(original.payFen).toBe(17000);
    running.set(2025, reverseLine(running.get(2025)!, { eligibleFen: 100000, payFen: original.payFen }));
    expect(running.get(2025)).toEqual(totals(0, 0));
    const [corrected] = computeClaimLines(
      [{ visitDate: '2025-05-01', kind: '住院', eligibleFen: 90000 }],
      () => TUIXIU,
      running,
      BORN_1960,
    );
    expect(corrected.payFen).toBe(8500);
  });
});
