// 走访慰问: the festival batches, each with its people and the gift sign-off sheet to print.
import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { VisitBatchView } from '../../src-main/api/contract';
import { formatYuan } from '../../src-main/shared/money';
import { call } from '../api';
import { navigate } from '../route';

export const giftText = (b: { moneyFen: number; items: string | null }) =>
  [b.moneyFen ? `慰问金 ${formatYuan(b.moneyFen)} 元` : '', b.items ?? ''].filter(Boolean).join('，') || '—';

export function VisitsPage({ id }: { id: number | null }) {
  const [batches, setBatches] = useState<Omit<VisitBatchView, 'rows'>[]>([]);
  const [batch, setBatch] = useState<VisitBatchView | null>(null);
  useEffect(() => {
    if (id === null) call('visits.batches', {}).then(setBatches);
    else call('visits.batch', { id }).then(setBatch);
  }, [id]);

  if (id !== null) {
    if (!batch) return null;
    return (
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2}>慰问批次：{batch.name}</Title>
          <Group>
            <Button variant="light" leftSection={<IconPrinter size={18} />} onClick={() => navigate('/print/letters', { kind: 'festival', batch: String(batch.id), gift: giftText(batch) })}>
              打印慰问信
            </Button>
            <Button variant="light" leftSection={<IconPrinter size={18} />} onClick={() => navigate('/print/envelopes', { batch: String(batch.id), size: 'DL' })}>
              打印信封
            </Button>
            <Button variant="light" leftSection={<IconPrinter size={18} />} onClick={() => navigate('/print/envelopes', { batch: String(batch.id), sheet: '2x7' })}>
              打印地址标签
            </Button>
            <Button variant="light" leftSection={<IconPrinter size={18} />} onClick={() => navigate(`/print/visit-batch/${batch.id}`)}>
              打印慰问品签领表
            </Button>
          </Group>
        </Group>
        <Text>
          {batch.kind}，{batch.date}，{giftText(batch)}，共 {batch.rows.length} 人{batch.visitors ? `；走访人：${batch.visitors}` : ''}
        </Text>
        <Table withTableBorder verticalSpacing="xs" fz="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>序号</Table.Th>
              <Table.Th>姓名</Table.Th>
              <Table.Th>地址</Table.Th>
              <Table.Th>电话</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {batch.rows.map((r, i) => (
              <Table.Tr key={r.visitId} style={{ cursor: 'pointer' }} onClick={() => navigate(`/people/${r.personId}`)}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>{r.address ?? <Text c="red.8">缺少地址</Text>}</Table.Td>
                <Table.Td>{r.phone}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Title order={2}>走访慰问</Title>
      <Text c="dimmed">在“人员档案”中按条件筛选（如在册、80 岁以上，或某个小组），点“建立慰问批次”即可为其中每人各记一次慰问。单人的走访记录在其档案的“走访慰问”页。</Text>
      {batches.length === 0 ? (
        <Text c="dimmed">还没有慰问批次。</Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing="sm" fz="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>批次</Table.Th>
              <Table.Th>类别</Table.Th>
              <Table.Th>日期</Table.Th>
              <Table.Th>慰问品</Table.Th>
              <Table.Th>建立</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {batches.map((b) => (
              <Table.Tr key={b.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/visits/${b.id}`)}>
                <Table.Td>{b.name}</Table.Td>
                <Table.Td>{b.kind}</Table.Td>
                <Table.Td>{b.date}</Table.Td>
                <Table.Td>{giftText(b)}</Table.Td>
                <Table.Td>
                  {b.createdAt.slice(0, 10)} {b.createdBy}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
