// 信函: the office's letter templates (built-in until changed), a preview with a real person, and
// the letterhead, the seal and the sender's address that letters and envelopes carry.
import { Alert, Badge, Button, FileButton, Group, Image, Paper, Select, SimpleGrid, Stack, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { PrintableView } from '../../src-main/api/contract';
import { ADDRESS_FORMS, LETTER_KINDS, PLACEHOLDERS, type LetterKind, type LetterTemplate } from '../../src-main/shared/letters';
import { call } from '../api';
import { failed } from '../notify';
import { PersonPicker, type PickedPerson } from '../components/PersonPicker';
import { fileToBase64 } from '../files';


function TemplateEditor({ value, onSaved }: { value: LetterTemplate & { isDefault: boolean }; onSaved: (t: LetterTemplate & { isDefault: boolean }) => void }) {
  const [t, setT] = useState(value);
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [preview, setPreview] = useState<PrintableView | null>(null);
  useEffect(() => setT(value), [value]);
  const save = () => call('letters.saveTemplate', t).then((s) => (onSaved(s), notifications.show({ color: 'green', message: `已保存“${s.title}”模板` })), failed);
  const reset = () => call('letters.resetTemplate', { kind: t.kind }).then(onSaved, failed);
  const show = async () => {
    if (!person) return;
    try {
      // The saved template is what prints: a changed one is saved first, then previewed.
      const changed = (['title', 'salutation', 'body', 'closing', 'dateStyle', 'addressForm'] as const).some((k) => t[k] !== value[k]);
      if (changed) await call('letters.saveTemplate', t).then(onSaved);
      setPreview(await call('letters.render', { kind: t.kind, personIds: [person.id], gift: '慰问金 300.00 元', visitDate: new Date().toISOString().slice(0, 10) }));
    } catch (e) {
      failed(e);
    }
  };
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Stack>
        <Group>
          <Badge variant="light" color={value.isDefault ? 'gray' : 'blue'}>
            {value.isDefault ? '系统默认模板' : '本单位已修改'}
          </Badge>
        </Group>
        <TextInput label="标题" value={t.title} onChange={(e) => setT({ ...t, title: e.currentTarget.value })} />
        <TextInput label="称谓" value={t.salutation} onChange={(e) => setT({ ...t, salutation: e.currentTarget.value })} />
        <Textarea label="正文（每行一段）" autosize minRows={6} value={t.body} onChange={(e) => setT({ ...t, body: e.currentTarget.value })} />
        <Textarea label="祝颂语" autosize minRows={2} value={t.closing} onChange={(e) => setT({ ...t, closing: e.currentTarget.value })} />
        <Group grow>
          <Select
            label="落款日期"
            data={[
              { value: 'arabic', label: '2026年11月28日' },
              { value: 'chinese', label: '二〇二六年十一月二十八日' },
            ]}
            value={t.dateStyle}
            onChange={(v) => setT({ ...t, dateStyle: (v as LetterTemplate['dateStyle']) ?? 'arabic' })}
          />
          <Select label="默认称呼" data={[...ADDRESS_FORMS]} value={t.addressForm} onChange={(v) => setT({ ...t, addressForm: (v as LetterTemplate['addressForm']) ?? '同志' })} />
        </Group>
        <Text size="sm" c="dimmed">
          可用的占位符：{Object.entries(PLACEHOLDERS).map(([k, v]) => `{${k}} ${v}`).join('；')}。
        </Text>
        <Group>
          <Button onClick={save}>保存模板</Button>
          {!value.isDefault && (
            <Button variant="default" onClick={reset}>
              恢复系统默认
            </Button>
          )}
        </Group>
      </Stack>
      <Stack>
        <Group align="flex-end">
          <div style={{ flex: 1 }}>
            <PersonPicker label="用真实人员预览" value={person} onChange={setPerson} />
          </div>
          <Button variant="light" onClick={show} disabled={!person}>
            预览
          </Button>
        </Group>
        {preview && (
          <Paper withBorder p={0} style={{ background: '#eee', overflow: 'auto', maxHeight: 900 }}>
            <style>{preview.css}</style>
            {/* Escaped by the main process (tests/letters.test.ts). */}
            <div dangerouslySetInnerHTML={{ __html: preview.body }} />
          </Paper>
        )}
        {preview?.missing.length ? <Alert color="orange">{preview.missing.map((m) => `${m.name}：${m.why}`).join('；')}</Alert> : null}
      </Stack>
    </SimpleGrid>
  );
}

