// 统计: the roll as of a date in charts whose bars open their people, the year's balance for the
// tables sent upward, and the changes still to check (issue 19).
import { Stack, Tabs, Title } from '@mantine/core';
import { navigate } from '../../route';
import { BalanceTab } from './BalanceTab';
import { ChangesTab } from './ChangesTab';
import { ChartsTab } from './ChartsTab';
import { ReportsTab } from './ReportsTab';

const TABS = { charts: '统计图表', balance: '两年数字变化', reports: '上报报表', changes: '待核实的变化' } as const;
type Tab = keyof typeof TABS;

export function StatisticsPage({ tab, params }: { tab?: string; params: URLSearchParams }) {
  const current: Tab = tab && tab in TABS ? (tab as Tab) : 'charts';
  return (
    <Stack gap="md">
      <Title order={2}>统计</Title>
      <Tabs value={current} onChange={(t) => navigate(t === 'charts' ? '/statistics' : `/statistics/${t}`)}>
        <Tabs.List>
          {Object.entries(TABS).map(([value, label]) => (
            <Tabs.Tab key={value} value={value} fz="md">
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="charts" pt="md">
          {current === 'charts' && <ChartsTab params={params} />}
        </Tabs.Panel>
        <Tabs.Panel value="balance" pt="md">
          {current === 'balance' && <BalanceTab params={params} />}
        </Tabs.Panel>
        <Tabs.Panel value="reports" pt="md">
          {current === 'reports' && <ReportsTab params={params} />}
        </Tabs.Panel>
        <Tabs.Panel value="changes" pt="md">
          {current === 'changes' && <ChangesTab />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
