// 依据调资核对确认基数: next year's bases proposed from the adjustment check's new monthly figures,
// beside what is recorded; staff tick the ones to take (one, some or all) and confirm. Nothing is
// applied without it.
import { Alert, Checkbox, Table, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { formatChineseDate } from '../../../src-main/shared/dates';
import { formatYuan } from '../../../src-main/shared/money';
import { FormModal } from '../../kit/FormModal';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { DUES_READS, SelectAllHead } from './DuesModals';

export function ProposalsModal({
  opened,
  onClose,
  branchId,
  year,
}: {
  opened: boolean;
  onClose: () => void;
  branchId: number;
  year: number;
}) {
  const proposal = useRpc('dues.proposals', { branchId, year });
  const form = useForm<{ selected: number[] }>({ mode: 'controlled', initialValues: { selected: [] } });
  const confirm = useRpcMutation('dues.confirmBases', {
    invalidates: [...DUES_READS],
    onError: () => {},
    onSuccess: (r) => done(`已确认 ${r.confirmed} 人的 ${year} 年度党费基数`),
  });
  const rows = proposal.data?.rows ?? [];
  const open = rows.filter((r) => r.adjustmentRowId !== null && !r.confirmed);
  const selected = form.getValues().selected;
  const all = open.length > 0 && open.every((r) => selected.includes(r.adjustmentRowId!));
  const toggle = (id: number) =>
    form.setFieldValue('selected', selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  const run = proposal.data?.run;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={`确认 ${year} 年度党费基数`}
      form={form}
      submitLabel={`确认所选 ${selected.length} 人`}
      onSubmit={(v) => confirm.mutateAsync({ year, adjustmentRowIds: v.selected })}
    >
      {run ? (
        <Text size="sm">
          依据 {run.year} 年调资核对（{run.fileName}，{formatChineseDate(run.importedAt.slice(0, 10))}
          导入）中调整后的月基本养老金，请逐人核对后确认。
        </Text>
      ) : (
        <Alert color="yellow">尚未导入 {year - 1} 年调资核对名单，无法提出建议基数；可逐人登记基数。</Alert>
      )}
      <Table withTableBorder verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <SelectAllHead
              all={all}
              some={selected.length > 0}
              disabled={open.length === 0}
              onToggle={() => form.setFieldValue('selected', all ? [] : open.map((r) => r.adjustmentRowId!))}
            />
            <Table.Th>姓名</Table.Th>
            <Table.Th ta="right">现登记基数</Table.Th>
            <Table.Th ta="right">建议基数</Table.Th>
            <Table.Th ta="right">月应交</Table.Th>
            <Table.Th>状态</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.personId}>
              <Table.Td>
                {r.adjustmentRowId !== null && !r.confirmed && (
                  <Checkbox
                    aria-label={`确认${r.name}`}
                    checked={selected.includes(r.adjustmentRowId)}
                    onChange={() => toggle(r.adjustmentRowId!)}
                  />
                )}
              </Table.Td>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td ta="right">{r.current?.baseFen != null ? formatYuan(r.current.baseFen) : '—'}</Table.Td>
              <Table.Td ta="right">{r.proposedFen !== null ? formatYuan(r.proposedFen) : '—'}</Table.Td>
              <Table.Td ta="right">{r.proposedDueFen !== null ? formatYuan(r.proposedDueFen) : '—'}</Table.Td>
              <Table.Td>
                {r.confirmed ? '已确认' : r.adjustmentRowId === null ? '调资名单中无此人，请逐人登记' : '待确认'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </FormModal>
  );
}
