// The 党费 rule (shared/partyDues.ts): 0.5 % up to 5,000.00 元, 1 % of the whole base above, half up
// to the fen in integers; 0.20 元 on 低保; a branch's decision over both.
import { describe, expect, test } from 'vitest';
import { duesByRate, monthlyDues, monthsAhead, paymentKind, type DuesReduction } from '../src-main/shared/partyDues';
import { parseYuan } from '../src-main/shared/money';

const dues = (base: string, dibao = false, reductions: DuesReduction[] = [], month = '2026-05') =>
  monthlyDues(month, { baseFen: parseYuan(base), dibao }, reductions);

describe('the monthly dues of a retired member', () => {
  test('at the threshold: 4,999.99 → 25.00 (0.5 %), 5,000.00 → 25.00 (0.5 %), 5,000.01 → 50.00 (1 % of the whole base)', () => {
    expect(dues('4,999.99')).toEqual({ dueFen: 2500, basis: '0.5%', rateBp: 50 });
    expect(dues('5,000.00')).toEqual({ dueFen: 2500, basis: '0.5%', rateBp: 50 });
    expect(dues('5,000.01')).toEqual({ dueFen: 5000, basis: '1%', rateBp: 100 });
  });

  test('rounded half up to the fen, in integers', () => {
    // 3,456.70 × 0.5 % = 17.2835 → 17.28; 3,457.00 × 0.5 % = 17.285 → 17.29; 6,789.50 × 1 % = 67.895 → 67.90.
    expect(duesByRate(345670)).toBe(1728);
    expect(duesByRate(345700)).toBe(1729);
    expect(duesByRate(678950)).toBe(6790);
    expect(duesByRate(0)).toBe(0);
  });

  test('a member on 低保 pays 0.20 元 a month, whatever the base; without a base there is nothing to go on', () => {
    expect(dues('6,000.00', true)).toEqual({ dueFen: 20, basis: '低保', rateBp: null });
    expect(monthlyDues('2026-05', { baseFen: null, dibao: true }, [])?.dueFen).toBe(20);
    expect(monthlyDues('2026-05', { baseFen: null, dibao: false }, [])).toBeNull();
  });

  test("a branch's reduction or exemption applies to its months only", () => {
    const decided: DuesReduction[] = [
      { kind: '减交', amountFen: 1000, fromMonth: '2026-03', toMonth: '2026-06' },
      { kind: '免交', amountFen: null, fromMonth: '2026-07', toMonth: '2026-12' },
    ];
    expect(dues('6,000.00', false, decided, '2026-02')?.dueFen).toBe(6000);
    expect(dues('6,000.00', false, decided, '2026-03')).toEqual({ dueFen: 1000, basis: '减交', rateBp: null });
    expect(dues('6,000.00', false, decided, '2026-06')?.dueFen).toBe(1000);
    expect(dues('6,000.00', true, decided, '2026-07')).toEqual({ dueFen: 0, basis: '免交', rateBp: null });
  });

  test('a month paid in its month, ahead or late', () => {
    expect(paymentKind('2026-03', '2026-03-31')).toBe('当月');
    expect(paymentKind('2026-09', '2026-03-10')).toBe('预交');
    expect(paymentKind('2025-12', '2026-03-10')).toBe('补交');
    expect(monthsAhead('2026-09', '2026-03-10')).toBe(6);
    expect(monthsAhead('2027-01', '2026-12-01')).toBe(1);
    expect(monthsAhead('2026-01', '2026-03-01')).toBe(0);
  });
});