function Assets() {
  const [a, setA] = useState<{ letterhead: string | null; seal: string | null; orgAddress: string | null; orgPostcode: string | null } | null>(null);
  useEffect(() => {
    call('letters.assets', {}).then(setA, failed);
  }, []);
  if (!a) return null;
  const image = async (which: 'letterhead' | 'seal', f: File | null) => {
    if (!f) return;
    const dataUrl = `data:${f.type};base64,${await fileToBase64(f)}`;
    setA({ ...a, [which]: dataUrl });
  };
  const save = () =>
    call('letters.setAssets', { letterhead: a.letterhead, seal: a.seal, orgAddress: a.orgAddress, orgPostcode: a.orgPostcode || null }).then(
      () => notifications.show({ color: 'green', message: '已保存' }),
      failed,
    );
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        信头、印章和寄信人地址
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack>
          <Text fw={500}>信头图片（可不设）</Text>
          {a.letterhead && <Image src={a.letterhead} h={60} fit="contain" alt="信头" />}
          <Group>
            <FileButton onChange={(f) => image('letterhead', f)} accept="image/png,image/jpeg">
              {(p) => <Button {...p} variant="light">选择信头图片</Button>}
            </FileButton>
            {a.letterhead && (
              <Button variant="subtle" color="gray" onClick={() => setA({ ...a, letterhead: null })}>
                不用信头
              </Button>
            )}
          </Group>
          <Text fw={500}>印章图片（透明背景的 PNG，可不设）</Text>
          {a.seal && <Image src={a.seal} h={80} w={80} fit="contain" alt="印章" />}
          <Group>
            <FileButton onChange={(f) => image('seal', f)} accept="image/png">
              {(p) => <Button {...p} variant="light">选择印章图片</Button>}
            </FileButton>
            {a.seal && (
              <Button variant="subtle" color="gray" onClick={() => setA({ ...a, seal: null })}>
                不用印章
              </Button>
            )}
          </Group>
        </Stack>
        <Stack>
          <TextInput label="寄信人地址（印在信封右下角）" value={a.orgAddress ?? ''} onChange={(e) => setA({ ...a, orgAddress: e.currentTarget.value })} />
          <TextInput label="寄信人邮编" value={a.orgPostcode ?? ''} onChange={(e) => setA({ ...a, orgPostcode: e.currentTarget.value })} />
        </Stack>
      </SimpleGrid>
      <Button mt="md" onClick={save}>
        保存
      </Button>
    </Paper>
  );
}

export function LettersPage() {
  const [templates, setTemplates] = useState<(LetterTemplate & { isDefault: boolean })[]>([]);
  const [kind, setKind] = useState<LetterKind>('sympathy');
  useEffect(() => {
    call('letters.templates', {}).then(setTemplates, failed);
  }, []);
  const current = templates.find((t) => t.kind === kind);
  return (
    <Stack gap="md">
      <Title order={2}>信函模板</Title>
      <Text c="dimmed">打印信函：在人员档案的“走访慰问”页打印单封，在慰问批次中成批打印（每人一页），信封和地址标签同样在慰问批次中打印。</Text>
      <Tabs value={kind} onChange={(v) => setKind((v as LetterKind) ?? 'sympathy')}>
        <Tabs.List>
          {(Object.keys(LETTER_KINDS) as LetterKind[]).map((k) => (
            <Tabs.Tab key={k} value={k} fz="md">
              {LETTER_KINDS[k]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {current && <TemplateEditor key={kind} value={current} onSaved={(s) => setTemplates((ts) => ts.map((t) => (t.kind === s.kind ? s : t)))} />}
      <Assets />
    </Stack>
  );
}
