// A person's visits and care actions, newest first, with the follow-ups still to do.
import { Badge, Button, Group, Text } from '@mantine/core';
import type { Visit } from '../../../../src-main/contract/visits';
import { todayIso } from '../../../../src-main/shared/dates';
import { formatYuan } from '../../../../src-main/shared/money';
import { DataTable } from '../../../kit/DataTable';
import { Can } from '../../../kit/operator';
import { useRpc, useRpcMutation } from '../../../kit/rpc';

const gifts = (v: Visit) =>
  [v.moneyFen ? `${formatYuan(v.moneyFen)} 元` : '', v.items ?? ''].filter(Boolean).join('，') || '—';

export function VisitsSection({ personId }: { personId: number }) {
  const visits = useRpc('visits.list', { personId });
  // A follow-up done leaves the home page's reminders too.
  const followUpDone = useRpcMutation('visits.followUpDone', { invalidates: ['visits.list', 'reminders.get'] });
  if (visits.data?.length === 0) return <Text c="dimmed">还没有走访慰问记录。</Text>;
  return (
    <DataTable<Visit>
      records={visits.data ?? []}
      fetching={visits.isPending}
      minHeight={visits.isPending ? 120 : undefined}
      rowLabel={(v) => `${v.date} ${v.kind}`}
      columns={[
        { accessor: 'date', title: '日期', width: 120 },
        { accessor: 'kind', title: '类别', width: 130 },
        { accessor: 'visitors', title: '走访人' },
        { accessor: 'moneyFen', title: '慰问金、物品', render: gifts },
        { accessor: 'note', title: '情况' },
        {
          accessor: 'followUpOn',
          title: '回访',
          render: (v) =>
            v.followUpOn &&
            (v.followUpDoneAt ? (
              <Text size="sm">已回访（{v.followUpDoneAt.slice(0, 10)}）</Text>
            ) : (
              <Group gap="xs" wrap="nowrap">
                <Badge size="lg" color={v.followUpOn < todayIso() ? 'red' : 'blue'} variant="light">
                  {v.followUpOn}
                </Badge>
                <Can method="visits.followUpDone">
                  <Button
                    size="compact-md"
                    variant="subtle"
                    loading={followUpDone.isPending && followUpDone.variables?.id === v.id}
                    onClick={() => followUpDone.mutate({ id: v.id })}
                  >
                    已回访
                  </Button>
                </Can>
              </Group>
            )),
        },
      ]}
    />
  );
}
