// 住院登记: those in hospital now (the longest stay first, whether anyone has been to see them) and
// the recent discharges with their follow-up; a stay registered for anyone, visited, corrected,
// discharged. A row opens the person's file.
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useDisclosure } from '@mantine/hooks';
import type { Stay } from '../../../src-main/contract/stays';
import { DataTable } from '../../kit/DataTable';
import { Can } from '../../kit/operator';
import { useRpc } from '../../kit/rpc';
import { navigate } from '../../route';
import { StayForm } from '../person/timeline/StayForms';
import { placeOf, StayActions, StayState } from '../person/timeline/StaysSection';

const DAY = 86_400_000;
const daysSince = (from: string, today: string) => Math.round((Date.parse(today) - Date.parse(from)) / DAY);

export function StaysTab() {
  const board = useRpc('stays.board', { days: 30 }, { refetchOnMount: 'always' });
  const [registering, register] = useDisclosure(false);
  const b = board.data;
  const actions = (s: Stay) => <StayActions stay={s} compact />;
  const common = {
    fetching: board.isFetching,
    striped: true,
    onRowOpen: (s: Stay) => navigate(`/people/${s.personId}`),
    rowLabel: (s: Stay) => `${s.personName}，${placeOf(s)}`,
  };
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed">接到住院消息即可登记；看望、出院和出院回访都记在这里和本人档案中。</Text>
        <Can method="stays.create">
          <Button leftSection={<IconPlus size={16} />} onClick={register.open}>
            登记住院
          </Button>
        </Can>
      </Group>
      <Title order={4}>目前在院（{b?.inHospital.length ?? 0} 人）</Title>
      <DataTable<Stay>
        {...common}
        records={b?.inHospital ?? []}
        minHeight={b?.inHospital.length ? undefined : 100}
        noRecordsText="目前没有登记在院的人员"
        columns={[
          { accessor: 'personName', title: '姓名', width: 100 },
          { accessor: 'hospital', title: '医院、科室、床号', render: placeOf },
          { accessor: 'admittedOn', title: '入院日期', width: 120 },
          {
            accessor: 'id',
            title: '已住院',
            width: 90,
            render: (s) => (b ? `${daysSince(s.admittedOn, b.today)} 天` : ''),
          },
          { accessor: 'condition', title: '病情', render: (s) => s.condition ?? '—' },
          {
            accessor: 'visits',
            title: '看望',
            width: 150,
            render: (s) =>
              s.visits.length ? (
                `${s.visits[0].date}${s.visits.length > 1 ? ` 等 ${s.visits.length} 次` : ''}`
              ) : (
                <Text c="red.8" size="sm">
                  尚未看望
                </Text>
              ),
          },
          { accessor: 'actions', title: '', width: 230, render: actions },
        ]}
      />
      <Title order={4}>近 {b?.days ?? 30} 天出院</Title>
      <DataTable<Stay>
        {...common}
        records={b?.discharged ?? []}
        minHeight={b?.discharged.length ? undefined : 100}
        noRecordsText="近期没有出院的人员"
        columns={[
          { accessor: 'personName', title: '姓名', width: 100 },
          { accessor: 'hospital', title: '医院、科室、床号', render: placeOf },
          { accessor: 'admittedOn', title: '入院日期', width: 120 },
          { accessor: 'outcome', title: '治疗结果', render: (s) => s.outcome ?? '—' },
          { accessor: 'dischargedOn', title: '出院回访', width: 340, render: (s) => <StayState stay={s} /> },
          { accessor: 'actions', title: '', width: 160, render: actions },
        ]}
      />
      <StayForm key={registering ? 'new' : 'closed'} opened={registering} person={null} onClose={register.close} />
    </Stack>
  );
}
