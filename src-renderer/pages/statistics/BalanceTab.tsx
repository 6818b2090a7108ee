// 两年数字变化: the year's balance as the upward tables have it — 上年12月底总数, 本年度内办理手续,
// 本年度内去世, 本年12月底应有, 实有, 实有数与应有数之差 — and, under a non-zero 差, the people behind it
// with the change that caused it, for the 说明.
import { Alert, Group, List, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useRpc } from '../../kit/rpc';
import { navigate } from '../../route';

const COLUMNS = [
  ['lastYearEnd', '上年12月底总数'],
  ['newThisYear', '本年度内办理手续'],
  ['diedThisYear', '本年度内去世'],
  ['expected', '本年12月底应有'],
  ['actual', '本年12月底实有'],
  ['difference', '实有数与应有数之差'],
] as const;

/** The year in the address (#/statistics/balance?year=2025), default last year. */
export function BalanceTab({ params }: { params: URLSearchParams }) {
  const year = Number(params.get('year') ?? new Date().getFullYear() - 1);
  const valid = Number.isInteger(year) && year >= 1949 && year <= 2200;
  const balance = useRpc('statistics.balance', valid ? { year } : null);
  const b = balance.data;
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <NumberInput
          label="年度"
          value={year}
          onChange={(v) => navigate('/statistics/balance', { year: String(v) })}
          min={1949}
          max={2200}
          w={140}
          allowDecimal={false}
        />
        <Text c="dimmed" pb={6}>
          应有 = 上年末 + 本年新办 − 本年去世；差 = 实有 − 应有
        </Text>
      </Group>
      {balance.error && <Alert color="red">{balance.error.message}</Alert>}
      {b && (
        <Table withTableBorder withColumnBorders striped fz="md" aria-label="两年数字变化">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>类别</Table.Th>
              {COLUMNS.map(([, label]) => (
                <Table.Th key={label} ta="right">
                  {label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {b.rows.map((r) => (
              <Table.Tr key={r.category} fw={r.category === '合计' ? 700 : undefined}>
                <Table.Td>{r.category}</Table.Td>
                {COLUMNS.map(([key]) => (
                  <Table.Td key={key} ta="right" c={key === 'difference' && r.difference !== 0 ? 'red' : undefined}>
                    {r[key]}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {b && b.people.length > 0 && (
        <Stack gap="xs">
          <Title order={4}>差数涉及的人员（可写入说明）</Title>
          <List spacing="xs">
            {b.people.map((p) => (
              <List.Item key={p.personId}>
                <Text
                  span
                  fw={600}
                  td="underline"
                  style={{ cursor: 'pointer' }}
                  onClick={() => navigate(`/people/${p.personId}`)}
                >
                  {p.name}
                </Text>
                ：{p.changes.join('；')}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {b && b.people.length === 0 && <Text>本年实有数与应有数一致。</Text>}
      {b && b.corrections.length > 0 && (
        <Alert color="blue" title={`${b.year}年更正的档案`}>
          以下更正改变了以前年度的数字，上年末数已按更正后的档案计算，可能与去年上报数不同：
          <List mt="xs">
            {b.corrections.map((c, i) => (
              <List.Item key={i}>
                {c.name}：{c.change}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
