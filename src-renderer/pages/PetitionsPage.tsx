// 信访接待: the petitions (open ones first), registering one, and each one's steps with its time
// limits: accepted within 15 days, concluded within 60 (one extension of at most 30).
import { Alert, Badge, Button, FileButton, Group, Image, Modal, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconDownload, IconPaperclip, IconPlus, IconPrinter } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { Petition, PetitionAttachment } from '../../src-main/api/contract';
import { todayIso } from '../../src-main/shared/dates';
import { PETITION_CHANNELS, SATISFACTION } from '../../src-main/shared/petitions';
import { attachmentUrl, call, downloadAttachment, PREVIEWABLE } from '../api';
import { failed } from '../notify';
import { PersonPicker, type PickedPerson } from '../components/PersonPicker';
import { download, fileToBase64 } from '../files';
import { navigate } from '../route';
import { DateField } from '../kit/DateField';

const COLORS = { 待受理: 'orange', 办理中: 'blue', 已办结: 'teal', 不予受理: 'gray' } as const;

export function StatusBadge({ p }: { p: Petition }) {
  return (
    <Group gap={4}>
      <Badge color={COLORS[p.status]} variant="light" size="lg">
        {p.status}
      </Badge>
      {p.overdue && (
        <Badge color="red" size="lg">
          已超期
        </Badge>
      )}
    </Group>
  );
}

/** The time limit that applies now, in words. */
export function limitText(p: Petition): string {
  if (p.status === '待受理') return `应于 ${p.acceptBy} 前告知是否受理`;
  if (p.status === '办理中') return `应于 ${p.concludeBy} 前办结${p.extensionDays ? `（已延期 ${p.extensionDays} 天）` : ''}`;
  return p.concludedOn ? `${p.concludedOn} ${p.status}` : p.status;
}

export function PetitionsPage({ id }: { id: number | null }) {
  return id === null ? <PetitionList /> : <PetitionDetail id={id} />;
}

