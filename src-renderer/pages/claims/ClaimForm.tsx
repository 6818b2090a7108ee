// Registering a claim (or correcting one sent back): who, when it was received, and its invoices.
// Amounts are typed as yuan (1,234.50) and checked by the main process to the fen.
import { ActionIcon, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ClaimFile } from '../../../src-main/api/contract';
import { LINE_KINDS } from '../../../src-main/shared/claimPolicy';
import { parseDateInput, todayIso } from '../../../src-main/shared/dates';
import { formatYuan, parseYuan } from '../../../src-main/shared/money';
import { call } from '../../api';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { navigate } from '../../route';
import { editOf, isDirty } from '../../kit/edit';
import { useLeaveGuard } from '../../kit/leaveGuard';
import { SaveBar } from '../../kit/SaveBar';
import { PolicyGapNotice, visitYears } from './PolicyGapNotice';
import { failed, yuan } from './shared';
import { DateField } from '../../kit/DateField';

interface LineDraft {
  invoiceCode: string;
  invoiceNo: string;
  hospital: string;
  visitDate: string;
  kind: string | null;
  total: string;
  fund: string;
  account: string;
  self: string;
  eligible: string;
  eligibleReason: string;
}

const emptyLine = (): LineDraft => ({ invoiceCode: '', invoiceNo: '', hospital: '', visitDate: '', kind: null, total: '', fund: '0', account: '0', self: '', eligible: '', eligibleReason: '' });
const plain = (fen: number) => formatYuan(fen).replace(/,/g, '');

/** What the form would send as the claim: compared with the claim as loaded, it is the edit. */
function inputOf(person: PickedPerson | null, receivedDate: string, note: string, lines: LineDraft[]) {
  return {
    personId: person?.id ?? 0,
    receivedDate,
    note: note || null,
    lines: lines.map((l) => ({
      invoiceCode: l.invoiceCode || null,
      invoiceNo: l.invoiceNo,
      hospital: l.hospital || null,
      visitDate: l.visitDate,
      kind: l.kind as (typeof LINE_KINDS)[number],
      total: l.total,
      fund: l.fund || '0',
      account: l.account || '0',
      self: l.self || selfOf(l),
      eligible: l.eligible || null,
      eligibleReason: l.eligibleReason || null,
    })),
  };
}

function draftOf(c: ClaimFile): LineDraft[] {
  return c.lines.map((l) => ({
    invoiceCode: l.invoiceCode ?? '',
    invoiceNo: l.invoiceNo,
    hospital: l.hospital ?? '',
    visitDate: l.visitDate,
    kind: l.kind,
    total: plain(l.totalFen),
    fund: plain(l.fundFen),
    account: plain(l.accountFen),
    self: plain(l.selfFen),
    eligible: l.eligibleFen === l.selfFen ? '' : plain(l.eligibleFen),
    eligibleReason: l.eligibleReason ?? '',
  }));
}

/** 自付 filled in from the others while it is empty, as the invoice shows it. */
function selfOf(l: LineDraft): string {
  try {
    const fen = parseYuan(l.total || '0') - parseYuan(l.fund || '0') - parseYuan(l.account || '0');
    return fen >= 0 ? plain(fen) : '';
  } catch {
    return '';
  }
}

