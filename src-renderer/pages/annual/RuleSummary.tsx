// The year's rule in one paragraph, as the notice would say it.
import { Stack, Text } from '@mantine/core';
import type { AdjustmentRule } from '../../../src-main/shared/adjustment';
import { bpText } from '../../../src-main/shared/money';
import { yuan } from './shared';

export function RuleSummary({ rule }: { rule: AdjustmentRule }) {
  const parts = [
    `定额 ${yuan(rule.fixedFen)} 元`,
    `挂钩 每满一年缴费年限 ${yuan(rule.perYearFen)} 元、本人基本养老金的 ${bpText(rule.percentBp)}%`,
    rule.ageBands.length || rule.ageStep
      ? `倾斜 ${[...rule.ageBands.map((b) => `年满 ${b.fromAge} 周岁 ${yuan(b.fen)} 元`), rule.ageStep ? `${rule.ageStep.fromAge} 周岁后每增一岁 ${yuan(rule.ageStep.fenPerYear)} 元` : ''].filter(Boolean).join('，')}`
      : '无倾斜调整',
    `艰苦边远地区 ${yuan(rule.remoteFen)} 元`,
  ];
  return (
    <Stack gap={4}>
      <Text>{parts.join('；')}。</Text>
      <Text c="dimmed">
        自 {rule.effectiveFrom} 起执行；{rule.retiredBy} 前已退休的{rule.categories.join('、')}人员；年龄计算至{' '}
        {rule.ageOn}。{rule.note ?? ''}
      </Text>
    </Stack>
  );
}
