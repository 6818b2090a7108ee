// Recording a visit on the file: the contract's own checks before it is sent, its refusals beside
// the fields. A visit that was also this year's certification shows in the certifications too.
import { Checkbox, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { VISIT_KINDS } from '../../../../src-main/shared/care';
import { todayIso } from '../../../../src-main/shared/dates';
import { FormModal } from '../../../kit/FormModal';
import { rpcKey, useRpcMutation } from '../../../kit/rpc';
import { FormDateField } from '../../../kit/FormDateField';
import { textField, validatedAs } from '../fields';

export function VisitForm({ opened, personId, onClose }: { opened: boolean; personId: number; onClose: () => void }) {
  const client = useQueryClient();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      personId,
      kind: null as string | null,
      date: todayIso() as string | null,
      visitors: null as string | null,
      money: null as string | null,
      items: null as string | null,
      note: null as string | null,
      followUpOn: null as string | null,
      certify: false,
    },
    validate: validatedAs('visits.create'),
  });
  const create = useRpcMutation('visits.create', {
    invalidates: ['visits.list', 'reminders.get'],
    onSuccess: (_v, input) => {
      if (input.certify) void client.invalidateQueries({ queryKey: rpcKey('certifications.list') });
    },
    // The dialog shows the refusal itself.
    onError: () => {},
  });
  const close = () => {
    form.reset();
    onClose();
  };
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title="记录走访慰问"
      form={form}
      onSubmit={(v) => create.mutateAsync(v as never)}
    >
      <SimpleGrid cols={2}>
        <Select label="类别" data={[...VISIT_KINDS]} {...form.getInputProps('kind')} />
        <FormDateField form={form} path="date" label="日期" />
        <TextInput label="走访人（工作人员、组长）" {...textField(form, 'visitors')} />
        <TextInput label="慰问金（元）" {...textField(form, 'money')} />
        <TextInput label="慰问品" {...textField(form, 'items')} />
        <FormDateField
          empty={null}
          form={form}
          path="followUpOn"
          label="回访日期（可不填）"
          placeholder="如 2026-12-15"
        />
      </SimpleGrid>
      <Textarea label="情况记录" autosize minRows={3} {...textField(form, 'note')} />
      <Checkbox
        label="本次走访同时完成本年度养老金领取资格认证"
        {...form.getInputProps('certify', { type: 'checkbox' })}
      />
    </FormModal>
  );
}
