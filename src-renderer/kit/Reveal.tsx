// A masked ID number, phone or bank account with its 显示 button (issue 18, PIPL): the main process
// sends these masked (shared/mask.ts); 显示 asks the reason (one of the usual ones, or typed),
// reveals that one field of that one file (retirees.reveal, which the access log records; a
// survivor's through survivors.reveal), and
// shows it. A file page that holds the person's file gets the value in place, as if read again,
// so that the form keeps it as loaded and a save does not count it as a change.
import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PersonFile } from '../../src-main/contract/retirees';
import type { SURVIVOR_MASKED_FIELDS } from '../../src-main/contract/survivors';
import { isMasked, type MaskedField, REVEAL_REASONS } from '../../src-main/shared/mask';
import { FormModal } from './FormModal';
import { useCan } from './operator';
import { rpcKey, useRpcMutation } from './rpc';

/** The file with one revealed value in place of its mask. */
export function withRevealed(file: PersonFile, field: MaskedField, value: string): PersonFile {
  const [kind, a, , b] = field.split(':');
  const phoneAt = <P extends { number: string }>(phones: P[], at: string | undefined) =>
    phones.map((p, i) => (i === Number(at) ? { ...p, number: value } : p));
  if (kind === 'idNumber') return { ...file, idNumber: value };
  if (kind === 'bankAccount') return { ...file, bankAccount: value };
  if (kind === 'phone') return { ...file, phones: phoneAt(file.phones, a) };
  return {
    ...file,
    contacts: file.contacts.map((c) => (c.id === Number(a) ? { ...c, phones: phoneAt(c.phones, b) } : c)),
  };
}

/** Whose value: a field of a person's file, or of a survivor's record (遗属, not a file). */
export type RevealTarget =
  { personId: number; field: MaskedField } | { survivorId: number; field: (typeof SURVIVOR_MASKED_FIELDS)[number] };

export type RevealProps = RevealTarget & {
  /** What the field is, in words: 身份证号, 电话, 银行账号. */
  what: string;
  /** The full value, once revealed. */
  onRevealed?: (value: string) => void;
};

/** 显示, for a role that may reveal: asks the reason, then reveals (retirees.reveal or survivors.reveal). */
export function RevealButton({ what, onRevealed, ...target }: RevealProps) {
  const mayFile = useCan('retirees.reveal');
  const maySurvivor = useCan('survivors.reveal');
  const client = useQueryClient();
  const [opened, setOpened] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { preset: null as string | null, note: '' },
    validate: {
      note: (note, v) =>
        !v.preset && note.trim() === '' ? '请选择或填写查看原因' : note.length > 150 ? '说明不能超过 150 个字' : null,
    },
  });
  const reveal = useRpcMutation('retirees.reveal', { onError: () => {} });
  const revealSurvivor = useRpcMutation('survivors.reveal', { onError: () => {} });
  if (!('survivorId' in target ? maySurvivor : mayFile)) return null;
  return (
    <>
      <Button size="compact-sm" variant="light" aria-label={`显示完整${what}`} onClick={() => setOpened(true)}>
        显示
      </Button>
      <FormModal
        opened={opened}
        onClose={() => setOpened(false)}
        title={`显示完整${what}`}
        size="md"
        submitLabel="显示"
        form={form}
        onSubmit={async ({ preset, note }) => {
          const reason = [preset, note.trim()].filter(Boolean).join('：');
          if ('survivorId' in target) {
            const { value } = await revealSurvivor.mutateAsync({ id: target.survivorId, field: target.field, reason });
            onRevealed?.(value);
            return;
          }
          const { personId, field } = target;
          const { value } = await reveal.mutateAsync({ id: personId, field, reason });
          client.setQueryData<PersonFile>(rpcKey('retirees.get', { id: personId }), (file) =>
            file ? withRevealed(file, field, value) : file,
          );
          onRevealed?.(value);
        }}
      >
        <Text size="sm">查看完整号码将记入访问记录（操作员、时间、人员、原因）。请说明原因：</Text>
        <Select
          label="原因"
          placeholder="请选择"
          data={[...REVEAL_REASONS]}
          clearable
          {...form.getInputProps('preset')}
        />
        <TextInput label="说明" placeholder="可补充说明，或直接填写原因" {...form.getInputProps('note')} />
      </FormModal>
    </>
  );
}

/** A value as the main process sent it: masked, with 显示 beside it; in full once revealed. */
export function MaskedValue({ value, ...reveal }: RevealProps & { value: string | null }) {
  const [full, setFull] = useState<string | null>(null);
  if (!value) return null;
  return (
    <Group gap="xs" wrap="nowrap" component="span">
      <Text span ff="monospace" size="sm">
        {full ?? value}
      </Text>
      {full === null && isMasked(value) && <RevealButton {...reveal} onRevealed={setFull} />}
    </Group>
  );
}
