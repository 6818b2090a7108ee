// The worked-example rule the adjustment tests and the bench share.
import { AdjustmentRule } from '../src-main/shared/adjustment';

/** 2026: 定额 50 元; 挂钩 每年 2 元 + 1%; 倾斜 70/75/80 周岁 25/35/45 元, 80 岁后每岁再加 1 元; 艰苦边远 20 元. */
export const RULE_2026 = AdjustmentRule.parse({
  year: 2026,
  effectiveFrom: '2026-01-01',
  retiredBy: '2025-12-31',
  ageOn: '2026-12-31',
  categories: ['退休', '退职'],
  fixedFen: 5000,
  perYearFen: 200,
  percentBp: 100,
  ageBands: [
    { fromAge: 70, fen: 2500 },
    { fromAge: 75, fen: 3500 },
    { fromAge: 80, fen: 4500 },
  ],
  ageStep: { fromAge: 80, fenPerYear: 100 },
  remoteFen: 2000,
});
