// 住院登记 forms: registering a stay (from the file, or from the 住院登记 screen with a person picked),
// correcting one (only what the clerk changed is sent, against what the form showed: the save
// rule), and 出院登记.
import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { MethodName } from '../../../../src-main/contract';
import { type Stay, stayFieldsOf } from '../../../../src-main/contract/stays';
import { NEWS_SOURCES } from '../../../../src-main/shared/care';
import { todayIso } from '../../../../src-main/shared/dates';
import { PersonPicker, type PickedPerson } from '../../../components/PersonPicker';
import { editOf } from '../../../kit/edit';
import { FormDateField } from '../../../kit/FormDateField';
import { FormModal } from '../../../kit/FormModal';
import { useRpcMutation } from '../../../kit/rpc';
import { textField, validatedAs } from '../fields';

/** What a stay changes: the file's stays, the 住院登记 screen, the home page's lists, the file's history. */
export const STAY_READERS: MethodName[] = [
  'stays.list',
  'stays.board',
  'reminders.get',
  'reminders.groups',
  'retirees.history',
];

const EMPTY = {
  hospital: null as string | null,
  department: null as string | null,
  bed: null as string | null,
  admittedOn: null as string | null,
  dischargedOn: null as string | null,
  condition: null as string | null,
  outcome: null as string | null,
  newsSource: null as string | null,
  newsDetail: null as string | null,
  note: null as string | null,
};
type StayDraft = typeof EMPTY;

/**
 * Registers a stay (`stay` null) for `person`, or for one picked when `person` is null; or corrects
 * `stay`. Keyed by the caller on what it opens, so that each opening starts from its record.
 */
export function StayForm({
  opened,
  person,
  stay = null,
  onClose,
}: {
  opened: boolean;
  person: { id: number; name: string } | null;
  stay?: Stay | null;
  onClose: () => void;
}) {
  const base: StayDraft = stay ? stayFieldsOf(stay) : { ...EMPTY, admittedOn: todayIso() };
  const byContract = validatedAs('stays.create');
  // The person is the file's own, the stay's, or one picked (kept beside the fields, never sent as one).
  const form = useForm({
    mode: 'controlled',
    initialValues: { ...base, picked: null as PickedPerson | null },
    validate: ({ picked, ...values }) => ({
      ...byContract({ ...values, personId: person?.id ?? picked?.id ?? stay?.personId ?? 1 }),
      ...(!person && !stay && !picked ? { picked: '请选择住院人员' } : {}),
    }),
  });
  const create = useRpcMutation('stays.create', { invalidates: STAY_READERS, onError: () => {} });
  const update = useRpcMutation('stays.update', { invalidates: STAY_READERS, onError: () => {} });
  const close = () => {
    form.reset();
    onClose();
  };
  const who = person?.name ?? stay?.personName;
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={stay ? `修改住院登记：${stay.personName}` : who ? `住院登记：${who}` : '住院登记'}
      form={form}
      onSubmit={async ({ picked, ...v }) => {
        if (stay) return update.mutateAsync({ id: stay.id, version: stay.version, ...editOf(base, v) } as never);
        return create.mutateAsync({ ...v, personId: person?.id ?? picked?.id } as never);
      }}
    >
      {!person && !stay && (
        <PersonPicker
          label="住院人员"
          value={form.values.picked}
          onChange={(p) => form.setFieldValue('picked', p)}
          error={form.errors.picked as string | undefined}
        />
      )}
      <SimpleGrid cols={3}>
        <TextInput label="医院" required {...textField(form, 'hospital')} />
        <TextInput label="科室" {...textField(form, 'department')} />
        <TextInput label="床号" {...textField(form, 'bed')} />
        <FormDateField form={form} path="admittedOn" label="入院日期" placeholder="如 2026-11-20" />
        <FormDateField
          empty={null}
          form={form}
          path="dischargedOn"
          label="出院日期（在院不填）"
          placeholder="如 2026-11-30"
        />
        <Select label="消息来源" data={[...NEWS_SOURCES]} clearable {...form.getInputProps('newsSource')} />
      </SimpleGrid>
      <TextInput label="消息来源说明" placeholder="如 其女王丽来电，138…" {...textField(form, 'newsDetail')} />
      <Textarea label="病情" autosize minRows={2} {...textField(form, 'condition')} />
      <Textarea label="治疗结果" autosize minRows={1} {...textField(form, 'outcome')} />
      <Textarea label="备注" autosize minRows={1} {...textField(form, 'note')} />
    </FormModal>
  );
}

/** 出院登记: the day and how the treatment ended; the follow-up falls due after it. */
export function DischargeForm({ stay, onClose }: { stay: Stay | null; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      id: stay?.id ?? 0,
      version: stay?.version ?? 1,
      dischargedOn: todayIso() as string | null,
      outcome: stay?.outcome ?? null,
    },
    validate: validatedAs('stays.discharge'),
  });
  const discharge = useRpcMutation('stays.discharge', { invalidates: STAY_READERS, onError: () => {} });
  const close = () => {
    form.reset();
    onClose();
  };
  return (
    <FormModal
      opened={stay !== null}
      onClose={close}
      title={`出院登记：${stay?.personName ?? ''}（${stay?.hospital ?? ''}）`}
      size="md"
      submitLabel="确认出院"
      form={form}
      onSubmit={(v) => discharge.mutateAsync(v as never)}
    >
      <FormDateField form={form} path="dischargedOn" label="出院日期" placeholder="如 2026-11-30" />
      <Textarea label="治疗结果" placeholder="如 好转出院" autosize minRows={2} {...textField(form, 'outcome')} />
    </FormModal>
  );
}
