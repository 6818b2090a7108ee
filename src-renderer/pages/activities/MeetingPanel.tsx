// A meeting's own record (会议制度): the staff who attend beside the retirees (one added by mistake
// removed, after a confirm), the host, recorder, agenda and minutes (会议纪要, once it has been held),
// the files kept with it, and the sign-in sheet and the minutes to print. The record is saved
// against what the form loaded (src-main/audit/edits.ts): another clerk's save meanwhile of the
// same field is refused and shown here, the meeting read again under the user's own edits.
import {
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconPrinter } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import {
  meetingRecordOf,
  type ActivityView,
  type MeetingRecord,
  type StaffAttendee,
} from '../../../src-main/contract/activities';
import { todayIso } from '../../../src-main/shared/dates';
import { RecordAttachments } from '../../components/RecordAttachments';
import { DataTable } from '../../kit/DataTable';
import { fieldErrors, useRecordUnder } from '../../kit/form';
import { Can, useCan } from '../../kit/operator';
import { rpcKey, useRpc, useRpcMutation } from '../../kit/rpc';
import { done, failed } from '../../notify';
import { navigate } from '../../route';
import { textField } from '../person/fields';

interface StaffValues extends Record<string, unknown> {
  name: string;
  unit: string;
}

export function MeetingPanel({ meeting: a }: { meeting: ActivityView }) {
  const client = useQueryClient();
  const show = (next: ActivityView) => client.setQueryData(rpcKey('activities.get', { id: a.id }), next);
  const held = a.heldOn <= todayIso();
  const mayWrite = useCan('activities.meeting');
  const record = useForm<MeetingRecord>({ mode: 'controlled', initialValues: meetingRecordOf(a) });
  // The meeting read again (corrected in 编辑, or after a refused save), or as saved: its record goes
  // under the form, the user's edits on top.
  const loadUnder = useRecordUnder(record, a, meetingRecordOf);
  const staffForm = useForm<StaffValues>({ mode: 'controlled', initialValues: { name: '', unit: '' } });
  const choices = useRpc('activities.staffChoices', {});
  const save = useRpcMutation('activities.meeting', {
    invalidates: ['activities.list'],
    onSuccess: (next) => {
      loadUnder(meetingRecordOf(next));
      show(next);
      done('已保存会议记录');
    },
    onError: (e) => {
      // Refused for another clerk's save meanwhile: said above the form (save.error), and the
      // meeting read again under what the user typed, so that a second save is made knowingly.
      if (e.code === 'conflict') {
        void client.invalidateQueries({ queryKey: rpcKey('activities.get', { id: a.id }) });
        return;
      }
      const errors = fieldErrors(e, ['host', 'recorder', 'agenda', 'minutes']);
      if (Object.keys(errors).length) record.setErrors(errors);
      else failed(e);
    },
  });
  const addStaff = useRpcMutation('activities.addStaff', {
    onSuccess: (next) => {
      show(next);
      staffForm.reset();
    },
  });
  const staffAttendance = useRpcMutation('activities.staffAttendance', { onSuccess: show });
  const markStaff = (s: StaffAttendee, attended: boolean) =>
    staffAttendance.mutate({ id: a.id, staffIds: [s.id], attended });
  const staffName = staffForm.getValues().name.trim();
  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={4}>会议记录</Title>
          <Group>
            <Button
              variant="light"
              leftSection={<IconPrinter size={18} />}
              onClick={() => navigate('/print/sign-in', { activity: String(a.id) })}
            >
              打印签到表
            </Button>
            <Button
              variant="light"
              leftSection={<IconPrinter size={18} />}
              disabled={!a.minutes}
              onClick={() => navigate('/print/minutes', { activity: String(a.id) })}
            >
              打印会议纪要
            </Button>
          </Group>
        </Group>
        <div>
          <Text fw={500} mb={4}>
            参会工作人员（{a.staff.length} 人，到会 {a.staff.filter((s) => s.attended).length} 人）
          </Text>
          <DataTable<StaffAttendee>
            records={a.staff}
            striped
            minHeight={a.staff.length ? undefined : 80}
            noRecordsText="还没有登记参会的工作人员"
            columns={[
              { accessor: 'name', title: '姓名' },
              { accessor: 'unit', title: '单位或部门', render: (s) => s.unit ?? '本办' },
              {
                accessor: 'attended',
                title: '到会',
                width: 100,
                render: (s) => (
                  <Checkbox
                    size="md"
                    aria-label={`${s.name}到会`}
                    checked={s.attended}
                    disabled={!mayWrite}
                    onChange={(e) => markStaff(s, e.currentTarget.checked)}
                  />
                ),
              },
              {
                accessor: 'remove',
                title: '',
                width: 90,
                render: (s) => (
                  <Can method="activities.removeStaff">
                    <RemoveStaffButton meeting={a} staff={s} onRemoved={show} />
                  </Can>
                ),
              },
            ]}
            rowLabel={(s) => `${s.name}，${s.attended ? '已到会' : '未到会'}`}
          />
          <Can method="activities.addStaff">
            <Group align="end" mt="xs">
              <Autocomplete
                label="工作人员"
                description="从操作员中选择，或直接填写姓名"
                data={(choices.data ?? []).map((o) => o.name)}
                w={220}
                {...staffForm.getInputProps('name')}
              />
              <TextInput label="单位或部门" placeholder="本办" w={220} {...staffForm.getInputProps('unit')} />
              <Button
                variant="light"
                disabled={!staffName}
                loading={addStaff.isPending}
                onClick={() =>
                  addStaff.mutate({
                    id: a.id,
                    staff: [
                      {
                        name: staffName,
                        unit: staffForm.getValues().unit,
                        operatorId: choices.data?.find((o) => o.name === staffName)?.id ?? null,
                      },
                    ],
                  })
                }
              >
                添加参会人员
              </Button>
            </Group>
          </Can>
        </div>
        <form
          onSubmit={record.onSubmit((v) =>
            save.mutate({
              id: a.id,
              ...v,
              minutes: held ? v.minutes : null,
              loaded: record.getInitialValues(),
            }),
          )}
        >
          <Stack gap="sm">
            {save.error?.code === 'conflict' && (
              <Alert color="orange" title="会议记录未保存">
                {save.error.message}
                您没有改动的栏目已换成现在保存的内容，您填写的内容仍在栏目中，核对后可再次保存。
              </Alert>
            )}
            <SimpleGrid cols={2}>
              <TextInput label="主持人" readOnly={!mayWrite} {...textField(record, 'host')} />
              <TextInput label="记录人" readOnly={!mayWrite} {...textField(record, 'recorder')} />
            </SimpleGrid>
            <Textarea label="议程" autosize minRows={2} readOnly={!mayWrite} {...textField(record, 'agenda')} />
            <Textarea
              label="会议纪要"
              description={held ? undefined : '会议召开后记录'}
              autosize
              minRows={4}
              disabled={!held}
              readOnly={!mayWrite}
              {...textField(record, 'minutes')}
            />
            <Can method="activities.meeting">
              <Group justify="flex-end">
                <Button type="submit" loading={save.isPending} disabled={!record.isDirty()}>
                  保存会议记录
                </Button>
              </Group>
            </Can>
          </Stack>
        </form>
        <RecordAttachments kind="activity" id={a.id} title="会议附件（签到表扫描件、照片、材料）" />
      </Stack>
    </Paper>
  );
}

/** 移除 on a staff row: asks first, then takes them off the meeting's list (added by mistake). */
function RemoveStaffButton({
  meeting,
  staff,
  onRemoved,
}: {
  meeting: ActivityView;
  staff: StaffAttendee;
  onRemoved: (next: ActivityView) => void;
}) {
  const [asking, ask] = useDisclosure(false);
  const remove = useRpcMutation('activities.removeStaff', {
    onSuccess: (next) => {
      ask.close();
      onRemoved(next);
      done(`已将${staff.name}移出参会工作人员名单`);
    },
  });
  return (
    <>
      <Button size="compact-sm" variant="subtle" color="red" aria-label={`移除${staff.name}`} onClick={ask.open}>
        移除
      </Button>
      <Modal opened={asking} onClose={ask.close} title="移除参会工作人员">
        <Stack>
          <Text>
            将{staff.name}（{staff.unit ?? '本办'}）移出“{meeting.title}
            ”的参会工作人员名单？签到表和会议纪要将不再列出。
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={ask.close}>
              取消
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => remove.mutate({ id: meeting.id, staffId: staff.id })}
            >
              移除
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
