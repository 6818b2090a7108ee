// 年度工作: the two tasks that come every year for everyone. The pension adjustment check (调资核对):
// the year's rule, the agency's list imported and matched, the differences with both figures, each
// person checked off, notices printed, differences exported. The eligibility certification
// (资格认证): who is due this year and who is overdue. Beside them the office's own work: the yearly
// work plan (工作计划) and the document register (文件登记). The year and the tab are in the
// address, so leaving a rule half filled in asks first, and a link can name the year.
import { Group, NumberInput, Stack, Tabs, Title } from '@mantine/core';
import { navigate } from '../../route';
import { AdjustmentCheck } from './AdjustmentCheck';
import { Certification } from './Certification';
import { DocumentRegister } from './DocumentRegister';
import { WorkPlan } from './WorkPlan';

const MIN_YEAR = 2000;
const MAX_YEAR = 2200;
const TABS = ['adjust', 'certify', 'plan', 'docs'] as const;

export function AnnualPage({ tab, params }: { tab: string | undefined; params: URLSearchParams }) {
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= MIN_YEAR && asked <= MAX_YEAR ? asked : new Date().getFullYear();
  const current = TABS.find((t) => t === tab) ?? 'adjust';
  const go = (t: string, y: number) => navigate(`/annual/${t}`, { year: String(y) });
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>年度工作</Title>
        <NumberInput
          aria-label="年度"
          w={140}
          min={MIN_YEAR}
          max={MAX_YEAR}
          defaultValue={year}
          suffix=" 年"
          onChange={(v) => typeof v === 'number' && v >= MIN_YEAR && v <= MAX_YEAR && v !== year && go(current, v)}
        />
      </Group>
      <Tabs value={current} onChange={(t) => t && go(t, year)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="adjust">调资核对</Tabs.Tab>
          <Tabs.Tab value="certify">资格认证</Tabs.Tab>
          <Tabs.Tab value="plan">工作计划</Tabs.Tab>
          <Tabs.Tab value="docs">文件登记</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="adjust" pt="md">
          <AdjustmentCheck key={year} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="certify" pt="md">
          <Certification key={year} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="plan" pt="md">
          <WorkPlan key={year} year={year} params={params} />
        </Tabs.Panel>
        <Tabs.Panel value="docs" pt="md">
          <DocumentRegister key={year} year={year} params={params} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
