// 新建活动: a form in a dialog, checked by the contract's own ActivityInput before it is sent; the
// router's refusals land beside their fields. Inviting a unit invites everyone on its roll. A
// meeting (会议) also takes its time, host, recorder and agenda; staff are added on its page.
import { Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { ACTIVITY_KINDS, ActivityInput, isMeeting, MEETING_KINDS } from '../../../src-main/contract/activities';
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
  startsAt: string;
  host: string;
  recorder: string;
  agenda: string;
}

const emptyActivity = (): NewActivityValues => ({
  kind: '学习会',
  title: '',
  heldOn: todayIso(),
  place: '',
  organiser: '',
  note: '',
  inviteUnit: null,
  startsAt: '',
  host: '',
  recorder: '',
  agenda: '',
});

/** The kinds as the office names them: its meetings, then the activities it holds for the retirees. */
const KIND_CHOICES = [
  { group: '会议', items: [...MEETING_KINDS] },
  { group: '活动', items: ACTIVITY_KINDS.filter((k) => !isMeeting(k)) },
];

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
  const meeting = isMeeting(form.getValues().kind);
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
        <Select label="类别" data={KIND_CHOICES} allowDeselect={false} {...form.getInputProps('kind')} />
        <FormDateField form={form} path="heldOn" label="日期" />
      </SimpleGrid>
      <TextInput label="名称" data-autofocus {...form.getInputProps('title')} />
      <SimpleGrid cols={2}>
        <TextInput label="地点" {...form.getInputProps('place')} />
        <TextInput label="组织者" {...form.getInputProps('organiser')} />
      </SimpleGrid>
      {meeting && (
        <>
          <SimpleGrid cols={3}>
            <TextInput label="时间" placeholder="09:30" {...form.getInputProps('startsAt')} />
            <TextInput label="主持人" {...form.getInputProps('host')} />
            <TextInput label="记录人" {...form.getInputProps('recorder')} />
          </SimpleGrid>
          <Textarea label="议程" autosize minRows={2} {...form.getInputProps('agenda')} />
        </>
      )}
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
