// 病故登记: the file becomes 已故 (the file page reads it again and keeps any edit in progress on
// top), and the office's checklist opens.
import { Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { PersonFile } from '../../../../src-main/contract/retirees';
import { FormModal } from '../../../kit/FormModal';
import { useRpcMutation } from '../../../kit/rpc';
import { FormDateField } from '../../../kit/FormDateField';
import { textField, validatedAs } from '../fields';

export function DeathForm({ opened, person, onClose }: { opened: boolean; person: PersonFile; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      personId: person.id,
      diedOn: null as string | null,
      reportedBy: null as string | null,
      note: null as string | null,
    },
    validate: validatedAs('deaths.register'),
  });
  // The person's status, the lists and figures that count the living, the reminders.
  const register = useRpcMutation('deaths.register', {
    invalidates: [
      'deaths.get',
      'retirees.get',
      'retirees.history',
      'retirees.list',
      'retirees.figures',
      'reminders.get',
    ],
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
      title={`病故登记：${person.name}`}
      size="md"
      submitLabel="确认登记"
      submitColor="dark"
      form={form}
      onSubmit={(v) => register.mutateAsync(v as never)}
    >
      <Text size="sm">
        登记后，档案状态改为“已故”，不再出现在生日提醒、节日慰问和邮寄名单中；办公室的后续事项列为清单逐项办理。
      </Text>
      <FormDateField form={form} path="diedOn" label="去世日期" placeholder="如 2026-11-20" />
      <TextInput label="报告人" placeholder="如 其子刘强" {...textField(form, 'reportedBy')} />
      <Textarea label="备注" {...textField(form, 'note')} />
    </FormModal>
  );
}
