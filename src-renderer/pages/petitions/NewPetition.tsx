// Registering a petition: when and how it came, the retiree it concerns (or the petitioner's name),
// the subject and what was said. Checked by the contract's own schema before it is sent; what the
// router refuses is shown beside its field, or in the dialog. Registered, it opens.
import { Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { PetitionInput } from '../../../src-main/contract/petitions';
import { todayIso } from '../../../src-main/shared/dates';
import { PETITION_CHANNELS } from '../../../src-main/shared/petitions';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';
import { PETITION_READS } from './shared';

type NewPetitionValues = {
  receivedOn: string;
  channel: string;
  /** The retiree it concerns, as picked (sent as `personId`). */
  person: PickedPerson | null;
  petitioner: string;
  relation: string;
  phone: string;
  subject: string;
  content: string;
  handler: string;
};

const blank = (): NewPetitionValues => ({
  receivedOn: todayIso(),
  channel: '来访',
  person: null,
  petitioner: '',
  relation: '',
  phone: '',
  subject: '',
  content: '',
  handler: '',
});

export function NewPetition({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useForm<NewPetitionValues>({ initialValues: blank(), validate: zod4Resolver(PetitionInput) });
  // The dialog shows a refusal itself.
  const create = useRpcMutation('petitions.create', {
    invalidates: PETITION_READS,
    onError: () => {},
    onSuccess: (p) => navigate(`/petitions/${p.id}`),
  });
  const person = form.getValues().person;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="登记信访"
      size="xl"
      form={form}
      submitLabel="登记"
      onSubmit={({ person: picked, channel, ...v }) =>
        create.mutateAsync({ ...v, channel: channel as PetitionInput['channel'], personId: picked?.id ?? null })
      }
    >
      <SimpleGrid cols={3}>
        <FormDateField form={form} path="receivedOn" label="收到日期" />
        <Select
          label="信访方式"
          data={[...PETITION_CHANNELS]}
          allowDeselect={false}
          {...form.getInputProps('channel')}
        />
        <TextInput label="承办人" {...form.getInputProps('handler')} />
      </SimpleGrid>
      <PersonPicker
        label="涉及的离退休人员（可不选）"
        value={person}
        onChange={(p) => form.setFieldValue('person', p)}
        error={(form.errors.personId as string | undefined) ?? null}
      />
      <SimpleGrid cols={3}>
        <TextInput
          label="信访人（不是本人时填写）"
          placeholder={person ? '默认为所选人员本人' : ''}
          {...form.getInputProps('petitioner')}
        />
        <TextInput label="与离退休人员的关系" placeholder="如 儿子" {...form.getInputProps('relation')} />
        <TextInput label="联系电话" {...form.getInputProps('phone')} />
      </SimpleGrid>
      <TextInput label="事由" {...form.getInputProps('subject')} />
      <Textarea label="内容" autosize minRows={4} {...form.getInputProps('content')} />
    </FormModal>
  );
}
