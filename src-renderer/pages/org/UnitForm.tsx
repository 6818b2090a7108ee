// A unit's name (a place's name is the files' own), its leader (a retiree on file, or one of the
// office's staff) and phone, and notes. Checked by the contract's schema; saved with the sticky
// save bar or Ctrl+S; leaving with changes asks first.
import { Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { contract } from '../../../src-main/contract';
import type { NetworkUnit, UnitRef } from '../../../src-main/contract/org';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { useContractForm } from '../../kit/form';
import { useRpcMutation } from '../../kit/rpc';
import { SaveBar } from '../../kit/SaveBar';
import { Can, Editable } from '../../kit/operator';
import { done } from '../../notify';
import { UNIT_READS } from './views';

type UnitValues = {
  ref: UnitRef;
  name: string;
  /** The leader when a retiree on file. */
  leaderPerson: PickedPerson | null;
  /** The leader when one of the staff (named, not on file). */
  leader: string;
  phone: string;
  note: string;
};

const valuesOf = (u: NetworkUnit): UnitValues => ({
  ref: u.ref,
  name: u.name,
  leaderPerson: u.leaderPersonId ? { id: u.leaderPersonId, label: u.leader ?? '' } : null,
  leader: u.leaderPersonId ? '' : (u.leader ?? ''),
  phone: u.phone ?? '',
  note: u.note ?? '',
});

export function UnitForm({ unit }: { unit: NetworkUnit }) {
  const isPlace = unit.ref.kind === '片区' || unit.ref.kind === '楼栋';
  // The form shows a refusal itself.
  const saveUnit = useRpcMutation('org.saveUnit', { invalidates: UNIT_READS, onError: () => {} });
  const f = useContractForm<UnitValues>({
    initial: valuesOf(unit),
    schema: contract['org.saveUnit'].input,
    what: unit.name,
    submit: async ({ ref, name, leaderPerson, leader, phone, note }) => {
      const saved = await saveUnit.mutateAsync({
        ref,
        name: isPlace ? null : name,
        leaderPersonId: leaderPerson?.id ?? null,
        leader: leaderPerson ? null : leader,
        phone,
        note,
      });
      done('已保存');
      return valuesOf(saved);
    },
  });
  const { form } = f;
  const picked = form.getValues().leaderPerson;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={5}>名称、组长与联系方式</Title>
        <Editable method="org.saveUnit">
          <Stack gap="sm">
            {!isPlace && <TextInput label="名称" w={300} {...form.getInputProps('name')} />}
            <SimpleGrid cols={{ base: 1, lg: 3 }}>
              <PersonPicker
                label="组长（离退休人员）"
                value={picked}
                onChange={(p) => form.setFieldValue('leaderPerson', p)}
                error={(form.errors.leaderPersonId as string | undefined) ?? null}
              />
              <TextInput label="或：组长（工作人员）" disabled={!!picked} {...form.getInputProps('leader')} />
              <TextInput label="联系电话" {...form.getInputProps('phone')} />
            </SimpleGrid>
            <Textarea label="备注" autosize minRows={1} {...form.getInputProps('note')} />
          </Stack>
        </Editable>
        <Can method="org.saveUnit" otherwise="不能修改组织网络，只能查阅和打印">
          <SaveBar dirty={f.dirty} saving={f.saving} onSave={() => void f.save()}>
            {f.error && (
              <Text c="red.8" fw={500} role="alert" maw={600}>
                未能保存：{f.error}
              </Text>
            )}
          </SaveBar>
        </Can>
      </Stack>
    </Paper>
  );
}
