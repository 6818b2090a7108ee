// 信函: the office's letter templates (built-in until changed), a preview with a real person, and
// the letterhead, the seal and the sender's address that letters and envelopes carry. Each tab has
// its own address (#/letters/birthday, #/letters/assets), so leaving a tab with unsaved changes
// asks first, like leaving any form.
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { LETTER_KIND_KEYS, LETTER_KINDS, type LetterKind } from '../../../src-main/shared/letters';
import { useRpc } from '../../kit/rpc';
import { navigate, useRoute } from '../../route';
import { AssetsPanel } from './AssetsForm';
import { TemplateEditor } from './TemplateEditor';

const ASSETS = 'assets';

export function LettersPage() {
  const [, sub] = useRoute().path;
  const tab = sub === ASSETS || LETTER_KIND_KEYS.includes(sub as LetterKind) ? sub : 'sympathy';
  const templates = useRpc('letters.templates', {});
  const current = templates.data?.find((t) => t.kind === tab);
  return (
    <Stack gap="md">
      <Title order={2}>信函模板</Title>
      <Text c="dimmed">
        打印信函：在人员档案的“走访慰问”页打印单封，在慰问批次中成批打印（每人一页），信封和地址标签同样在慰问批次中打印。
      </Text>
      <Tabs value={tab} onChange={(v) => v && navigate(`/letters/${v}`)}>
        <Tabs.List>
          {LETTER_KIND_KEYS.map((k) => (
            <Tabs.Tab key={k} value={k} fz="md">
              {LETTER_KINDS[k]}
            </Tabs.Tab>
          ))}
          <Tabs.Tab value={ASSETS} fz="md">
            信头、印章和地址
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === ASSETS ? <AssetsPanel /> : current && <TemplateEditor key={current.kind} template={current} />}
    </Stack>
  );
}
