// 组织网络: the trees (行政大组 → 行政小组, 党支部 → 党小组, 片区 → 楼栋), each unit with its leader,
// phone, notes and figures; its members; moving and merging units (people follow); the contact
// sheet a group leader carries, printed or as .xlsx, and the contact tree.
import { Alert, Badge, Button, Group, NavLink, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { unitKey, type NetworkUnit, type UnitMember, type UnitRef } from '../../src-main/api/contract';
import { call } from '../api';
import { PersonPicker, type PickedPerson } from '../components/PersonPicker';
import { download } from '../files';
import { done, failed } from '../notify';
import { navigate } from '../route';

type View = 'admin' | 'party' | 'place';
const VIEWS: Record<View, { top: string; sub: string; label: string }> = {
  admin: { top: '行政大组', sub: '行政小组', label: '行政组织' },
  party: { top: '党支部', sub: '党小组', label: '党组织' },
  place: { top: '片区', sub: '楼栋', label: '片区楼栋' },
};

export function OrgPage({ params }: { params: URLSearchParams }) {
  const view = (params.get('view') as View | null) ?? 'admin';
  const selected = params.get('unit');
  const [units, setUnits] = useState<NetworkUnit[]>([]);
  const load = useCallback(() => call('org.tree', {}).then(setUnits, failed), []);
  useEffect(() => {
    load();
  }, [load]);
  const v = VIEWS[view] ?? VIEWS.admin;
  const tops = units.filter((u) => u.ref.kind === v.top);
  const select = (key: string | null, nextView: View = view) => navigate('/org', { view: nextView, unit: key ?? undefined });
  const unit = units.find((u) => u.key === selected) ?? null;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>组织网络</Title>
        <SegmentedControl
          data={(Object.keys(VIEWS) as View[]).map((k) => ({ value: k, label: VIEWS[k].label }))}
          value={view}
          onChange={(k) => select(null, k as View)}
        />
      </Group>
      <Group align="start" wrap="nowrap" gap="md">
        <Paper withBorder p="xs" w={300} style={{ flexShrink: 0 }}>
          {tops.length === 0 && (
            <Text c="dimmed" size="sm" p="xs">
              {view === 'place' ? '档案中尚未填写片区、楼栋。' : `尚未建立${v.top}。`}
            </Text>
          )}
          {tops.map((t) => (
            <NavLink
              key={t.key}
              label={t.name}
              rightSection={<Badge variant="light">{t.figures.members}</Badge>}
              active={t.key === selected}
              // Groups show their 小组 at once; a 片区 (with its dozens of 楼栋) opens when chosen.
              opened={view !== 'place' || t.key === selected || unit?.parentKey === t.key}
              onClick={() => select(t.key)}
              childrenOffset={16}
            >
              {units
                .filter((c) => c.parentKey === t.key)
                .map((c) => (
                  <NavLink key={c.key} label={c.name} rightSection={<Badge variant="light" color="gray">{c.figures.members}</Badge>} active={c.key === selected} onClick={() => select(c.key)} />
                ))}
            </NavLink>
          ))}
          <NewUnit view={view} units={units} onCreated={(key) => load().then(() => select(key))} />
        </Paper>
        <div style={{ flex: 1, minWidth: 0 }}>
          {unit ? (
            <UnitPanel key={unit.key} unit={unit} units={units} onChanged={(key) => load().then(() => key !== undefined && select(key))} />
          ) : (
            <Text c="dimmed">在左侧选择一个组织，查看组员、联系表和统计。</Text>
          )}
        </div>
      </Group>
    </Stack>
  );
}

