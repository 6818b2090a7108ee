// 编辑: an activity or meeting corrected after it was entered (a date typed wrong, the place). The
// form loads the activity's fields and sends them back beside what it loaded, so the router saves
// only what the user changed and refuses a field another clerk changed meanwhile, naming it
// (src-main/audit/edits.ts). The kind offers only its own family: a meeting's minutes, staff and
// sign-in belong to a meeting. Mounted when opened, so it starts from the activity shown; read again
// after a refused save, the activity goes under what the user typed.
import { Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import {
  ACTIVITY_KINDS,
  ActivityFields,
  activityFieldsOf,
  isMeeting,
  MEETING_KINDS,
  type ActivityView,
} from '../../../src-main/contract/activities';
import { FormDateField } from '../../kit/FormDateField';
import { useRecordUnder } from '../../kit/form';
import { FormModal } from '../../kit/FormModal';
import { rpcKey, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { textField } from '../person/fields';

export function EditActivityModal({ activity: a, onClose }: { activity: ActivityView; onClose: () => void }) {
  const client = useQueryClient();
  const form = useForm<ActivityFields>({
    mode: 'controlled',
    initialValues: activityFieldsOf(a),
    validate: zod4Resolver(ActivityFields as never),
  });
  const update = useRpcMutation('activities.update', {
    invalidates: ['activities.list', 'activities.ofPerson', 'plan.get'],
    onSuccess: (next) => {
      client.setQueryData(rpcKey('activities.get', { id: a.id }), next);
      done(`已保存“${next.title}”的修改`);
    },
    // Refusals stay in the dialog, beside their fields (FormModal). After a conflict the activity is
    // read again and goes under the form (below): the other clerk's values where the user changed
    // nothing, the user's edits on top, so that a second save is made knowingly.
    onError: (e) => {
      if (e.code === 'conflict') void client.invalidateQueries({ queryKey: rpcKey('activities.get', { id: a.id }) });
    },
  });
  useRecordUnder(form, a, activityFieldsOf);
  const meeting = isMeeting(a.kind);
  const kinds = meeting ? [...MEETING_KINDS] : ACTIVITY_KINDS.filter((k) => !isMeeting(k));
  return (
    <FormModal
      opened
      onClose={onClose}
      title={`编辑${meeting ? '会议' : '活动'}：${a.title}`}
      form={form}
      onSubmit={(v) => update.mutateAsync({ id: a.id, activity: v, loaded: form.getInitialValues() })}
    >
      <SimpleGrid cols={2}>
        <Select
          label="类别"
          description={meeting ? '只能改为其他会议类别' : '只能改为其他活动类别'}
          data={kinds}
          allowDeselect={false}
          {...form.getInputProps('kind')}
        />
        <FormDateField form={form} path="heldOn" label="日期" />
      </SimpleGrid>
      <TextInput label="名称" data-autofocus {...form.getInputProps('title')} />
      <SimpleGrid cols={2}>
        <TextInput label="地点" {...textField(form, 'place')} />
        <TextInput label="组织者" {...textField(form, 'organiser')} />
      </SimpleGrid>
      {meeting && (
        <>
          <SimpleGrid cols={3}>
            <TextInput label="时间" placeholder="09:30" {...textField(form, 'startsAt')} />
            <TextInput label="主持人" {...textField(form, 'host')} />
            <TextInput label="记录人" {...textField(form, 'recorder')} />
          </SimpleGrid>
          <Textarea label="议程" autosize minRows={2} {...textField(form, 'agenda')} />
        </>
      )}
      <Textarea label="备注" autosize minRows={2} {...textField(form, 'note')} />
    </FormModal>
  );
}
