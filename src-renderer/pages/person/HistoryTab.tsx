import { Badge, Loader, Stack, Table, Text, Timeline } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { HistoryItem } from '../../../src-main/api/contract';
import { call } from '../../api';

/** Every audited change to the file: who, when, what it was, what it became. */
export function HistoryTab({ personId, version }: { personId: number; version: number }) {
  const [items, setItems] = useState<HistoryItem[] | null>(null);
  useEffect(() => {
    call('retirees.history', { id: personId }).then(setItems);
  }, [personId, version]);
  if (!items) return <Loader />;
  return (
    <Timeline bulletSize={14} lineWidth={2}>
      {items.map((h) => (
        <Timeline.Item
          key={h.id}
          title={
            <>
              {h.what}
              <Badge ml="sm" variant="light" color="gray">
                {h.operator}
              </Badge>
            </>
          }
        >
          <Text size="sm" c="dimmed">
            {h.at.replace('T', ' ')}
            {h.reason ? `　原因：${h.reason}` : ''}
          </Text>
          {h.changes.length > 0 && (
            <Table withTableBorder mt={6} fz="sm" maw={900}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={140}>项目</Table.Th>
                  <Table.Th>修改前</Table.Th>
                  <Table.Th>修改后</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {h.changes.map((c) => (
                  <Table.Tr key={c.field}>
                    <Table.Td>{c.label}</Table.Td>
                    <Table.Td c="dimmed">{c.before}</Table.Td>
                    <Table.Td fw={500}>{c.after}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Timeline.Item>
      ))}
      {items.length === 0 && (
        <Stack>
          <Text c="dimmed">暂无记录。</Text>
        </Stack>
      )}
    </Timeline>
  );
}
