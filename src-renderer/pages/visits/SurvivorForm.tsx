// 登记遗属: a survivor of a deceased retiree, from the death record. The ID number gives the birth
// date and gender (the main process reads them from it); the allowance may start at once.
import { Checkbox, Group, Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { SURVIVOR_QUALIFICATIONS, SURVIVOR_RELATIONS } from '../../../src-main/shared/survivors';
import { FormModal } from '../../kit/FormModal';
import { useRpcMutation } from '../../kit/rpc';
import { textField, validatedAs } from '../person/fields';

/** What a survivor's record changes: the lists, the death record's section, the deceased's history. */
export const SURVIVOR_QUERIES = [
  'survivors.list',
  'survivors.get',
  'survivors.allowanceMonth',
  'survivors.checkLists',
  'deaths.get',
  'retirees.history',
] as const;

export function SurvivorForm({
  deceasedId,
  deceasedName,
  opened,
  onClose,
}: {
  deceasedId: number;
  deceasedName: string;
  opened: boolean;
  onClose: () => void;
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      deceasedId,
      survivor: {
        name: '',
        relation: null as string | null,
        idNumber: '',
        phone: null as string | null,
        address: null as string | null,
        bankName: null as string | null,
        bankAccount: null as string | null,
        qualifications: [] as string[],
        qualificationNote: null as string | null,
        note: null as string | null,
      },
      startMonth: null as string | null,
    },
    validate: validatedAs('survivors.create'),
  });
  const create = useRpcMutation('survivors.create', { invalidates: [...SURVIVOR_QUERIES], onError: () => {} });
  const close = () => {
    form.reset();
    onClose();
  };
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={`登记遗属：${deceasedName}`}
      form={form}
      submitLabel="登记"
      onSubmit={(v) => create.mutateAsync(v as never)}
    >
      <SimpleGrid cols={2}>
        <TextInput label="姓名" withAsterisk {...textField(form, 'survivor.name')} />
        <Select
          label="与逝者关系"
          withAsterisk
          data={[...SURVIVOR_RELATIONS]}
          {...form.getInputProps('survivor.relation')}
        />
        <TextInput
          label="身份证号"
          withAsterisk
          description="出生日期、性别按身份证号登记"
          {...textField(form, 'survivor.idNumber')}
        />
        <TextInput label="联系电话" {...textField(form, 'survivor.phone')} />
      </SimpleGrid>
      <TextInput label="住址" {...textField(form, 'survivor.address')} />
      <SimpleGrid cols={2}>
        <TextInput label="开户银行" {...textField(form, 'survivor.bankName')} />
        <TextInput label="银行账号" {...textField(form, 'survivor.bankAccount')} />
      </SimpleGrid>
      <Checkbox.Group label="供养条件" {...form.getInputProps('survivor.qualifications')}>
        <Group mt="xs">
          {SURVIVOR_QUALIFICATIONS.map((q) => (
            <Checkbox key={q} value={q} label={q} />
          ))}
        </Group>
      </Checkbox.Group>
      <Textarea label="供养条件说明" autosize minRows={1} {...textField(form, 'survivor.qualificationNote')} />
      <TextInput
        label="遗属生活困难补助起始发放月份"
        description="如 2026-05；暂不发放的可不填，以后在遗属页办理"
        {...textField(form, 'startMonth')}
      />
      <TextInput label="备注" {...textField(form, 'survivor.note')} />
    </FormModal>
  );
}
