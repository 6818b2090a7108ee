// Family members and contacts: edited here, saved with the file's 保存 (they are part of the file's
// form, so a refusal of one of them shows beside its field).
import { ActionIcon, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { Can } from '../../kit/operator';
import { PhonesField, revealFor, textField } from './fields';
import type { PersonDraft } from './personDraft';

export function ContactsTab({ form, personId }: { form: UseFormReturnType<PersonDraft>; personId: number | null }) {
  const contacts = form.getValues().contacts ?? [];
  const loaded = form.getInitialValues().contacts ?? [];
  const at = (i: number, field: string) => `contacts.${i}.${field}`;
  return (
    <Stack>
      {contacts.length === 0 && <Text c="dimmed">尚未登记家属或联系人。</Text>}
      {contacts.map((c, i) => (
        <Paper key={c.id ?? `new-${i}`} withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Text fw={600}>
              {c.name || '新联系人'}
              {c.relation ? `（${c.relation}）` : ''}
            </Text>
            <Can method="retirees.update">
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label="删除此联系人"
                onClick={() => form.removeListItem('contacts', i)}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Can>
          </Group>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Stack gap="sm">
              <SimpleGrid cols={2}>
                <TextInput label="姓名" required {...form.getInputProps(at(i, 'name'))} />
                <TextInput label="关系" placeholder="配偶、儿子、女儿……" {...textField(form, at(i, 'relation'))} />
              </SimpleGrid>
              <TextInput label="住址" {...textField(form, at(i, 'address'))} />
              <Group gap="xl">
                <Checkbox label="紧急联系人" {...form.getInputProps(at(i, 'emergency'), { type: 'checkbox' })} />
                <Checkbox
                  label="住在附近（异地居住时就近照应）"
                  {...form.getInputProps(at(i, 'nearby'), { type: 'checkbox' })}
                />
              </Group>
            </Stack>
            <PhonesField
              value={c.phones ?? []}
              onChange={(phones) => form.setFieldValue(at(i, 'phones') as 'contacts', phones as never)}
              errorOf={(k) => form.errors[`${at(i, 'phones')}.${k}.number`]}
              reveal={(k, shown) =>
                c.id != null &&
                revealFor(
                  personId,
                  `contact:${c.id}:phone:${k}`,
                  '电话',
                  shown,
                  loaded.find((l) => l.id === c.id)?.phones?.[k]?.number,
                )
              }
            />
          </SimpleGrid>
        </Paper>
      ))}
      <Can method="retirees.update">
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={() =>
              form.insertListItem('contacts', {
                name: '',
                relation: null,
                address: null,
                phones: [{ label: '手机', number: '' }],
                emergency: contacts.length === 0,
                nearby: false,
                note: null,
              })
            }
          >
            添加家属或联系人
          </Button>
          {contacts.length > 0 && <Text c="dimmed">修改后请点击页面下方的“保存”（Ctrl+S）。</Text>}
        </Group>
      </Can>
    </Stack>
  );
}
