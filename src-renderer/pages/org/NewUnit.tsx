// Setting up a unit under the tree: a 大组 (支部, 片区), or a 小组 (党小组, 楼栋) under one.
import { Button, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { unitKey, type NetworkUnit } from '../../../src-main/contract/org';
import { useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { UNIT_READS, VIEWS, type View } from './views';

type NewUnitValues = { kind: string; parent: string | null; name: string };

export function NewUnit({
  view,
  units,
  onCreated,
}: {
  view: View;
  units: NetworkUnit[];
  onCreated: (key: string) => void;
}) {
  const v = VIEWS[view];
  const form = useForm<NewUnitValues>({ initialValues: { kind: v.top, parent: null, name: '' } });
  const { kind, parent, name } = form.getValues();
  const created = (key: string) => {
    done(`已建立${name.trim()}`);
    form.setFieldValue('name', '');
    onCreated(key);
  };
  // A group is a record of its own; a place is only a name the files carry, given a leader here.
  const createGroup = useRpcMutation('org.create', {
    invalidates: UNIT_READS,
    onSuccess: (g) => created(unitKey({ kind: g.kind as '行政大组', id: g.id })),
  });
  const createPlace = useRpcMutation('org.saveUnit', { invalidates: UNIT_READS, onSuccess: (u) => created(u.key) });
  const parents = units.filter((u) => u.ref.kind === v.top).map((u) => ({ value: u.key, label: u.name }));
  const parentUnit = units.find((u) => u.key === parent);
  const sub = kind === v.sub;
  const add = () => {
    if (view === 'place') {
      const ref = sub
        ? { kind: '楼栋' as const, area: parentUnit?.name ?? '', building: name.trim() }
        : { kind: '片区' as const, area: name.trim() };
      createPlace.mutate({ ref, leaderPersonId: null });
    } else {
      createGroup.mutate({
        kind: kind as '行政大组',
        name,
        parentId: sub && parentUnit && 'id' in parentUnit.ref ? parentUnit.ref.id : null,
      });
    }
  };
  return (
    <form
      onSubmit={form.onSubmit(add)}
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)', marginTop: 'var(--mantine-spacing-md)' }}
    >
      <Stack gap={6} p="xs">
        <Text fw={600}>新建</Text>
        <SegmentedControl data={[v.top, v.sub]} {...form.getInputProps('kind')} />
        {sub && (
          <Select
            placeholder={`所属${v.top}`}
            aria-label={`所属${v.top}`}
            data={parents}
            allowDeselect={false}
            {...form.getInputProps('parent')}
          />
        )}
        <TextInput placeholder={`${kind}名称`} aria-label={`${kind}名称`} {...form.getInputProps('name')} />
        <Button
          type="submit"
          loading={createGroup.isPending || createPlace.isPending}
          disabled={!name.trim() || (sub && !parent)}
        >
          建立{kind}
        </Button>
      </Stack>
    </form>
  );
}
