// Every audited change to the file: who, when, what it was, what it became. Read again after each
// save of the file (the save marks it stale).
import { Badge, Loader, Table, Text, Timeline } from '@mantine/core';
import { useRpc } from '../../kit/rpc';

export function HistoryTab({ personId }: { personId: number }) {
  const { data: items } = useRpc('retirees.history', { id: personId });
  if (!items) return <Loader />;
  if (items.length === 0) return <Text c="dimmed">暂无记录。</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2}>
      {items.map((h) => (
        <Timeline.Item
          key={h.id}
          title={
            <>
              {h.what}
              <Badge ml="sm" size="lg" variant="light" color="gray">
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
            // A record's before and after, field by field: a small comparison, not a list to work through.
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
    </Timeline>
  );
}
