// The death benefits' arithmetic (shared/deathBenefits): the published worked cases to the fen, and
// the rule's boundaries.
import { describe, expect, test } from 'vitest';
import {
  type BenefitInputs,
  benefitMonthsTwelfths,
  computeDeathBenefits,
  filingDeadline,
  maxMonthsTwelfths,
  monthsBetween,
} from '../src-main/shared/deathBenefits';

const B = 2_818_50;
const standard = (contributionMonths: number, pensionMonths: number | null): BenefitInputs => ({
  rule: { kind: 'standard2021', basis: '人社部发〔2021〕18号' },
  baseFen: B,
  nationalIncomeFen: null,
  contributionMonths,
  pensionMonths,
  monthlyPensionFen: null,
});
const ym = (y: number, m = 0) => y * 12 + m;

describe('人社部发〔2021〕18号: the worked cases, B = 2,818.50', () => {
  test('28 y 9 m of contributions, 3 y 6 m of pension: M 19.25, 54,256.13 + 5,637.00 = 59,893.13', () => {
    const r = computeDeathBenefits(standard(ym(28, 9), ym(3, 6)));
    expect(r).toEqual({
      ok: true,
      funeralFen: 5_637_00,
      reliefFen: 54_256_13,
      totalFen: 59_893_13,
      monthsTwelfths: 231,
      lines: [
        '缴费年限 28 年 9 个月，计发月数上限 = 9 + (28.75 − 15) = 22.75',
        '领取养老金 3 年 6 个月，计发月数 M = 22.75 − 3.5 = 19.25',
        '丧葬补助金 = 2 × 2,818.50 = 5,637.00 元',
        '抚恤金 = 2,818.50 × 19.25 = 54,256.13 元',
        '合计 = 5,637.00 + 54,256.13 = 59,893.13 元',
      ],
    });
  });

  test('the same after 15 y 6 m of pension: M is held at 9, 抚恤金 25,366.50', () => {
    const r = computeDeathBenefits(standard(ym(28, 9), ym(15, 6)));
    expect(r.ok && [r.monthsTwelfths, r.reliefFen, r.funeralFen]).toEqual([108, 25_366_50, 5_637_00]);
    expect(r.ok && r.lines[1]).toBe(
      '领取养老金 15 年 6 个月，计发月数 M = 22.75 − 15.5 = 7.25，不足 9 个月按 9 个月计，M = 9',
    );
  });

  test('a worker in service with 21 y 3 m: M 15.25, 抚恤金 42,982.13 (half a fen rounded up)', () => {
    const r = computeDeathBenefits(standard(ym(21, 3), null));
    expect(r.ok && [r.monthsTwelfths, r.reliefFen]).toEqual([183, 42_982_13]);
    expect(r.ok && r.lines[1]).toBe('在职死亡，计发月数 M = 15.25');
  });
});

describe('M_max at the boundaries of Y', () => {
  test.each([
    [ym(4, 11), 3],
    [ym(5), 6],
    [ym(9, 11), 6],
    [ym(10), 9],
    [ym(15), 9],
    [ym(15, 1), 9 + 1 / 12],
    [ym(16), 10],
    [ym(30), 24],
    [ym(30, 1), 24],
    [ym(42), 24],
  ])('%i months of contribution → M_max %d', (months, m) => {
    expect(maxMonthsTwelfths(months)).toBe(Math.round(m * 12));
  });

  test('a worker in service keeps a small M_max; a retiree is never below 9', () => {
    expect(benefitMonthsTwelfths(ym(4), null)).toBe(36);
    expect(benefitMonthsTwelfths(ym(4), 0)).toBe(108);
    expect(benefitMonthsTwelfths(ym(30), ym(15))).toBe(108);
    expect(benefitMonthsTwelfths(ym(30), ym(14, 11))).toBe(109);
  });

  test('a part month of M is written as a fraction, and rounded half up to the fen', () => {
    // 15 y 1 m: M = 9又1/12; 2,818.50 × 109 / 12 = 25,601.375 → 25,601.38
    const r = computeDeathBenefits(standard(ym(15, 1), null));
    expect(r.ok && r.reliefFen).toBe(25_601_38);
    expect(r.ok && r.lines[3]).toBe('抚恤金 = 2,818.50 × 9又1/12 = 25,601.38 元');
  });

  test('contributions above 30 years count as 30, and the formula says so', () => {
    const r = computeDeathBenefits(standard(ym(35), ym(2)));
    expect(r.ok && r.lines[0]).toBe('缴费年限 35 年（超过 30 年按 30 年计），计发月数上限 = 9 + (30 − 15) = 24');
    expect(r.ok && r.monthsTwelfths).toBe(ym(22));
  });
});

describe('the other rules as parameters', () => {
  const pension = (over: Partial<Extract<BenefitInputs['rule'], { kind: 'pension' }>>): BenefitInputs['rule'] => ({
    kind: 'pension',
    basis: null,
    incomeTimes: 0,
    reliefMonths: 0,
    reliefFixedFen: 0,
    funeralMonths: 0,
    funeralFixedFen: 0,
    ...over,
  });
  test('机关 (民发〔2011〕192号): 2 × the national income + 40 months of pension, and the local 丧葬费', () => {
    const r = computeDeathBenefits({
      rule: pension({ incomeTimes: 2, reliefMonths: 40, funeralFixedFen: 6_000_00 }),
      baseFen: null,
      nationalIncomeFen: 51_821_00,
      contributionMonths: null,
      pensionMonths: ym(10),
      monthlyPensionFen: 6_123_45,
    });
    expect(r).toMatchObject({ ok: true, reliefFen: 2 * 51_821_00 + 40 * 6_123_45, funeralFen: 6_000_00 });
    expect(r.ok && r.lines).toContain('抚恤金 = 2 × 51,821.00 + 40 × 6,123.45 = 348,580.00 元');
  });
  test('without the national income or the pension, it says which is missing', () => {
    const r = computeDeathBenefits({
      rule: pension({ incomeTimes: 2, reliefMonths: 40 }),
      baseFen: null,
      nationalIncomeFen: null,
      contributionMonths: null,
      pensionMonths: 0,
      monthlyPensionFen: null,
    });
    expect(r).toEqual({ ok: false, missing: ['全国上年度城镇居民人均可支配收入', '本人生前月基本养老金'] });
  });
  test('the 2021 rule without B or contribution years says which is missing', () => {
    expect(computeDeathBenefits({ ...standard(0, 0), baseFen: null, contributionMonths: null })).toEqual({
      ok: false,
      missing: ['计发基数 B（省上年度城镇居民月人均可支配收入）', '缴费年限'],
    });
  });
});

test('months of pension are counted by calendar month; the filing window closes three months after the death', () => {
  expect(monthsBetween('2018-03-15', '2021-09-02')).toBe(42);
  expect(monthsBetween('2018-03', '2021-09-30')).toBe(42);
  expect(filingDeadline('2026-11-30')).toBe('2027-02-28');
  expect(filingDeadline('2026-03-15')).toBe('2026-06-15');
});
