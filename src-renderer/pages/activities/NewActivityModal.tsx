// 新建活动: a form in a dialog, checked by the contract's own ActivityInput before it is sent; the
// router's refusals land beside their fields. Inviting a unit invites everyone on its roll.
import { Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { ACTIVITY_KINDS, ActivityInput } from '../../../src-main/contract/activities';
import { unitKey, type UnitRef } from '../../../src-main/contract/org';
import { todayIso } from '../../../src-main/shared/dates';
import { unitChoices } from '../../components/unitOptions';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { navigate } from '../../route';

interface NewActivityValues extends Record<string, unknown> {
  kind: (typeof ACTIVITY_KINDS)[number];
  title: string;
  heldOn: string | null;
  place: string;
  organiser: string;
  note: string;
  inviteUnit: UnitRef | null;
}

const emptyActivity = (): NewActivityValues => ({
  kind: '学习会',
  title: '',
  heldOn: todayIso(),
  place: '',
  organiser: '',
  note: '',
  inviteUnit: null,
});

export function NewActivityModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const units = useRpc('org.tree', {}, { enabled: opened });
  const form = useForm<NewActivityValues>({
    mode: 'controlled',
    initialValues: emptyActivity(),
    validate: zod4Resolver(ActivityInput as never),
  });
  const create = useRpcMutation('activities.create', {
    invalidates: ['activities.list', 'activities.ofPerson'],
    // Refusals stay in the dialog, beside their fields (FormModal).
    onError: () => {},
    onSuccess: (a) => {
      done(`已建立“${a.title}”，邀请 ${a.invited} 人`);
      navigate(`/activities/${a.id}`);
    },
  });
  const invite = form.getValues().inviteUnit;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="新建活动"
      form={form}
      submitLabel="建立"
      onSubmit={(v) => create.mutateAsync({ ...v, heldOn: v.heldOn ?? '' })}
    >
      <SimpleGrid cols={2}>
        <Select label="类别" data={[...ACTIVITY_KINDS]} allowDeselect={false} {...form.getInputProps('kind')} />
        <FormDateField form={form} path="heldOn" label="日期" />
      </SimpleGrid>
      <TextInput label="名称" data-autofocus {...form.getInputProps('title')} />
      <SimpleGrid cols={2}>
        <TextInput label="地点" {...form.getInputProps('place')} />
        <TextInput label="组织者" {...form.getInputProps('organiser')} />
      </SimpleGrid>
      <Select
        label="邀请"
        description="所选组织的全部在册人员；其他人员可在活动页补登"
        placeholder="不按组织邀请"
        searchable
        clearable
        data={unitChoices(units.data ?? [], true)}
        value={invite ? unitKey(invite) : null}
        error={form.errors.inviteUnit}
        onChange={(key) => form.setFieldValue('inviteUnit', units.data?.find((u) => u.key === key)?.ref ?? null)}
      />
      <Textarea label="备注" autosize minRows={2} {...form.getInputProps('note')} />
    </FormModal>
  );
}
