// Placing everyone the list shows (every page of it) in a unit of the organisation network at once.
import { Button, Select, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconSitemap } from '@tabler/icons-react';
import type { InputOf } from '../../../src-main/contract';
import { unitChoices } from '../../components/unitOptions';
import { FormModal } from '../../kit/FormModal';
import { READ_ON_OPEN } from './freshness';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';

/** `count`: how many the list keeps, as it says it (1,234, or 1,000+ for a search). */
export function AssignUnitButton({ query, count }: { query: InputOf<'retirees.list'>; count: string }) {
  const [open, dialog] = useDisclosure(false);
  // The network is read when the dialog opens.
  const units = useRpc('org.tree', open ? {} : null, READ_ON_OPEN).data ?? [];
  const form = useForm({
    mode: 'controlled',
    initialValues: { key: null as string | null },
    validate: { key: (k) => (k ? null : '请选择要编入的组织') },
  });
  // Everyone's units changed: the list, the files, the network's counts.
  const assign = useRpcMutation('org.assign', {
    invalidates: ['retirees.list', 'retirees.get', 'retirees.history', 'org.units', 'org.tree'],
    onError: () => {},
  });
  const close = () => {
    form.reset();
    dialog.close();
  };
  return (
    <>
      <Button variant="default" leftSection={<IconSitemap size={18} />} onClick={dialog.open} disabled={count === '0'}>
        编入组织
      </Button>
      <FormModal
        opened={open}
        onClose={close}
        title="把当前列表中的人员编入组织"
        size="md"
        submitLabel="编入"
        form={form}
        onSubmit={async ({ key }) => {
          const unit = units.find((u) => u.key === key)!;
          const r = await assign.mutateAsync({ query: { ...query, page: 1 }, ref: unit.ref });
          done(
            `已将 ${r.changed} 人编入${unit.name}${r.matched > r.changed ? `（另有 ${r.matched - r.changed} 人原已在内）` : ''}`,
          );
        }}
      >
        <Text size="sm">
          按当前筛选条件共 <b>{count}</b>{' '}
          人（所有页），其中在册人员编入（已故、迁出人员不变）。编入行政小组或党小组时，同时编入其所属的大组或支部；每人的档案记下这次调整。
        </Text>
        <Select label="编入" searchable data={unitChoices(units)} {...form.getInputProps('key')} />
      </FormModal>
    </>
  );
}
