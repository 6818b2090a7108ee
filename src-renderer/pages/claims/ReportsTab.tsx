// 统计报表: the year's reimbursements by month, person category and kind; people near their cap.
import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import type { ClaimsReport } from '../../../src-main/api/contract';
import { call } from '../../api';
import { download } from '../../files';
import { navigate } from '../../route';
import { failed, THIS_YEAR, yuan } from './shared';

function Block({ title, head, rows }: { title: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">无</Text>
      ) : (
        <Table verticalSpacing="xs" fz="md">
          <Table.Thead>
            <Table.Tr>
              {head.map((h, i) => (
                <Table.Th key={h} ta={i === 0 ? undefined : 'right'}>
                  {h}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={i}>
                {r.map((c, k) => (
                  <Table.Td key={k} ta={k === 0 ? undefined : 'right'}>
                    {c}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export function ReportsTab() {
  const [year, setYear] = useState(THIS_YEAR);
  const [month, setMonth] = useState<number | null>(null);
  const [report, setReport] = useState<ClaimsReport | null>(null);
  useEffect(() => {
    call('claims.report', { year, month }).then(setReport, failed);
  }, [year, month]);
  const exportIt = async () => {
    try {
      const f = await call('claims.exportReport', { year });
      download(f.fileName, f.dataBase64);
    } catch (e) {
      failed(e);
    }
  };
  return (
    <Stack gap="md" mt="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>统计报表</Title>
        <Group align="flex-end">
          <NumberInput label="年度" w={120} min={1990} max={2100} value={year} onChange={(v) => setYear(Number(v) || THIS_YEAR)} />
          <Select
            label="月份"
            w={110}
            data={[{ value: '', label: '全年' }, ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: `${i + 1}月` }))]}
            value={month === null ? '' : String(month)}
            onChange={(v) => setMonth(v ? Number(v) : null)}
          />
          <Button variant="light" leftSection={<IconDownload size={18} />} onClick={exportIt}>
            导出 Excel
          </Button>
        </Group>
      </Group>
      {report && (
        <SimpleGrid cols={2}>
          <Block title="按月（批准月份）" head={['月份', '票据', '符合报销', '报销']} rows={report.byMonth.map((m) => [m.month, m.lines, yuan(m.eligibleFen), yuan(m.payFen)])} />
          <Block title={`按人员类别（${month === null ? `${year}年` : `${year}年${month}月`}批准）`} head={['人员类别', '人数', '报销']} rows={report.byCategory.map((c) => [c.category, c.people, yuan(c.payFen)])} />
          <Block title={`按费用类别（${month === null ? `${year}年` : `${year}年${month}月`}批准）`} head={['费用类别', '票据', '报销']} rows={report.byKind.map((k) => [k.kind, k.lines, yuan(k.payFen)])} />
          {month === null && (
            <Block
              title="接近封顶（已报销达封顶线 90% 以上）"
              head={['姓名', '已报销', '封顶线', '剩余']}
              rows={report.nearCap.map((n) => [
                <Text key="n" span c="blue.8" style={{ cursor: 'pointer' }} onClick={() => navigate('/claims/statement', { person: String(n.personId), year: String(year) })}>
                  {n.name}
                </Text>,
                yuan(n.reimbursedFen),
                yuan(n.capFen),
                yuan(n.leftFen),
              ])}
            />
          )}
        </SimpleGrid>
      )}
    </Stack>
  );
}
