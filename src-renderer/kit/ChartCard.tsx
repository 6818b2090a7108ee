// A chart on a card: a bar chart drawn from its table (ChartTable, the same rows its export and its
// print carry: the bar is each row's first value), each bar opening what it counts, and the
// table's 导出表格 and 打印 when the page gives them. The statistics page draws every chart through
// it; the home page's small charts may too (no actions, a lower height).
import { BarChart } from '@mantine/charts';
import { Button, Card, Group, Text, Title } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import type { ChartTable } from '../../src-main/contract/statistics';
import { formatYuan } from '../../src-main/shared/money';

export interface ChartCardProps {
  table: ChartTable;
  /** A bar clicked, by its row's key (离休, 2025-03). */
  onBar?: (key: string) => void;
  /** The table as .xlsx; absent when the user may not export. */
  onExport?: () => void;
  exporting?: boolean;
  onPrint?: () => void;
  /** Bars lying down, their labels one under another: for long or many labels. */
  horizontal?: boolean;
  /** At most this many bars (the table, exported and printed, keeps every row). */
  maxBars?: number;
  h?: number;
}

type Bar = Record<string, string | number> & { key: string };

export function ChartCard({
  table,
  onBar,
  onExport,
  exporting,
  onPrint,
  horizontal,
  maxBars,
  h = 220,
}: ChartCardProps) {
  const column = table.columns[0];
  const money = column.kind === 'money';
  // The series is named by its column, money drawn in yuan (the table keeps fen).
  const series = money ? `${column.label}（元）` : column.label;
  const data: Bar[] = table.rows
    .slice(0, maxBars)
    .map((r) => ({ key: r.key, [series]: money ? r.values[0] / 100 : r.values[0] }));
  return (
    <Card withBorder padding="md" aria-label={table.title}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <Title order={4}>{table.title}</Title>
        {(onExport || onPrint) && (
          <Group gap={4} wrap="nowrap">
            {onExport && (
              <Button
                size="compact-sm"
                variant="subtle"
                leftSection={<IconDownload size={16} />}
                loading={exporting}
                onClick={onExport}
              >
                导出表格
              </Button>
            )}
            {onPrint && (
              <Button size="compact-sm" variant="subtle" leftSection={<IconPrinter size={16} />} onClick={onPrint}>
                打印
              </Button>
            )}
          </Group>
        )}
      </Group>
      <BarChart
        h={h}
        data={data}
        dataKey="key"
        series={[{ name: series, color: 'blue.6' }]}
        withBarValueLabel
        valueFormatter={money ? (v) => formatYuan(Math.round(v * 100)) : undefined}
        {...(horizontal
          ? { orientation: 'vertical' as const, yAxisProps: { width: 96, interval: 0 }, tickLine: 'x' as const }
          : { xAxisProps: { interval: 0 }, tickLine: 'y' as const })}
        barProps={
          onBar
            ? { cursor: 'pointer', onClick: (d: { payload?: Bar }) => d.payload && onBar(d.payload.key) }
            : undefined
        }
      />
      <Text size="sm" c="dimmed">
        {table.period}
        {onBar ? '　点击柱形查看名单' : ''}
      </Text>
    </Card>
  );
}
