// Recording a visit on the file: the contract's own checks before it is sent, its refusals beside
// the fields. A visit that was also this year's certification shows in the certifications too. It
// says what happened: who led it, who went along, what the person or the family said, photos; a
// call says how it went (only an answered call is contact). Opened from a hospital stay, it is that
// stay's 住院看望.
import { Button, Checkbox, FileButton, Group, Select, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { IconPhoto } from '@tabler/icons-react';
import type { MethodName } from '../../../../src-main/contract';
import { CALL_KIND, CALL_OUTCOMES, STAY_VISIT_KIND, VISIT_KINDS } from '../../../../src-main/shared/care';
import { todayIso } from '../../../../src-main/shared/dates';
import { call } from '../../../api';
import { fileToBase64 } from '../../../files';
import { FormModal } from '../../../kit/FormModal';
import { rpcKey, useRpcMutation } from '../../../kit/rpc';
import { FormDateField } from '../../../kit/FormDateField';
import { textField, validatedAs } from '../fields';

/**
 * What a visit changes: the file's visits and the reminders; the stays too (their visits, a discharge
 * followed up) where the person has any; the file (its attachments) where photos were added.
 */
const VISIT_READERS: MethodName[] = ['visits.list', 'reminders.get', 'reminders.groups', 'stays.board'];

/** The form's own rule beside the contract's: a call says how it went. */
export function visitErrors(values: { kind: string | null; callOutcome: string | null }): Record<string, string> {
  return values.kind === CALL_KIND && !values.callOutcome ? { callOutcome: '请选择通话情况' } : {};
}

export function VisitForm({
  opened,
  personId,
  stay = null,
  onClose,
}: {
  opened: boolean;
  personId: number;
  /** The hospital stay the visit is made for (住院看望). */
  stay?: { id: number; hospital: string } | null;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const byContract = validatedAs('visits.create');
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      personId,
      stayId: stay?.id ?? null,
      kind: (stay ? STAY_VISIT_KIND : null) as string | null,
      date: todayIso() as string | null,
      visitors: null as string | null,
      leader: null as string | null,
      companions: null as string | null,
      money: null as string | null,
      items: null as string | null,
      note: null as string | null,
      feedback: null as string | null,
      callOutcome: null as string | null,
      followUpOn: null as string | null,
      certify: false,
      /** Photos to add once the visit is saved (kept in the form, never sent as a field). */
      photos: [] as File[],
    },
    validate: ({ photos: _photos, ...values }) => ({ ...byContract(values), ...visitErrors(values) }),
  });
  const create = useRpcMutation('visits.create', {
    invalidates: VISIT_READERS,
    onSuccess: (_v, input) => {
      if (input.certify) void client.invalidateQueries({ queryKey: rpcKey('certifications.list') });
      const stays = client.getQueryData<unknown[]>(rpcKey('stays.list', { personId }));
      if (input.stayId || stays?.length) void client.invalidateQueries({ queryKey: rpcKey('stays.list') });
    },
    // The dialog shows the refusal itself.
    onError: () => {},
  });
  const close = () => {
    form.reset();
    onClose();
  };
  const photos = form.values.photos;
  const isCall = form.values.kind === CALL_KIND;
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={stay ? `记录住院看望（${stay.hospital}）` : '记录走访慰问'}
      form={form}
      onSubmit={async ({ photos: _photos, ...v }) => {
        const visit = await create.mutateAsync({ ...v, callOutcome: isCall ? v.callOutcome : null } as never);
        // The photos join the file's attachments, naming the visit; the visit is saved whatever happens to them.
        if (photos.length === 0) return;
        for (const f of photos)
          await call('attachments.add', {
            personId,
            visitId: visit.id,
            fileName: f.name,
            mime: f.type || 'application/octet-stream',
            dataBase64: await fileToBase64(f),
          });
        for (const m of ['visits.list', 'stays.list', 'retirees.get'] as const)
          await client.invalidateQueries({ queryKey: rpcKey(m) });
      }}
    >
      <SimpleGrid cols={2}>
        <Select label="类别" data={[...VISIT_KINDS]} {...form.getInputProps('kind')} />
        <FormDateField form={form} path="date" label="日期" />
        {isCall && (
          <Select
            label="通话情况"
            description="只有“接通”算作联系上"
            data={[...CALL_OUTCOMES]}
            {...form.getInputProps('callOutcome')}
          />
        )}
        <TextInput label="带队领导" {...textField(form, 'leader')} />
        <TextInput label="走访人（工作人员、组长）" {...textField(form, 'visitors')} />
        <TextInput label="随同人员" {...textField(form, 'companions')} />
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
      <Textarea label="情况记录" autosize minRows={2} {...textField(form, 'note')} />
      <Textarea label="家属/本人反映" autosize minRows={2} {...textField(form, 'feedback')} />
      <Group>
        <FileButton onChange={(f) => form.setFieldValue('photos', f)} multiple accept="image/*">
          {(props) => (
            <Button {...props} variant="light" leftSection={<IconPhoto size={16} />}>
              选择照片
            </Button>
          )}
        </FileButton>
        <Text size="sm" c={photos.length ? undefined : 'dimmed'}>
          {photos.length ? photos.map((f) => f.name).join('、') : '可不选；照片随档案附件一起保存'}
        </Text>
      </Group>
      <Checkbox
        label="本次走访同时完成本年度养老金领取资格认证"
        {...form.getInputProps('certify', { type: 'checkbox' })}
      />
    </FormModal>
  );
}
