// Form pieces the file page and its timeline share: labelled sections, phones, text and date fields
// bound to a @mantine/form with the contract's way of saying "nothing" (null, not an empty string),
// and the contract's own schema as a form's validation. Dates: kit/FormDateField.
import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { ChangeEvent, ReactNode } from 'react';
import { contract, type MethodName } from '../../../src-main/contract';
import { FIELD_LABELS } from '../../../src-main/shared/fields';
import { Can } from '../../kit/operator';
import { isMasked, type MaskedField } from '../../../src-main/shared/mask';
import { RevealButton } from '../../kit/Reveal';

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm" c="blue.9">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** A form validated by the contract's own schema for `method`, before anything is sent. */
export function validatedAs(method: MethodName) {
  return zod4Resolver(contract[method].input as never);
}

/** What `textField` needs of a form, whatever its values: read one path, write text or null there. */
interface TextForm {
  getInputProps: (path: string) => GetInputPropsReturnType;
  setFieldValue: (path: string, value: string | null) => void;
}

/**
 * A text input bound to `path`: an emptied field holds null (the contract's "nothing"), so
 * clearing what was empty is no change, and optional amounts are not read as "" yuan.
 */
export function textField(form: TextForm, path: string) {
  const props = form.getInputProps(path);
  return {
    ...props,
    value: (props.value as string | null | undefined) ?? '',
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      form.setFieldValue(path, e.currentTarget.value === '' ? null : e.currentTarget.value),
  };
}

export interface PhoneDraft {
  label?: string | null;
  number: string;
}

export function PhonesField({
  value,
  onChange,
  label = FIELD_LABELS.phones,
  errorOf,
  reveal,
}: {
  value: PhoneDraft[];
  onChange: (v: PhoneDraft[]) => void;
  label?: string;
  /** The router's refusal of the i-th number, if any. */
  errorOf?: (i: number) => ReactNode;
  /** What stands beside the i-th number: 显示 for a masked one (revealFor). */
  reveal?: (i: number, number: string) => ReactNode;
}) {
  const update = (i: number, patch: Partial<PhoneDraft>) =>
    onChange(value.map((p, k) => (k === i ? { ...p, ...patch } : p)));
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {value.map((p, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          <TextInput
            w={110}
            placeholder="手机/住宅"
            aria-label={`${label}${i + 1}类型`}
            value={p.label ?? ''}
            onChange={(e) => update(i, { label: e.currentTarget.value })}
          />
          <TextInput
            style={{ flex: 1 }}
            placeholder="号码"
            aria-label={`${label}${i + 1}`}
            value={p.number}
            error={errorOf?.(i)}
            onChange={(e) => update(i, { number: e.currentTarget.value })}
            rightSection={reveal?.(i, p.number)}
            rightSectionWidth={64}
          />
          <Can method="retirees.update">
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label="删除此号码"
              onClick={() => onChange(value.filter((_, k) => k !== i))}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Can>
        </Group>
      ))}
      <Can method="retirees.update">
        <Group>
          <Button
            variant="light"
            size="sm"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange([...value, { label: value.length ? '住宅' : '手机', number: '' }])}
          >
            添加电话
          </Button>
        </Group>
      </Can>
    </Stack>
  );
}

/**
 * 显示 beside a masked value (an ID number, a phone, a bank account) that the form still shows as
 * it was loaded: a number the user has typed over, or one in a place that moved, is not revealed.
 */
export function revealFor(
  personId: number | null,
  field: MaskedField,
  what: string,
  shown: string | null | undefined,
  loaded: string | null | undefined,
): ReactNode {
  return personId !== null && isMasked(shown) && shown === loaded ? (
    <RevealButton personId={personId} field={field} what={what} />
  ) : null;
}
