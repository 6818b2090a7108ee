// Form fields shared by the file page: phones, labelled sections. Dates: kit/DateField.
import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';

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
