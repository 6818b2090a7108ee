// 组织网络: the trees (行政大组 → 行政小组, 党支部 → 党小组, 片区 → 楼栋), each unit with its leader,
// phone, notes and figures; its members; moving and merging units (people follow); the contact
// sheet a group leader carries, printed or as .xlsx, and the contact tree. The view and the unit
// chosen are in the address.
import { Badge, Group, NavLink, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useRpc } from '../../kit/rpc';
import { Can } from '../../kit/operator';
import { navigate } from '../../route';
import { DuesPage } from '../dues/DuesPage';
import { HandoverPage } from '../handover/HandoverPage';
import { NewUnit } from './NewUnit';
import { UnitPanel } from './UnitPanel';
import { VIEWS, type View } from './views';

/** Beside the three trees: the 党费 of the party branches, and the handover to the communities. */
const OTHER_VIEWS = {
  dues: { label: '党费', Page: DuesPage },
  handover: { label: '社会化移交', Page: HandoverPage },
} as const;
type OtherView = keyof typeof OTHER_VIEWS;
const isOther = (k: string | null): k is OtherView => k !== null && k in OTHER_VIEWS;

export function OrgPage({ params }: { params: URLSearchParams }) {
  const choices = [
    ...(Object.keys(VIEWS) as View[]).map((k) => ({ value: k, label: VIEWS[k].label })),
    ...(Object.keys(OTHER_VIEWS) as OtherView[]).map((k) => ({ value: k, label: OTHER_VIEWS[k].label })),
  ];
  const asked = params.get('view');
  if (isOther(asked)) {
    const { label, Page } = OTHER_VIEWS[asked];
    return (
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2}>组织网络 · {label}</Title>
          <SegmentedControl data={choices} value={asked} onChange={(k) => navigate('/org', { view: k })} />
        </Group>
        <Page params={params} />
      </Stack>
    );
  }
  return <OrgTrees params={params} choices={choices} />;
}

function OrgTrees({ params, choices }: { params: URLSearchParams; choices: { value: string; label: string }[] }) {
  const asked = params.get('view') as View | null;
  const view: View = asked && asked in VIEWS ? asked : 'admin';
  const selected = params.get('unit');
  // People are put into units from the people list (编入组织): read again whenever the page opens.
  const tree = useRpc('org.tree', {}, { refetchOnMount: 'always' });
  const units = tree.data ?? [];
  const v = VIEWS[view];
  const tops = units.filter((u) => u.ref.kind === v.top);
  const select = (key: string | null, nextView: View = view) =>
    navigate('/org', { view: nextView, unit: key ?? undefined });
  const unit = units.find((u) => u.key === selected) ?? null;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>组织网络</Title>
        <SegmentedControl
          data={choices}
          value={view}
          onChange={(k) => (isOther(k) ? navigate('/org', { view: k }) : select(null, k as View))}
        />
      </Group>
      <Group align="start" wrap="nowrap" gap="md">
        <Paper withBorder p="xs" w={300} style={{ flexShrink: 0 }}>
          {tree.data && tops.length === 0 && (
            <Text c="dimmed" p="xs">
              {view === 'place' ? '档案中尚未填写片区、楼栋。' : `尚未建立${v.top}。`}
            </Text>
          )}
          {tops.map((t) => (
            <NavLink
              key={t.key}
              label={t.name}
              rightSection={
                <Badge variant="light" size="lg">
                  {t.figures.members}
                </Badge>
              }
              active={t.key === selected}
              // The count, not a chevron: it stays upright when the unit opens.
              disableRightSectionRotation
              // Groups show their 小组 at once; a 片区 (with its dozens of 楼栋) opens when chosen.
              opened={view !== 'place' || t.key === selected || unit?.parentKey === t.key}
              onClick={() => select(t.key)}
              childrenOffset={16}
            >
              {units
                .filter((c) => c.parentKey === t.key)
                .map((c) => (
                  <NavLink
                    key={c.key}
                    label={c.name}
                    rightSection={
                      <Badge variant="light" color="gray" size="lg">
                        {c.figures.members}
                      </Badge>
                    }
                    active={c.key === selected}
                    onClick={() => select(c.key)}
                  />
                ))}
            </NavLink>
          ))}
          <Can method="org.create">
            <NewUnit key={view} view={view} units={units} onCreated={(key) => select(key)} />
          </Can>
        </Paper>
        <div style={{ flex: 1, minWidth: 0 }}>
          {unit ? (
            <UnitPanel key={unit.key} unit={unit} units={units} onMoved={(key) => select(key)} />
          ) : (
            <Text c="dimmed">在左侧选择一个组织，查看组员、联系表和统计。</Text>
          )}
        </div>
      </Group>
    </Stack>
  );
}
