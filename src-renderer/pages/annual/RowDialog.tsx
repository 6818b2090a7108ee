// One row of the agency's list in a dialog: both figures, how the rule reaches its figure, what is
// wrong; then checked off with a note (a difference needs one: the router says so), or, once
// checked, the check taken back with a reason.
import { Alert, SimpleGrid, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { AdjustmentRowView } from '../../../src-main/contract/adjustments';
import { contract, type InputOf } from '../../../src-main/contract';
import { FormModal } from '../../kit/FormModal';
import { useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { ADJUSTMENT_READS, yuan } from './shared';

const who = (row: AdjustmentRowView) => row.name ?? row.idNumber ?? `第 ${row.row} 行`;

function RowFacts({ row }: { row: AdjustmentRowView }) {
  return (
    <>
      <SimpleGrid cols={3}>
        <Text>调整前：{yuan(row.oldFen)} 元</Text>
        <Text>经办机构调整额：{yuan(row.agencyFen)} 元</Text>
        <Text>应调金额：{yuan(row.expectedFen)} 元</Text>
      </SimpleGrid>
      {row.breakdown.length > 0 && (
        <Alert color="gray" title="按本年度规则计算">
          {row.breakdown.map((l) => (
            <Text key={l}>{l}</Text>
          ))}
        </Alert>
      )}
      {row.issues.length > 0 && (
        <Alert color="orange" title="问题">
          {row.issues.map((i) => (
            <Text key={i.message}>{i.message}</Text>
          ))}
        </Alert>
      )}
    </>
  );
}

export function RowDialog({ row, onClose }: { row: AdjustmentRowView; onClose: () => void }) {
  return row.checkedOn ? <UncheckDialog row={row} onClose={onClose} /> : <CheckDialog row={row} onClose={onClose} />;
}

function CheckDialog({ row, onClose }: { row: AdjustmentRowView; onClose: () => void }) {
  const form = useForm<InputOf<'adjustments.check'>>({
    initialValues: { id: row.id, note: '' },
    validate: zod4Resolver(contract['adjustments.check'].input),
  });
  // The dialog shows a refusal itself.
  const check = useRpcMutation('adjustments.check', {
    invalidates: ADJUSTMENT_READS,
    onError: () => {},
    onSuccess: () => done(`${row.name ?? '此人'}已核对`),
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={`核对：${who(row)}`}
      form={form}
      onSubmit={(v) => check.mutateAsync(v)}
      submitLabel="确认已核对"
      size="xl"
    >
      <RowFacts row={row} />
      <Textarea
        label="核对备注"
        description={row.diffFen ? '金额不一致，请写明与社保经办机构核实及处理的情况' : '可不填'}
        autosize
        minRows={2}
        data-autofocus
        {...form.getInputProps('note')}
      />
    </FormModal>
  );
}

function UncheckDialog({ row, onClose }: { row: AdjustmentRowView; onClose: () => void }) {
  const form = useForm<InputOf<'adjustments.uncheck'>>({
    initialValues: { id: row.id, reason: '' },
    validate: zod4Resolver(contract['adjustments.uncheck'].input),
  });
  const uncheck = useRpcMutation('adjustments.uncheck', {
    invalidates: ADJUSTMENT_READS,
    onError: () => {},
    onSuccess: () => done('已撤销核对'),
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={`撤销核对：${who(row)}`}
      form={form}
      onSubmit={(v) => uncheck.mutateAsync(v)}
      submitLabel="撤销核对"
      submitColor="red"
      size="xl"
    >
      <RowFacts row={row} />
      <Text>
        已于 {row.checkedOn} 由{row.checkedBy}核对{row.checkNote ? `：${row.checkNote}` : ''}。
      </Text>
      <Textarea label="撤销原因" autosize minRows={2} data-autofocus {...form.getInputProps('reason')} />
    </FormModal>
  );
}
