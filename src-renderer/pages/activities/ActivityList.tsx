// The year's activities, newest first as the main process lists them; a row opens the activity.
import { Button, Group, NumberInput, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { ActivityView } from '../../../src-main/contract/activities';
import { DataTable } from '../../kit/DataTable';
import { useRpc } from '../../kit/rpc';
import { navigate } from '../../route';
import { NewActivityModal } from './NewActivityModal';
import { Can } from '../../kit/operator';

export function ActivityList() {
  const [year, setYear] = useState(new Date().getFullYear());
  const [adding, add] = useDisclosure(false);
  const list = useRpc('activities.list', { year });
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <NumberInput
          aria-label="年度"
          w={130}
          min={2000}
          max={2200}
          value={year}
          onChange={(v) => typeof v === 'number' && v >= 2000 && v <= 2200 && setYear(v)}
          suffix=" 年"
        />
        <Can method="activities.create">
          <Button leftSection={<IconPlus size={18} />} onClick={add.open}>
            新建活动
          </Button>
        </Can>
      </Group>
      <DataTable<ActivityView>
        records={list.data ?? []}
        fetching={list.isPending}
        minHeight={list.data?.length ? undefined : 150}
        noRecordsText={`${year} 年还没有登记活动`}
        striped
        columns={[
          { accessor: 'heldOn', title: '日期', width: 120 },
          { accessor: 'kind', title: '类别', width: 110 },
          { accessor: 'title', title: '名称' },
          { accessor: 'place', title: '地点' },
          { accessor: 'organiser', title: '组织者', width: 140 },
          { accessor: 'invited', title: '邀请 / 到会', width: 120, render: (a) => `${a.invited} / ${a.attended}` },
        ]}
        onRowOpen={(a) => navigate(`/activities/${a.id}`)}
        rowLabel={(a) => `${a.heldOn} ${a.title}，邀请 ${a.invited} 人，到会 ${a.attended} 人`}
      />
      <NewActivityModal opened={adding} onClose={add.close} />
    </Stack>
  );
}
