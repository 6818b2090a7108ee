// Form fields shared by the file page: dates that keep their precision, phones, labelled sections.
import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { parseDateInput } from '../../src-main/shared/dates';

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

/**
 * A date typed the way staff write it (1952.10.5, 1952年10月, 19521005); stored as ISO text with
 * the precision given. An unreadable entry stays in the box with a message, never guessed.
 */
export function DateField({
  label,
  value,
  onChange,
  description,
}: {
  label: string;
  value: string | null | undefined;
  onChange: (iso: string | null) => void;
  description?: string;
}) {
  const [text, setText] = useState(value ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <TextInput
      label={label}
      placeholder="如 1952-10-05 或 1952-10"
      description={description}
      value={text}
      error={error}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={() => {
        if (text.trim() === '') {
          setError(null);
          onChange(null);
          return;
        }
        const iso = parseDateInput(text);
        if (iso === null) {
          setError('无法识别的日期，请按“1952-10-05”或“1952-10”填写');
        } else {
          setError(null);
          setText(iso);
          onChange(iso);
        }
      }}
    />
  );
}

export interface PhoneDraft {
  label?: string | null;
  number: string;
}

export function PhonesField({ value, onChange, label = '联系电话' }: { value: PhoneDraft[]; onChange: (v: PhoneDraft[]) => void; label?: string }) {
  const update = (i: number, patch: Partial<PhoneDraft>) => onChange(value.map((p, k) => (k === i ? { ...p, ...patch } : p)));
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {value.map((p, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <TextInput w={110} placeholder="手机/住宅" aria-label={`${label}${i + 1}类型`} value={p.label ?? ''} onChange={(e) => update(i, { label: e.currentTarget.value })} />
          <TextInput style={{ flex: 1 }} placeholder="号码" aria-label={`${label}${i + 1}`} value={p.number} onChange={(e) => update(i, { number: e.currentTarget.value })} />
          <ActionIcon variant="subtle" color="gray" aria-label="删除此号码" onClick={() => onChange(value.filter((_, k) => k !== i))}>
            <IconTrash size={18} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, { label: value.length ? '住宅' : '手机', number: '' }])}>
          添加电话
        </Button>
      </Group>
    </Stack>
  );
}
