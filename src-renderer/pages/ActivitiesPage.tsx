// 活动学习: activities and meetings with who was invited and who came; study materials with who
// received them, and the list of those to take them to (送学上门).
import { Alert, Badge, Button, Checkbox, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { ACTIVITY_KINDS, DELIVERY_WAYS, type ActivityView, type MaterialView, type NetworkUnit, type OutputOf } from '../../src-main/api/contract';
import { todayIso } from '../../src-main/shared/dates';
import { call } from '../api';
import { PersonPicker, type PickedPerson } from '../components/PersonPicker';
import { unitChoices } from '../components/unitOptions';
import { done, failed } from '../notify';
import { navigate } from '../route';
import { DateField } from '../kit/DateField';

export function ActivitiesPage({ path }: { path: string[] }) {
  const [first, second] = path;
  if (first === 'material' && second) return <MaterialDetail id={Number(second)} />;
  if (first && first !== 'materials') return <ActivityDetail id={Number(first)} />;
  return (
    <Stack gap="md">
      <Title order={2}>活动学习</Title>
      <Tabs value={first === 'materials' ? 'materials' : 'activities'} onChange={(t) => navigate(t === 'materials' ? '/activities/materials' : '/activities')}>
        <Tabs.List>
          <Tabs.Tab value="activities">活动与会议</Tabs.Tab>
          <Tabs.Tab value="materials">学习资料</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="activities" pt="md">
          <ActivityList />
        </Tabs.Panel>
        <Tabs.Panel value="materials" pt="md">
          <MaterialList />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ActivityList() {
  const [year, setYear] = useState(new Date().getFullYear());
  const [list, setList] = useState<ActivityView[]>([]);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    call('activities.list', { year }).then(setList, failed);
  }, [year]);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <NumberInput aria-label="年度" w={130} min={2000} max={2200} value={year} onChange={(v) => typeof v === 'number' && v >= 2000 && setYear(v)} suffix=" 年" />
        <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
          新建活动
        </Button>
      </Group>
      {list.length === 0 ? (
        <Text c="dimmed">{year} 年还没有登记活动。</Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>日期</Table.Th>
              <Table.Th>类别</Table.Th>
              <Table.Th>名称</Table.Th>
              <Table.Th>地点</Table.Th>
              <Table.Th>组织者</Table.Th>
              <Table.Th>邀请 / 到会</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((a) => (
              <Table.Tr key={a.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/activities/${a.id}`)}>
                <Table.Td>{a.heldOn}</Table.Td>
                <Table.Td>{a.kind}</Table.Td>
                <Table.Td>{a.title}</Table.Td>
                <Table.Td>{a.place ?? ''}</Table.Td>
                <Table.Td>{a.organiser ?? ''}</Table.Td>
                <Table.Td>
                  {a.invited} / {a.attended}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {adding && <NewActivity onClose={() => setAdding(false)} />}
    </Stack>
  );
}

function NewActivity({ onClose }: { onClose: () => void }) {
  const [units, setUnits] = useState<NetworkUnit[]>([]);
  const [f, setF] = useState({ kind: '学习会', title: '', heldOn: todayIso(), place: '', organiser: '', note: '', unit: null as string | null });
  useEffect(() => {
    call('org.tree', {}).then(setUnits, failed);
  }, []);
  const save = async () => {
    try {
      const a = await call('activities.create', {
        kind: f.kind as ActivityView['kind'],
        title: f.title,
        heldOn: f.heldOn,
        place: f.place,
        organiser: f.organiser,
        note: f.note,
        inviteUnit: units.find((u) => u.key === f.unit)?.ref ?? null,
      });
      done(`已建立“${a.title}”，邀请 ${a.invited} 人`);
      navigate(`/activities/${a.id}`);
    } catch (e) {
      failed(e);
    }
  };
  return (
    <Modal opened onClose={onClose} title="新建活动" size="lg">
      <Stack>
        <SimpleGrid cols={2}>
          <Select label="类别" data={[...ACTIVITY_KINDS]} value={f.kind} onChange={(v) => v && setF({ ...f, kind: v })} allowDeselect={false} />
          <DateField label="日期" value={f.heldOn} onChange={(d) => setF({ ...f, heldOn: d ?? '' })} />
        </SimpleGrid>
        <TextInput label="名称" value={f.title} onChange={(e) => setF({ ...f, title: e.currentTarget.value })} />
        <SimpleGrid cols={2}>
          <TextInput label="地点" value={f.place} onChange={(e) => setF({ ...f, place: e.currentTarget.value })} />
          <TextInput label="组织者" value={f.organiser} onChange={(e) => setF({ ...f, organiser: e.currentTarget.value })} />
        </SimpleGrid>
        <Select
          label="邀请"
          description="所选组织的全部在册人员；其他人员可在活动页补登"
          placeholder="不按组织邀请"
          searchable
          clearable
          data={unitChoices(units, true)}
          value={f.unit}
          onChange={(v) => setF({ ...f, unit: v })}
        />
        <Textarea label="备注" autosize minRows={2} value={f.note} onChange={(e) => setF({ ...f, note: e.currentTarget.value })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button onClick={save}>建立</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ActivityDetail({ id }: { id: number }) {
  const [a, setA] = useState<ActivityView | null>(null);
  const [walkIn, setWalkIn] = useState<PickedPerson | null>(null);
  const load = useCallback(() => call('activities.get', { id }).then(setA, failed), [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!a) return null;
  const mark = (personIds: number[], attended: boolean) => call('activities.attendance', { id, personIds, attended }).then(setA, failed);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2}>{a.title}</Title>
          <Text c="dimmed">
            {a.kind}　{a.heldOn}
            {a.place ? `　${a.place}` : ''}
            {a.organiser ? `　组织者：${a.organiser}` : ''}
          </Text>
        </div>
        <Group>
          <Button variant="default" onClick={() => navigate('/activities')}>
            返回
          </Button>
          <Button
            onClick={() =>
              call('materials.create', { title: `${a.title}学习资料`, issuedOn: a.heldOn, activityId: a.id }).then((m) => navigate(`/activities/material/${m.id}`), failed)
            }
          >
            登记本次发放的学习资料
          </Button>
        </Group>
      </Group>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Text>
            邀请 <b>{a.invited}</b> 人，到会 <b>{a.attended}</b> 人。
          </Text>
          <Group align="end">
            <PersonPicker label="补登到会人员" value={walkIn} onChange={setWalkIn} />
            <Button variant="light" disabled={!walkIn} onClick={() => walkIn && mark([walkIn.id], true).then(() => setWalkIn(null))}>
              补登
            </Button>
            <Button variant="default" disabled={a.people.length === 0} onClick={() => mark(a.people.map((p) => p.personId), true)}>
              全部到会
            </Button>
          </Group>
        </Group>
        {a.note && <Alert color="gray">{a.note}</Alert>}
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>姓名</Table.Th>
              <Table.Th>邀请</Table.Th>
              <Table.Th>到会</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.people.map((p) => (
              <Table.Tr key={p.personId}>
                <Table.Td>
                  <Text component="a" href={`#/people/${p.personId}`} c="blue">
                    {p.name}
                  </Text>
                </Table.Td>
                <Table.Td>{p.invited ? '已邀请' : <Badge color="gray">未邀请，自行到会</Badge>}</Table.Td>
                <Table.Td>
                  <Checkbox aria-label={`${p.name}到会`} checked={p.attended} onChange={(e) => mark([p.personId], e.currentTarget.checked)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

function MaterialList() {
  const [list, setList] = useState<OutputOf<'materials.list'>>([]);
  const [adding, setAdding] = useState(false);
  const [f, setF] = useState({ title: '', issuedOn: todayIso(), note: '' });
  useEffect(() => {
    call('materials.list', {}).then(setList, failed);
  }, []);
  const save = () =>
    call('materials.create', { title: f.title, issuedOn: f.issuedOn, activityId: null, note: f.note }).then((m) => navigate(`/activities/material/${m.id}`), failed);
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
          登记学习资料
        </Button>
      </Group>
      {list.length === 0 ? (
        <Text c="dimmed">还没有登记学习资料。在活动页也可登记会上发放的资料。</Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>发放日期</Table.Th>
              <Table.Th>资料</Table.Th>
              <Table.Th>发放会议</Table.Th>
              <Table.Th>已领取</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((m) => (
              <Table.Tr key={m.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/activities/material/${m.id}`)}>
                <Table.Td>{m.issuedOn}</Table.Td>
                <Table.Td>{m.title}</Table.Td>
                <Table.Td>{m.activityTitle ?? '—'}</Table.Td>
                <Table.Td>{m.received} 人</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title="登记学习资料">
        <Stack>
          <TextInput label="资料名称" value={f.title} onChange={(e) => setF({ ...f, title: e.currentTarget.value })} />
          <DateField label="发放日期" value={f.issuedOn} onChange={(d) => setF({ ...f, issuedOn: d ?? '' })} />
          <Textarea label="备注" value={f.note} onChange={(e) => setF({ ...f, note: e.currentTarget.value })} />
          <Group justify="flex-end">
            <Button onClick={save}>登记</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function MaterialDetail({ id }: { id: number }) {
  const [m, setM] = useState<MaterialView | null>(null);
  const [who, setWho] = useState<PickedPerson | null>(null);
  const [how, setHow] = useState<(typeof DELIVERY_WAYS)[number]>('会上领取');
  const [on, setOn] = useState(todayIso());
  const load = useCallback(() => call('materials.get', { id }).then(setM, failed), [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!m) return null;
  const deliver = (personIds: number[], way: (typeof DELIVERY_WAYS)[number]) =>
    call('materials.deliver', { id, personIds, how: way, on }).then((next) => {
      setM(next);
      done(way === '送学上门' ? `已记录送学上门 ${personIds.length} 人，并记入各人走访记录` : `已记录 ${personIds.length} 人领取`);
    }, failed);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2}>{m.title}</Title>
          <Text c="dimmed">
            {m.issuedOn} 发放{m.activityTitle ? `，会议：${m.activityTitle}` : ''}，已领取 {m.received} 人
          </Text>
        </div>
        <Button variant="default" onClick={() => navigate('/activities/materials')}>
          返回
        </Button>
      </Group>
      <DateField label="领取/送达日期" w={200} value={on} onChange={(d) => setOn(d ?? '')} />
      {m.toDeliver.length > 0 && (
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={5}>待送学上门（受邀未到会，{m.toDeliver.length} 人）</Title>
            <Button size="compact-sm" onClick={() => deliver(m.toDeliver.map((p) => p.personId), '送学上门')}>
              全部记录为已送学上门
            </Button>
          </Group>
          {m.toDeliver.map((p) => (
            <Group key={p.personId} gap="sm">
              <Text>
                {p.name}（{p.why}）
              </Text>
              <Button size="compact-xs" variant="light" aria-label={`${p.name}已送学上门`} onClick={() => deliver([p.personId], '送学上门')}>
                已送学上门
              </Button>
            </Group>
          ))}
        </Paper>
      )}
      <Paper withBorder p="md">
        <Group align="end" mb="sm">
          <PersonPicker label="登记领取人" value={who} onChange={setWho} />
          <Select label="方式" w={140} data={[...DELIVERY_WAYS]} value={how} onChange={(v) => v && setHow(v as (typeof DELIVERY_WAYS)[number])} allowDeselect={false} />
          <Button disabled={!who} onClick={() => who && deliver([who.id], how).then(() => setWho(null))}>
            登记
          </Button>
        </Group>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>姓名</Table.Th>
              <Table.Th>日期</Table.Th>
              <Table.Th>方式</Table.Th>
              <Table.Th>登记人</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m.deliveries.map((d) => (
              <Table.Tr key={d.personId}>
                <Table.Td>{d.name}</Table.Td>
                <Table.Td>{d.receivedOn}</Table.Td>
                <Table.Td>{d.how}</Table.Td>
                <Table.Td>{d.recordedBy}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
