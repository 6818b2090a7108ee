// One unit: its figures and sheets, its name and leader, moving or merging it, its members.
import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import type { NetworkUnit } from '../../../src-main/contract/org';
import { download } from '../../files';
import { useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { navigate } from '../../route';
import { Members } from './Members';
import { UnitForm } from './UnitForm';
import { Can } from '../../kit/operator';
import { MEMBERSHIP_READS } from './views';

const FIGURES: [keyof NetworkUnit['figures'], string][] = [
  ['members', '组员'],
  ['over80', '80 岁以上'],
  ['over90', '90 岁以上'],
  ['livingAlone', '独居'],
  ['disabled', '失能/半失能'],
  ['partyMembers', '党员'],
  ['diedThisYear', '本年去世'],
];

export function UnitPanel({
  unit,
  units,
  onMoved,
}: {
  unit: NetworkUnit;
  units: NetworkUnit[];
  onMoved: (key: string) => void;
}) {
  const kind = unit.ref.kind;
  const exportSheet = useRpcMutation('org.exportSheet', { onSuccess: (f) => download(f.fileName, f.dataBase64) });
  const printSheet = (tree: boolean) =>
    navigate('/print/contacts', { ref: JSON.stringify(unit.ref), tree: tree ? '1' : undefined });
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <div>
            <Title order={3}>{unit.name}</Title>
            <Text c="dimmed">
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
            <Can method="org.exportSheet">
              <Button
                variant="default"
                leftSection={<IconDownload size={18} />}
                loading={exportSheet.isPending}
                onClick={() => exportSheet.mutate({ ref: unit.ref })}
              >
                导出 Excel
              </Button>
            </Can>
          </Group>
        </Group>
        <SimpleGrid cols={7}>
          {FIGURES.map(([k, label]) => (
            <Paper key={k} withBorder p="xs" ta="center">
              <Text size="xl" fw={700}>
                {unit.figures[k]}
              </Text>
              <Text c="dimmed">{label}</Text>
            </Paper>
          ))}
        </SimpleGrid>
      </Paper>
      <UnitForm unit={unit} />
      <Can method="org.move">
        <Reorganise unit={unit} units={units} onMoved={onMoved} />
      </Can>
      <Members unitRef={unit.ref} />
    </Stack>
  );
}

/** Moving a unit under another parent, or merging it into one of its kind: its people follow. */
function Reorganise({
  unit,
  units,
  onMoved,
}: {
  unit: NetworkUnit;
  units: NetworkUnit[];
  onMoved: (key: string) => void;
}) {
  const kind = unit.ref.kind;
  const parentKind = kind === '行政小组' ? '行政大组' : kind === '党小组' ? '党支部' : kind === '楼栋' ? '片区' : null;
  const [target, setTarget] = useState<string | null>(null);
  const to = units.find((u) => u.key === target);
  const move = useRpcMutation('org.move', {
    invalidates: MEMBERSHIP_READS,
    onSuccess: (moved) => {
      done(`${unit.name}已移至${to?.name ?? ''}，组员随之调整`);
      onMoved(moved.key);
    },
  });
  const merge = useRpcMutation('org.merge', {
    invalidates: MEMBERSHIP_READS,
    onSuccess: (merged) => {
      done(`${unit.name}已并入${merged.name}`);
      onMoved(merged.key);
    },
  });
  const askMerge = () => {
    if (!to) return;
    if (
      window.confirm(`确定把“${unit.name}”并入“${to.name}”吗？${unit.name}的组员将全部转入，${unit.name}将不再保留。`)
    )
      merge.mutate({ from: unit.ref, into: to.ref });
  };
  return (
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
            .filter(
              (u) =>
                u.key !== unit.key && u.key !== unit.parentKey && (u.ref.kind === kind || u.ref.kind === parentKind),
            )
            .map((u) => ({ value: u.key, label: `${u.ref.kind}：${u.name}` }))}
          value={target}
          onChange={setTarget}
        />
        <Button
          variant="default"
          disabled={to?.ref.kind !== parentKind}
          loading={move.isPending}
          onClick={() => to && move.mutate({ ref: unit.ref, to: to.ref })}
        >
          移动（组员随迁）
        </Button>
        <Can method="org.merge">
          <Button
            variant="default"
            color="red"
            disabled={to?.ref.kind !== kind}
            loading={merge.isPending}
            onClick={askMerge}
          >
            合并
          </Button>
        </Can>
      </Group>
      <Text size="sm" c="dimmed" mt={4}>
        批量编入：在“人员档案”中按条件筛选后，点“编入组织”。
      </Text>
    </Paper>
  );
}
