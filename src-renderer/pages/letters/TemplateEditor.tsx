// One letter template, edited as a form of the kit: the contract's LetterTemplateInput checks it,
// 保存 (or Ctrl+S) in the sticky bar, leaving with changes asks first. A preview with a real person
// shows the template as saved, which is what prints.
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { LetterTemplateInput } from '../../../src-main/contract/letters';
import { todayIso } from '../../../src-main/shared/dates';
import { ADDRESS_FORMS, LETTER_KINDS, PLACEHOLDERS, type LetterTemplate } from '../../../src-main/shared/letters';
import { call } from '../../api';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { useContractForm } from '../../kit/form';
import { Can, Editable } from '../../kit/operator';
import { rpcKey, useRpc, useRpcMutation } from '../../kit/rpc';
import { SaveBar } from '../../kit/SaveBar';
import { done } from '../../notify';

export type TemplateView = LetterTemplate & { isDefault: boolean };
type TemplateValues = { [K in keyof LetterTemplate]: LetterTemplate[K] };

const valuesOf = ({
  kind,
  title,
  salutation,
  body,
  closing,
  dateStyle,
  addressForm,
}: TemplateView): TemplateValues => ({ kind, title, salutation, body, closing, dateStyle, addressForm });

const DATE_STYLES = [
  { value: 'arabic', label: '2026年11月28日' },
  { value: 'chinese', label: '二〇二六年十一月二十八日' },
];

export function TemplateEditor({ template }: { template: TemplateView }) {
  const client = useQueryClient();
  const [person, setPerson] = useState<PickedPerson | null>(null);
  /** The templates as the main process now holds them; previews render the saved template. */
  const saved = (s: TemplateView) => {
    client.setQueryData<TemplateView[]>(rpcKey('letters.templates', {}), (ts) =>
      ts?.map((t) => (t.kind === s.kind ? s : t)),
    );
    void client.invalidateQueries({ queryKey: ['letters.render'] });
  };
  const f = useContractForm<TemplateValues>({
    initial: valuesOf(template),
    schema: LetterTemplateInput,
    what: `“${LETTER_KINDS[template.kind]}”模板`,
    submit: async (values) => {
      const s = await call('letters.saveTemplate', values);
      saved(s);
      done(`已保存“${s.title}”模板`);
      return valuesOf(s);
    },
  });
  const reset = useRpcMutation('letters.resetTemplate', {
    onSuccess: (s) => {
      saved(s);
      // Back to the built-in text: the edits are dropped, not kept on top of it.
      f.form.reset();
      f.reloaded(valuesOf(s));
      done(`“${LETTER_KINDS[s.kind]}”已恢复为系统默认模板`);
    },
  });
  const preview = useRpc(
    'letters.render',
    person ? { kind: template.kind, personIds: [person.id], gift: '慰问金 300.00 元', visitDate: todayIso() } : null,
  );
  const { form } = f;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Editable method="letters.saveTemplate">
          <Stack>
            <Group>
              <Badge size="lg" variant="light" color={template.isDefault ? 'gray' : 'blue'}>
                {template.isDefault ? '系统默认模板' : '本单位已修改'}
              </Badge>
            </Group>
            <TextInput label="标题" {...form.getInputProps('title')} />
            <TextInput label="称谓" {...form.getInputProps('salutation')} />
            <Textarea label="正文（每行一段）" autosize minRows={6} {...form.getInputProps('body')} />
            <Textarea label="祝颂语" autosize minRows={2} {...form.getInputProps('closing')} />
            <Group grow>
              <Select label="落款日期" data={DATE_STYLES} allowDeselect={false} {...form.getInputProps('dateStyle')} />
              <Select
                label="默认称呼"
                data={[...ADDRESS_FORMS]}
                allowDeselect={false}
                {...form.getInputProps('addressForm')}
              />
            </Group>
            <Text c="dimmed">
              可用的占位符：
              {Object.entries(PLACEHOLDERS)
                .map(([k, v]) => `{${k}} ${v}`)
                .join('；')}
              。
            </Text>
            {f.error && (
              <Alert color="red" withCloseButton onClose={f.clearError}>
                {f.error}
              </Alert>
            )}
          </Stack>
        </Editable>
        <Stack>
          <PersonPicker label="用真实人员预览" value={person} onChange={setPerson} />
          {!person && <Text c="dimmed">选择一位人员，即用他（她）的信息显示已保存的模板。</Text>}
          {person && f.dirty && <Text c="orange.8">预览显示已保存的模板；保存后即按修改后的内容显示。</Text>}
          {preview.error && <Alert color="red">{preview.error.message}</Alert>}
          {preview.data && (
            <Paper
              withBorder
              p={0}
              style={{ background: '#eee', overflow: 'auto', maxHeight: 900 }}
              aria-label="信函预览"
            >
              <style>{preview.data.css}</style>
              {/* Escaped by the main process (tests/letters.test.ts). */}
              <div dangerouslySetInnerHTML={{ __html: preview.data.body }} />
            </Paper>
          )}
          {preview.data?.missing.length ? (
            <Alert color="orange">{preview.data.missing.map((m) => `${m.name}：${m.why}`).join('；')}</Alert>
          ) : null}
        </Stack>
      </SimpleGrid>
      <Can method="letters.saveTemplate" otherwise="不能修改信函模板，只能预览和打印">
        <SaveBar dirty={f.dirty} saving={f.saving} onSave={() => void f.save()}>
          {!template.isDefault && (
            <Can method="letters.resetTemplate">
              <Button variant="default" loading={reset.isPending} onClick={() => reset.mutate({ kind: template.kind })}>
                恢复系统默认
              </Button>
            </Can>
          )}
        </SaveBar>
      </Can>
    </Stack>
  );
}