function NewUnit({ view, units, onCreated }: { view: View; units: NetworkUnit[]; onCreated: (key: string) => void }) {
  const v = VIEWS[view];
  const [kind, setKind] = useState(v.top);
  const [parent, setParent] = useState<string | null>(null);
  const [name, setName] = useState('');
  useEffect(() => {
    setKind(v.top);
    setParent(null);
  }, [v.top]);
  const parents = units.filter((u) => u.ref.kind === v.top).map((u) => ({ value: u.key, label: u.name }));
  const add = async () => {
    try {
      let ref: UnitRef;
      if (view === 'place') {
        const area = kind === '楼栋' ? units.find((u) => u.key === parent)?.name ?? '' : name.trim();
        ref = kind === '楼栋' ? { kind: '楼栋', area, building: name.trim() } : { kind: '片区', area };
        await call('org.saveUnit', { ref, leaderPersonId: null });
      } else {
        const parentUnit = units.find((u) => u.key === parent);
        const created = await call('org.create', {
          kind: kind as '行政大组',
          name,
          parentId: kind === v.sub && parentUnit && 'id' in parentUnit.ref ? parentUnit.ref.id : null,
        });
        ref = { kind: created.kind as '行政大组', id: created.id };
      }
      setName('');
      done(`已建立${name.trim()}`);
      onCreated(unitKey(ref));
    } catch (e) {
      failed(e);
    }
  };
  return (
    <Stack gap={6} mt="md" p="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Text size="sm" fw={600}>
        新建
      </Text>
      <SegmentedControl size="xs" data={[v.top, v.sub]} value={kind} onChange={setKind} />
      {kind === v.sub && <Select size="sm" placeholder={`所属${v.top}`} aria-label={`所属${v.top}`} data={parents} value={parent} onChange={setParent} allowDeselect={false} />}
      <TextInput size="sm" placeholder={`${kind}名称`} aria-label={`${kind}名称`} value={name} onChange={(e) => setName(e.currentTarget.value)} />
      <Button size="xs" onClick={add} disabled={!name.trim() || (kind === v.sub && !parent)}>
        建立{kind}
      </Button>
    </Stack>
  );
}

const FIGURES: [keyof NetworkUnit['figures'], string][] = [
  ['members', '组员'],
  ['over80', '80 岁以上'],
  ['over90', '90 岁以上'],
  ['livingAlone', '独居'],
  ['disabled', '失能/半失能'],
  ['partyMembers', '党员'],
  ['diedThisYear', '本年去世'],
];