export function ClaimForm({ claim, personId }: { claim: number | null; personId: number | null }) {
  const [existing, setExisting] = useState<ClaimFile | null>(null);
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [received, setReceived] = useState(todayIso());
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([emptyLine()]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (claim !== null) {
      call('claims.get', { id: claim }).then((c) => {
        setExisting(c);
        setPerson({ id: c.personId, label: `${c.personName}（${c.category}，${c.idNumberMasked ?? '无身份证号'}）` });
        setReceived(c.receivedDate);
        setNote(c.note ?? '');
        setLines(draftOf(c));
      }, failed);
    } else if (personId !== null) {
      call('retirees.get', { id: personId }).then((p) => setPerson({ id: p.id, label: `${p.name}（${p.category}）` }), failed);
    }
  }, [claim, personId]);

  const set = (i: number, patch: Partial<LineDraft>) => setLines((ls) => ls.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  let eligibleTotal: number | null = 0;
  for (const l of lines) {
    try {
      eligibleTotal = (eligibleTotal ?? 0) + parseYuan(l.eligible || l.self || selfOf(l) || '0');
    } catch {
      eligibleTotal = null;
      break;
    }
  }

  const input = inputOf(person, received, note, lines);
  const loadedInput = existing ? inputOf({ id: existing.personId, label: '' }, existing.receivedDate, existing.note ?? '', draftOf(existing)) : null;
  const dirty = loadedInput ? isDirty(loadedInput, input) : person !== null || note !== '' || lines.some((l) => l.invoiceNo || l.total);

  /** Saves; true when saved. */
  const save = async (): Promise<boolean> => {
    if (!person) {
      setError('请选择报销人');
      return false;
    }
    setSaving(true);
    setError(null);
    try {
      const saved =
        existing && loadedInput
          ? await call('claims.update', { id: existing.id, version: existing.version, ...editOf(loadedInput, input) })
          : await call('claims.create', { ...input, personId: person.id });
      setExisting(saved);
      release();
      navigate(`/claims/${saved.id}`);
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setSaving(false);
    }
  };
  const release = useLeaveGuard(dirty, existing ? `第 ${existing.id} 号报销单` : '登记中的报销单', save);

  const cell = (i: number, key: keyof LineDraft, width: number, placeholder?: string) => (
    <TextInput
      aria-label={`第${i + 1}张票据 ${placeholder ?? key}`}
      placeholder={placeholder}
      w={width}
      value={(lines[i][key] as string) ?? ''}
      onChange={(e) => set(i, { [key]: e.currentTarget.value })}
    />
  );

  return (
    <Stack gap="md" mt="md">
      <Title order={2}>{existing ? `修改第 ${existing.id} 号报销单` : '登记报销单'}</Title>
      {existing?.returnReason && <Text c="orange.8">退回原因：{existing.returnReason}</Text>}
      <Paper withBorder p="md">
        <Group align="flex-start" grow>
          <PersonPicker value={person} onChange={setPerson} />
          <DateField label="收件日期" value={received} onChange={(d) => setReceived(d ?? '')} placeholder="如 2025-03-10" />
          <TextInput label="备注" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        </Group>
      </Paper>
      <PolicyGapNotice personId={person?.id ?? null} years={visitYears(lines.map((l) => parseDateInput(l.visitDate) ?? ''))} />
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>票据（金额单位：元）</Title>
          <Text>符合报销金额合计：{eligibleTotal === null ? '金额有误' : yuan(eligibleTotal)}</Text>
        </Group>
        <Table.ScrollContainer minWidth={1300}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>票据代码</Table.Th>
                <Table.Th>票据号</Table.Th>
                <Table.Th>医疗机构</Table.Th>
                <Table.Th>就医日期</Table.Th>
                <Table.Th>类别</Table.Th>
                <Table.Th>总金额</Table.Th>
                <Table.Th>统筹支付</Table.Th>
                <Table.Th>个人账户</Table.Th>
                <Table.Th>个人自付</Table.Th>
                <Table.Th>符合报销金额</Table.Th>
                <Table.Th>调整原因</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((l, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{cell(i, 'invoiceCode', 110, '票据代码')}</Table.Td>
                  <Table.Td>{cell(i, 'invoiceNo', 110, '票据号')}</Table.Td>
                  <Table.Td>{cell(i, 'hospital', 130, '医疗机构')}</Table.Td>
                  <Table.Td>
                    <DateField label="" ariaLabel={`第${i + 1}张票据 就医日期`} w={150} placeholder="就医日期" value={l.visitDate} onChange={(d) => set(i, { visitDate: d ?? '' })} />
                  </Table.Td>
                  <Table.Td>
                    <Select aria-label={`第${i + 1}张票据 类别`} w={105} data={[...LINE_KINDS]} value={l.kind} onChange={(v) => set(i, { kind: v })} placeholder="类别" />
                  </Table.Td>
                  <Table.Td>{cell(i, 'total', 100, '总金额')}</Table.Td>
                  <Table.Td>{cell(i, 'fund', 90, '统筹支付')}</Table.Td>
                  <Table.Td>{cell(i, 'account', 90, '个人账户')}</Table.Td>
                  <Table.Td>
                    <TextInput aria-label={`第${i + 1}张票据 个人自付`} w={95} value={l.self} placeholder={selfOf(l)} onChange={(e) => set(i, { self: e.currentTarget.value })} />
                  </Table.Td>
                  <Table.Td>
                    <TextInput aria-label={`第${i + 1}张票据 符合报销金额`} w={105} value={l.eligible} placeholder={l.self || selfOf(l) || '同自付'} onChange={(e) => set(i, { eligible: e.currentTarget.value })} />
                  </Table.Td>
                  <Table.Td>{cell(i, 'eligibleReason', 130, '调整原因')}</Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={`删除第${i + 1}张票据`} disabled={lines.length === 1} onClick={() => setLines((ls) => ls.filter((_, k) => k !== i))}>
                      <IconTrash size={18} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Button mt="sm" variant="light" leftSection={<IconPlus size={16} />} onClick={() => setLines((ls) => [...ls, emptyLine()])}>
          添加票据
        </Button>
      </Paper>
      {error && (
        <Text c="red.8" fw={500}>
          {error}
        </Text>
      )}
      <SaveBar dirty={dirty} saving={saving} onSave={save} canSave={dirty}>
        <Button size="md" variant="default" onClick={() => window.history.back()}>
          取消
        </Button>
      </SaveBar>
    </Stack>
  );
}
