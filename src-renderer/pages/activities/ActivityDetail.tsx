// One activity: who was invited and who came. Ticking a row (a click, or Space on it) records
// attendance at once; Enter opens the person's file. Walk-ins are added by name. 编辑 corrects its
// kind, date, place and the rest (EditActivityModal).
import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isMeeting, type ActivityView } from '../../../src-main/contract/activities';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { DataTable } from '../../kit/DataTable';
import { Can, RoleNote, useCan } from '../../kit/operator';
import { rpcKey, useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';
import { EditActivityModal } from './EditActivityModal';
import { MeetingPanel } from './MeetingPanel';

type Invitee = ActivityView['people'][number];

export function ActivityDetail({ id }: { id: number }) {
  const client = useQueryClient();
  const activity = useRpc('activities.get', { id });
  const [walkIn, setWalkIn] = useState<PickedPerson | null>(null);
  const [editing, edit] = useDisclosure(false);
  const attendance = useRpcMutation('activities.attendance', {
    invalidates: ['activities.list', 'activities.ofPerson'],
    // The reply is the activity as it now stands: shown as it is, not read again.
    onSuccess: (a) => client.setQueryData(rpcKey('activities.get', { id }), a),
  });
  const material = useRpcMutation('materials.create', {
    invalidates: ['materials.list'],
    onSuccess: (m) => navigate(`/activities/material/${m.id}`),
  });
  // A role that may not record attendance reads who came; rows open the file only.
  const mayMark = useCan('activities.attendance');
  const a = activity.data;
  if (!a) return null;
  const mark = (personIds: number[], attended: boolean, then?: () => void) =>
    attendance.mutate({ id, personIds, attended }, { onSuccess: then });
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2}>{a.title}</Title>
          <Text c="dimmed">
            {a.kind}　{a.heldOn}
            {a.startsAt ? ` ${a.startsAt}` : ''}
            {a.place ? `　${a.place}` : ''}
            {a.organiser ? `　组织者：${a.organiser}` : ''}
          </Text>
        </div>
        <Group>
          <Button variant="default" onClick={() => navigate('/activities')}>
            返回
          </Button>
          <Can method="activities.update">
            <Button variant="default" onClick={edit.open}>
              编辑
            </Button>
          </Can>
          <Can method="materials.create">
            <Button
              loading={material.isPending}
              onClick={() => material.mutate({ title: `${a.title}学习资料`, issuedOn: a.heldOn, activityId: a.id })}
            >
              登记本次发放的学习资料
            </Button>
          </Can>
        </Group>
      </Group>
      {editing && <EditActivityModal activity={a} onClose={edit.close} />}
      {/* Keyed by the meeting, so its form starts from this meeting's record. */}
      {isMeeting(a.kind) && <MeetingPanel key={a.id} meeting={a} />}
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Text>
            邀请 <b>{a.invited}</b> 人，到会 <b>{a.attended}</b> 人。
          </Text>
          <Can method="activities.attendance">
            <Group align="end">
              <PersonPicker label="补登到会人员" value={walkIn} onChange={setWalkIn} />
              <Button
                variant="light"
                disabled={!walkIn}
                loading={attendance.isPending && !!walkIn}
                onClick={() => walkIn && mark([walkIn.id], true, () => setWalkIn(null))}
              >
                补登
              </Button>
              <Button
                variant="default"
                disabled={a.people.length === 0}
                onClick={() =>
                  mark(
                    a.people.map((p) => p.personId),
                    true,
                  )
                }
              >
                全部到会
              </Button>
            </Group>
          </Can>
        </Group>
        {a.note && (
          <Alert color="gray" mb="sm">
            {a.note}
          </Alert>
        )}
        <DataTable<Invitee>
          records={a.people}
          idAccessor="personId"
          striped
          minHeight={a.people.length ? undefined : 150}
          noRecordsText="没有邀请人员，可在上方补登到会人员"
          columns={[
            {
              accessor: 'name',
              title: '姓名',
              render: (p) => (
                <Text
                  component="a"
                  href={`#/people/${p.personId}`}
                  c="blue"
                  tabIndex={-1}
                  onClick={(e) => e.stopPropagation()}
                >
                  {p.name}
                </Text>
              ),
            },
            {
              accessor: 'invited',
              title: '邀请',
              render: (p) =>
                p.invited ? (
                  '已邀请'
                ) : (
                  <Badge size="lg" variant="light" color="gray">
                    未邀请，自行到会
                  </Badge>
                ),
            },
            {
              accessor: 'attended',
              title: '到会',
              width: 100,
              render: (p) => (
                <Checkbox
                  size="md"
                  aria-label={`${p.name}到会`}
                  checked={p.attended}
                  disabled={!mayMark}
                  onClick={(e) => e.stopPropagation()}
                  onChange={(e) => mark([p.personId], e.currentTarget.checked)}
                />
              ),
            },
          ]}
          onRowClick={mayMark ? ({ record }) => mark([record.personId], !record.attended) : undefined}
          onRowToggle={mayMark ? (p) => mark([p.personId], !p.attended) : undefined}
          onRowOpen={(p) => navigate(`/people/${p.personId}`)}
          rowLabel={(p) => `${p.name}，${p.invited ? '已邀请' : '未邀请'}，${p.attended ? '已到会' : '未到会'}`}
        />
        <Text c="dimmed" size="sm" mt="xs">
          {mayMark ? '点击一行或按空格键登记到会；按回车键打开此人的档案。' : '按回车键打开此人的档案。'}
        </Text>
        {!mayMark && <RoleNote>不能登记到会，只能查阅</RoleNote>}
      </Paper>
    </Stack>
  );
}