function UnitPanel({ unit, units, onChanged }: { unit: NetworkUnit; units: NetworkUnit[]; onChanged: (key?: string) => void }) {
  const [members, setMembers] = useState<UnitMember[] | null>(null);
  const [leader, setLeader] = useState<PickedPerson | null>(unit.leaderPersonId ? { id: unit.leaderPersonId, label: unit.leader ?? '' } : null);
  const [staff, setStaff] = useState(unit.leaderPersonId ? '' : (unit.leader ?? ''));
  const [phone, setPhone] = useState(unit.phone ?? '');
  const [note, setNote] = useState(unit.note ?? '');
  const [name, setName] = useState(unit.name);
  const isPlace = unit.ref.kind === '片区' || unit.ref.kind === '楼栋';
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    call('org.members', { ref: unit.ref }).then(setMembers, failed);
  }, [unit.key]);
  const kind = unit.ref.kind;
  const parentKind = kind === '行政小组' ? '行政大组' : kind === '党小组' ? '党支部' : kind === '楼栋' ? '片区' : null;
  const refOf = (key: string | null) => units.find((u) => u.key === key)?.ref;
  const save = () =>
    call('org.saveUnit', { ref: unit.ref, name: isPlace ? null : name, leaderPersonId: leader?.id ?? null, leader: leader ? null : staff, phone, note })
      .then(() => (done('已保存'), onChanged()), failed);
  const move = async () => {
    const to = refOf(target);
    if (!to) return;
    try {
      const moved = await call('org.move', { ref: unit.ref, to });
      done(`${unit.name}已移至${units.find((u) => u.key === target)?.name}，组员随之调整`);
      onChanged(moved.key);
    } catch (e) {
      failed(e);
    }
  };
  const merge = async () => {
    const into = refOf(target);
    if (!into) return;
    if (!window.confirm(`确定把“${unit.name}”并入“${units.find((u) => u.key === target)?.name}”吗？${unit.name}的组员将全部转入，${unit.name}将不再保留。`)) return;
    try {
      const merged = await call('org.merge', { from: unit.ref, into });
      done(`${unit.name}已并入${merged.name}`);
      onChanged(merged.key);
    } catch (e) {
      failed(e);
    }
  };
  const printSheet = (tree: boolean) => navigate('/print/contacts', { ref: JSON.stringify(unit.ref), tree: tree ? '1' : undefined });
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <div>
            <Title order={3}>{unit.name}</Title>
            <Text size="sm" c="dimmed">
              {kind}
              {unit.parentKey ? `，隶属${units.find((u) => u.key === unit.parentKey)?.name ?? ''}` : ''}
            </Text>
          </div>
          <Group>
            <Button leftSection={<IconPrinter size={18} />} onClick={() => printSheet(false)}>
              打印组员联系表
            </Button>
            <Button variant="default" leftSection={<IconPrinter size={18} />} onClick={() => printSheet(true)}>
              打印联系表和联络树
            </Button>
            <Button variant="default" leftSection={<IconDownload size={18} />} onClick={() => call('org.exportSheet', { ref: unit.ref }).then((f) => download(f.fileName, f.dataBase64), failed)}>
              导出 Excel
            </Button>
          </Group>
        </Group>
        <SimpleGrid cols={7}>
          {FIGURES.map(([k, label]) => (
            <Paper key={k} withBorder p="xs" ta="center">
              <Text size="xl" fw={700}>
                {unit.figures[k]}
              </Text>
              <Text size="sm" c="dimmed">
                {label}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          名称、组长与联系方式
        </Title>
        {!isPlace && <TextInput label="名称" w={300} mb="sm" value={name} onChange={(e) => setName(e.currentTarget.value)} />}
        <SimpleGrid cols={{ base: 1, lg: 3 }}>
          <PersonPicker label="组长（离退休人员）" value={leader} onChange={setLeader} />
          <TextInput label="或：组长（工作人员）" value={staff} disabled={!!leader} onChange={(e) => setStaff(e.currentTarget.value)} />
          <TextInput label="联系电话" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
        </SimpleGrid>
        <Textarea label="备注" mt="sm" autosize minRows={1} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Group mt="sm">
          <Button onClick={save}>保存</Button>
        </Group>
      </Paper>
      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          调整组织
        </Title>
        <Group align="end">
          <Select
            label={parentKind ? `移至另一个${parentKind}，或并入另一个${kind}` : `并入另一个${kind}`}
            w={360}
            searchable
            data={units
              .filter((u) => u.key !== unit.key && u.key !== unit.parentKey && (u.ref.kind === kind || u.ref.kind === parentKind))
              .map((u) => ({ value: u.key, label: `${u.ref.kind}：${u.name}` }))}
            value={target}
            onChange={setTarget}
          />
          <Button variant="default" disabled={!target || refOf(target)?.kind !== parentKind} onClick={move}>
            移动（组员随迁）
          </Button>
          <Button variant="default" color="red" disabled={!target || refOf(target)?.kind !== kind} onClick={merge}>
            合并
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          批量编入：在“人员档案”中按条件筛选后，点“编入组织”。
        </Text>
      </Paper>
      <Paper withBorder p="md">
        <Title order={5} mb="xs">
          组员（{members?.length ?? 0} 人，不含已故）
        </Title>
        {members && members.length > 0 ? (
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>姓名</Table.Th>
                <Table.Th>性别</Table.Th>
                <Table.Th>年龄</Table.Th>
                <Table.Th>联系电话</Table.Th>
                <Table.Th>住址</Table.Th>
                <Table.Th>紧急联系人</Table.Th>
                <Table.Th>需特别关照</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((m) => (
                <Table.Tr key={m.personId}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text component="a" href={`#/people/${m.personId}`} c="blue">
                      {m.name}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{m.gender ?? ''}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{m.age ?? ''}</Table.Td>
                  <Table.Td>{m.phones.join('、')}</Table.Td>
                  <Table.Td>{m.address ?? ''}</Table.Td>
                  <Table.Td>{m.emergency ?? ''}</Table.Td>
                  <Table.Td>{m.cannotCome.join('、')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Alert color="gray">尚无组员。在“人员档案”中按条件筛选后，点“编入组织”。</Alert>
        )}
      </Paper>
    </Stack>
  );
}
