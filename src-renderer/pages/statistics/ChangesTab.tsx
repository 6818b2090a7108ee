// 待核实的变化: status changes the file gave no date for, and category changes found in the audit
// log when the history began. The clerk settles each: 变动 (it happened then) or 更正 (the record
// was wrong), and the date it took effect; the statistics then count it so.
import { Button, Radio, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { CHANGE_FIELDS as FIELD, CHANGE_NATURES, type ChangeView } from '../../../src-main/contract/statistics';
import { formatChineseDate } from '../../../src-main/shared/dates';
import { DataTable } from '../../kit/DataTable';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { Can, useCan } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';

interface SettleValues extends Record<string, unknown> {
  id: number;
  what: string;
  nature: (typeof CHANGE_NATURES)[number];
  effectiveDate: string | null;
}

export function ChangesTab() {
  const list = useRpc('statistics.changes', { toCheck: true });
  const [opened, dialog] = useDisclosure(false);
  const form = useForm<SettleValues>({
    mode: 'controlled',
    initialValues: { id: 0, what: '', nature: '变动', effectiveDate: null },
  });
  const settle = useRpcMutation('statistics.confirmChange', {
    invalidates: ['statistics.changes', 'statistics.figures', 'statistics.balance', 'statistics.people'],
    onSuccess: (c) => done(`已核实：${c.name}的${FIELD[c.field]}变化`),
  });
  // A role that may not settle a change reads the list; a row then opens nothing.
  const maySettle = useCan('statistics.confirmChange');
  const open = (c: ChangeView) => {
    form.setValues({
      id: c.id,
      what: `${c.name}：${FIELD[c.field]}由“${c.from}”改为“${c.to}”`,
      nature: c.nature,
      effectiveDate: c.dateKnown ? c.effectiveDate : null,
    });
    dialog.open();
  };
  return (
    <Stack gap="sm">
      <Text>
        下列变化缺少日期，或是启用变化记录时从修改记录中找到的，请逐条核实：变化是当时发生的（变动），还是原来登记错了（更正）。
      </Text>
      <DataTable<ChangeView>
        records={list.data ?? []}
        fetching={list.isPending}
        minHeight={list.data?.length ? undefined : 150}
        noRecordsText="没有待核实的变化"
        striped
        onRowOpen={maySettle ? open : undefined}
        columns={[
          { accessor: 'name', title: '姓名', width: 110 },
          { accessor: 'field', title: '项目', width: 100, render: (c) => FIELD[c.field] },
          { accessor: 'change', title: '变化', render: (c) => `${c.from} → ${c.to}` },
          {
            accessor: 'effectiveDate',
            title: '日期',
            width: 200,
            render: (c) =>
              c.dateKnown
                ? formatChineseDate(c.effectiveDate)
                : `未写日期（${formatChineseDate(c.effectiveDate)}录入）`,
          },
          { accessor: 'nature', title: '性质', width: 80 },
          {
            accessor: 'actions',
            title: '',
            width: 100,
            render: (c) => (
              <Can method="statistics.confirmChange">
                <Button size="xs" variant="light" onClick={() => open(c)}>
                  核实
                </Button>
              </Can>
            ),
          },
        ]}
      />
      <FormModal
        opened={opened}
        onClose={dialog.close}
        title="核实变化"
        size="md"
        form={form}
        submitLabel="确认"
        onSubmit={(v) => settle.mutateAsync({ id: v.id, nature: v.nature, effectiveDate: v.effectiveDate ?? '' })}
      >
        <Text fw={600}>{form.getValues().what}</Text>
        <Radio.Group label="性质" {...form.getInputProps('nature')}>
          <Stack gap={6} mt={6}>
            <Radio value="变动" label="变动：当时确实发生了变化（去世、迁出、类别调整）" />
            <Radio value="更正" label="更正：原来登记错了，改正后的内容适用于以前各年" />
          </Stack>
        </Radio.Group>
        <FormDateField form={form} path="effectiveDate" empty={null} label="变化日期" partial required />
      </FormModal>
    </Stack>
  );
}