function PetitionList() {
  const [openOnly, setOpenOnly] = useState(true);
  const [list, setList] = useState<Petition[]>([]);
  const [adding, setAdding] = useState(false);
  const [period, setPeriod] = useState({ from: `${todayIso().slice(0, 4)}-01-01`, to: todayIso() });
  useEffect(() => {
    call('petitions.list', { openOnly }).then(setList, failed);
  }, [openOnly]);
  const exportRegister = () => call('petitions.register', period).then((f) => download(f.fileName, f.dataBase64), failed);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>信访接待</Title>
        <Group>
          <SegmentedControl
            data={[
              { value: 'open', label: '未办结' },
              { value: 'all', label: '全部' },
            ]}
            value={openOnly ? 'open' : 'all'}
            onChange={(v) => setOpenOnly(v === 'open')}
          />
          <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
            登记信访
          </Button>
        </Group>
      </Group>
      {list.length === 0 ? (
        <Text c="dimmed">{openOnly ? '没有未办结的信访件。' : '还没有信访登记。'}</Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing="sm" fz="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>编号</Table.Th>
              <Table.Th>收到日期</Table.Th>
              <Table.Th>方式</Table.Th>
              <Table.Th>信访人</Table.Th>
              <Table.Th>事由</Table.Th>
              <Table.Th>状态</Table.Th>
              <Table.Th>期限</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((p) => (
              <Table.Tr key={p.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/petitions/${p.id}`)}>
                <Table.Td>第 {p.id} 号</Table.Td>
                <Table.Td>{p.receivedOn}</Table.Td>
                <Table.Td>{p.channel}</Table.Td>
                <Table.Td>{p.petitioner}</Table.Td>
                <Table.Td>{p.subject}</Table.Td>
                <Table.Td>
                  <StatusBadge p={p} />
                </Table.Td>
                <Table.Td c={p.overdue ? 'red.8' : undefined}>{limitText(p)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Paper withBorder p="md">
        <Group align="flex-end">
          <Title order={5}>信访登记簿</Title>
          <TextInput label="自" value={period.from} onChange={(e) => setPeriod({ ...period, from: e.currentTarget.value })} w={130} />
          <TextInput label="至" value={period.to} onChange={(e) => setPeriod({ ...period, to: e.currentTarget.value })} w={130} />
          <Button variant="light" leftSection={<IconDownload size={18} />} onClick={exportRegister}>
            导出登记簿
          </Button>
          <Button variant="light" leftSection={<IconPrinter size={18} />} onClick={() => navigate('/print/register', period)}>
            打印登记簿
          </Button>
        </Group>
      </Paper>
      <NewPetition opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

function NewPetition({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [f, setF] = useState({ receivedOn: todayIso(), channel: '来访', petitioner: '', relation: '', phone: '', subject: '', content: '', handler: '' });
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      const p = await call('petitions.create', {
        receivedOn: f.receivedOn,
        channel: f.channel as Petition['channel'],
        personId: person?.id ?? null,
        petitioner: f.petitioner || null,
        relation: f.relation || null,
        phone: f.phone || null,
        subject: f.subject,
        content: f.content,
        handler: f.handler || null,
      });
      navigate(`/petitions/${p.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="登记信访" size="xl">
      <Stack>
        <SimpleGrid cols={3}>
          <DateField label="收到日期" value={f.receivedOn} onChange={(d) => setF({ ...f, receivedOn: d ?? '' })} />
          <Select label="信访方式" data={[...PETITION_CHANNELS]} value={f.channel} onChange={(v) => setF({ ...f, channel: v ?? '来访' })} />
          <TextInput label="承办人" value={f.handler} onChange={(e) => setF({ ...f, handler: e.currentTarget.value })} />
        </SimpleGrid>
        <PersonPicker label="涉及的离退休人员（可不选）" value={person} onChange={setPerson} />
        <SimpleGrid cols={3}>
          <TextInput label="信访人（不是本人时填写）" value={f.petitioner} onChange={(e) => setF({ ...f, petitioner: e.currentTarget.value })} placeholder={person ? '默认为所选人员本人' : ''} />
          <TextInput label="与离退休人员的关系" value={f.relation} onChange={(e) => setF({ ...f, relation: e.currentTarget.value })} placeholder="如 儿子" />
          <TextInput label="联系电话" value={f.phone} onChange={(e) => setF({ ...f, phone: e.currentTarget.value })} />
        </SimpleGrid>
        <TextInput label="事由" value={f.subject} onChange={(e) => setF({ ...f, subject: e.currentTarget.value })} />
        <Textarea label="内容" autosize minRows={4} value={f.content} onChange={(e) => setF({ ...f, content: e.currentTarget.value })} />
        {error && <Text c="red.8">{error}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button onClick={save}>登记</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type Step = 'accept' | 'reject' | 'extend' | 'conclude';

function PetitionDetail({ id }: { id: number }) {
  const [p, setP] = useState<Petition | null>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [on, setOn] = useState(todayIso());
  const [text, setText] = useState('');
  const [days, setDays] = useState('30');
  const [satisfaction, setSatisfaction] = useState<string | null>(null);
  const load = useCallback(() => call('petitions.get', { id }).then(setP, failed), [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!p) return null;
  const go = async () => {
    const s =
      step === 'accept'
        ? { step, on }
        : step === 'reject'
          ? { step, on, reason: text }
          : step === 'extend'
            ? { step, days: Number(days), reason: text }
            : { step: 'conclude' as const, on, result: text, satisfaction: (satisfaction as Petition['satisfaction']) ?? null };
    try {
      setP(await call('petitions.advance', { id, version: p.version, step: s }));
      setStep(null);
      setText('');
    } catch (e) {
      failed(e);
    }
  };
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group>
          <Title order={2}>第 {p.id} 号信访件</Title>
          <StatusBadge p={p} />
        </Group>
        <Group>
          {p.status === '待受理' && <Button onClick={() => setStep('accept')}>受理</Button>}
          {p.status === '待受理' && (
            <Button variant="light" color="gray" onClick={() => setStep('reject')}>
              不予受理
            </Button>
          )}
          {p.status === '办理中' && <Button onClick={() => setStep('conclude')}>办结</Button>}
          {p.status === '办理中' && p.extensionDays === null && (
            <Button variant="light" onClick={() => setStep('extend')}>
              延期
            </Button>
          )}
        </Group>
      </Group>
      <Alert color={p.overdue ? 'red' : 'blue'}>{limitText(p)}</Alert>
      <Paper withBorder p="md">
        <SimpleGrid cols={3} spacing="xs">
          <Text>收到日期：{p.receivedOn}</Text>
          <Text>方式：{p.channel}</Text>
          <Text>承办人：{p.handler ?? '—'}</Text>
          <Text>
            信访人：
            {p.personId ? (
              <Text span c="blue.8" style={{ cursor: 'pointer' }} onClick={() => navigate(`/people/${p.personId}`)}>
                {p.petitioner}
              </Text>
            ) : (
              p.petitioner
            )}
            {p.relation ? `（${p.relation}）` : ''}
          </Text>
          <Text>电话：{p.phone ?? '—'}</Text>
          <Text>登记：{p.createdBy}</Text>
        </SimpleGrid>
        <Title order={5} mt="md">
          {p.subject}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{p.content}</Text>
        {p.acceptedOn && <Text mt="sm">受理日期：{p.acceptedOn}</Text>}
        {p.extensionDays && (
          <Text>
            延期 {p.extensionDays} 天：{p.extensionReason}
          </Text>
        )}
        {p.rejectedReason && <Text mt="sm">不予受理理由：{p.rejectedReason}</Text>}
        {p.result && (
          <Text mt="sm">
            办理结果：{p.result}
            {p.satisfaction ? `（信访人${p.satisfaction}）` : ''}
          </Text>
        )}
      </Paper>
      <PetitionAttachments id={p.id} />
      <Modal opened={step !== null} onClose={() => setStep(null)} title={{ accept: '受理', reject: '不予受理', extend: '延期', conclude: '办结' }[step ?? 'accept']}>
        <Stack>
          {step !== 'extend' && <DateField label={step === 'accept' ? '受理日期' : step === 'reject' ? '告知日期' : '办结日期'} value={on} onChange={(d) => setOn(d ?? '')} />}
          {step === 'extend' && <TextInput label="延长天数（不超过 30 天，只能延期一次）" value={days} onChange={(e) => setDays(e.currentTarget.value)} />}
          {step !== 'accept' && (
            <Textarea label={step === 'reject' ? '不予受理的理由' : step === 'extend' ? '延期理由' : '办理结果'} autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} />
          )}
          {step === 'conclude' && <Select label="信访人满意度" data={[...SATISFACTION]} value={satisfaction} onChange={setSatisfaction} clearable />}
          <Group justify="flex-end">
            <Button onClick={go}>确定</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** What was handed in with the petition (a letter, a photo), kept with it. */
function PetitionAttachments({ id }: { id: number }) {
  const [list, setList] = useState<PetitionAttachment[]>([]);
  const load = useCallback(() => call('petitions.attachments', { id }).then(setList, failed), [id]);
  useEffect(() => {
    void load();
  }, [load]);
  const upload = async (files: File[]) => {
    try {
      for (const f of files) await call('petitions.attach', { id, fileName: f.name, mime: f.type || 'application/octet-stream', dataBase64: await fileToBase64(f) });
      await load();
    } catch (e) {
      failed(e);
    }
  };
  const [preview, setPreview] = useState<PetitionAttachment | null>(null);
  // An image is shown in place (an <img> runs no script); anything else is downloaded, never
  // opened inside the app (a letter's HTML once opened in the app's own origin).
  const open = (a: PetitionAttachment) => (PREVIEWABLE.includes(a.mime) ? setPreview(a) : downloadAttachment('petition', a.id));
  return (
    <Paper withBorder p="md">
      <Modal opened={preview !== null} onClose={() => setPreview(null)} title={preview?.fileName} size="xl">
        {preview && (
          <Stack>
            <Image src={attachmentUrl('petition', preview.id, { preview: true })} alt={preview.fileName} />
            <Group justify="flex-end">
              <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => downloadAttachment('petition', preview.id)}>
                下载
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Group justify="space-between" mb="xs">
        <Title order={5}>附件（来信、材料）</Title>
        <FileButton onChange={(f) => f.length && upload(f)} multiple accept="image/*,application/pdf,.doc,.docx">
          {(props) => (
            <Button {...props} size="compact-sm" variant="light" leftSection={<IconPaperclip size={16} />}>
              添加附件
            </Button>
          )}
        </FileButton>
      </Group>
      {list.length === 0 ? (
        <Text size="sm" c="dimmed">
          没有附件。
        </Text>
      ) : (
        list.map((a) => (
          <Text key={a.id} size="sm">
            <Text span c="blue.8" style={{ cursor: 'pointer' }} onClick={() => open(a)}>
              {a.fileName}
            </Text>
            （{Math.ceil(a.size / 1024)} KB，{a.addedAt.replace('T', ' ')} {a.addedBy}）
          </Text>
        ))
      )}
    </Paper>
  );
}
