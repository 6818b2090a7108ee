import { ActionIcon, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { InputOf } from '../../../src-main/api/contract';
import { PhonesField } from './fields';

type ContactDraft = NonNullable<InputOf<'retirees.create'>['person']['contacts']>[number];

/** Family members and contacts: edited here, saved with the file's 保存 button. */
export function ContactsTab({ value, onChange }: { value: ContactDraft[]; onChange: (v: ContactDraft[]) => void }) {
  const update = (i: number, patch: Partial<ContactDraft>) => onChange(value.map((c, k) => (k === i ? { ...c, ...patch } : c)));
  return (
    <Stack>
      {value.length === 0 && <Text c="dimmed">尚未登记家属或联系人。</Text>}
      {value.map((c, i) => (
        <Paper key={c.id ?? `new-${i}`} withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Text fw={600}>
              {c.name || '新联系人'}
              {c.relation ? `（${c.relation}）` : ''}
            </Text>
            <ActionIcon variant="subtle" color="gray" aria-label="删除此联系人" onClick={() => onChange(value.filter((_, k) => k !== i))}>
              <IconTrash size={18} />
            </ActionIcon>
          </Group>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Stack gap="sm">
              <SimpleGrid cols={2}>
                <TextInput label="姓名" required value={c.name} onChange={(e) => update(i, { name: e.currentTarget.value })} />
                <TextInput label="关系" placeholder="配偶、儿子、女儿……" value={c.relation ?? ''} onChange={(e) => update(i, { relation: e.currentTarget.value })} />
              </SimpleGrid>
              <TextInput label="住址" value={c.address ?? ''} onChange={(e) => update(i, { address: e.currentTarget.value })} />
              <Checkbox label="紧急联系人" checked={c.emergency ?? false} onChange={(e) => update(i, { emergency: e.currentTarget.checked })} />
            </Stack>
            <PhonesField value={c.phones ?? []} onChange={(phones) => update(i, { phones })} />
          </SimpleGrid>
        </Paper>
      ))}
      <Group>
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => onChange([...value, { name: '', relation: '', phones: [{ label: '手机', number: '' }], emergency: value.length === 0 }])}>
          添加家属或联系人
        </Button>
        {value.length > 0 && <Text c="dimmed">修改后请点击页面上方的“保存”。</Text>}
      </Group>
    </Stack>
  );
}
