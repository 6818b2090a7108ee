// Registering a claim (or correcting one sent back): who, when it was received, and its invoices.
// Amounts are typed as yuan (1,234.50) and checked by the contract's own schema (ClaimInput) to the
// fen, here before sending and again by the main process. An edit sends only what was changed,
// each with what the form showed (the save rule).
import { ActionIcon, Alert, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { Fragment, useRef } from 'react';
import { z } from 'zod';
import { ClaimInput, type ClaimFile } from '../../../src-main/contract/claims';
import { LINE_KINDS } from '../../../src-main/shared/lineKinds';
import { parseDateInput, todayIso } from '../../../src-main/shared/dates';
import { formatYuan, parseYuan } from '../../../src-main/shared/money';
import type { ApiError } from '../../api';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { DateField } from '../../kit/DateField';
import { useContractForm } from '../../kit/form';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { SaveBar } from '../../kit/SaveBar';
import { navigate } from '../../route';
import { PolicyGapNotice, visitYears } from './PolicyGapNotice';
import { LoadFailed, yuan } from './shared';

export type LineDraft = {
  invoiceCode: string;
  invoiceNo: string;
  hospital: string;
  visitDate: string;
  kind: string | null;
  total: string;
  fund: string;
  account: string;
  /** Empty: 总金额 less 统筹 and 个人账户, as the invoice shows it. */
  self: string;
  /** Empty: the same as 自付. */
  eligible: string;
  eligibleReason: string;
};

export type ClaimDraft = {
  person: PickedPerson | null;
  receivedDate: string;
  note: string;
  lines: LineDraft[];
};

export const emptyLine = (): LineDraft => ({
  invoiceCode: '',
  invoiceNo: '',
  hospital: '',
  visitDate: '',
  kind: null,
  total: '',
  fund: '0',
  account: '0',
  self: '',
  eligible: '',
  eligibleReason: '',
});
const plain = (fen: number) => formatYuan(fen).replace(/,/g, '');

/** 自付 filled in from the others while it is empty, as the invoice shows it. */
export function selfOf(l: LineDraft): string {
  try {
    const fen = parseYuan(l.total || '0') - parseYuan(l.fund || '0') - parseYuan(l.account || '0');
    return fen >= 0 ? plain(fen) : '';
  } catch {
    return '';
  }
}

/** An amount left empty is one not given (请填写总金额), not one that cannot be read. */
const given = (s: string) => (s.trim() === '' ? undefined : s);

/** An invoice line as the contract reads it. */
const lineInput = (l: LineDraft) => ({
  invoiceCode: l.invoiceCode || null,
  invoiceNo: l.invoiceNo,
  hospital: l.hospital || null,
  visitDate: l.visitDate,
  kind: l.kind,
  total: given(l.total),
  fund: l.fund || '0',
  account: l.account || '0',
  self: given(l.self || selfOf(l)),
  eligible: l.eligible || null,
  eligibleReason: l.eligibleReason || null,
});

type ClaimInputText = z.input<typeof ClaimInput>;

/** What the form sends for each of its fields (any subset: an edit sends only the changed ones). */
function inputOf(d: Partial<ClaimDraft>): Partial<ClaimInputText> {
  const out: Partial<ClaimInputText> = {};
  // A missing person stays missing (null), for the schema to say so; never a made-up id.
  if ('person' in d) out.personId = (d.person?.id ?? null) as number;
  if ('receivedDate' in d) out.receivedDate = d.receivedDate;
  if ('note' in d) out.note = d.note || null;
  if (d.lines) out.lines = d.lines.map(lineInput) as ClaimInputText['lines'];
  return out;
}

/**
 * The contract's ClaimInput, read from what the form holds: its messages land on the form's own
 * fields (`lines.2.total`). Only 报销人 gets a word of its own, the contract knowing it as an id.
 */
const ClaimDraftSchema = z.preprocess(
  (d) => inputOf(d as ClaimDraft),
  ClaimInput.extend({ personId: z.number({ error: '请选择报销人' }).int().positive('请选择报销人') }),
);

export function draftOf(c: ClaimFile): ClaimDraft {
  return {
    person: { id: c.personId, label: personLabel(c.personName, c.category, c.idNumberMasked) },
    receivedDate: c.receivedDate,
    note: c.note ?? '',
    lines: c.lines.map((l) => ({
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
    })),
  };
}

const personLabel = (name: string, category: string, id?: string | null) =>
  `${name}（${category}${id === undefined ? '' : `，${id ?? '无身份证号'}`}）`;

/** The 符合报销金额 of all lines, or null while an amount cannot be read. */
export function eligibleTotal(lines: LineDraft[]): number | null {
  let total = 0;
  for (const l of lines) {
    try {
      total += parseYuan(l.eligible || l.self || selfOf(l) || '0');
    } catch {
      return null;
    }
  }
  return total;
}

/** The form for a new claim (for `personId` when given) or for claim `claim`, once what it shows is read. */
export function ClaimForm({ claim, personId }: { claim: number | null; personId: number | null }) {
  const existing = useRpc('claims.get', claim === null ? null : { id: claim });
  const person = useRpc('retirees.get', claim === null && personId !== null ? { id: personId } : null);
  const failed = existing.error ?? person.error;
  if (failed) return <LoadFailed error={failed} />;
  if (claim !== null)
    return existing.data ? <ClaimEditor key={claim} existing={existing.data} initial={draftOf(existing.data)} /> : null;
  if (personId !== null && !person.data) return null;
  const initial: ClaimDraft = {
    person: person.data ? { id: person.data.id, label: personLabel(person.data.name, person.data.category) } : null,
    receivedDate: todayIso(),
    note: '',
    lines: [emptyLine()],
  };
  return <ClaimEditor existing={null} initial={initial} />;
}

/** Where the main process names an invoice (`票据 F001 已用于第 3 号报销单`), the lines it means. */
function linesNamedIn(message: string, lines: LineDraft[]): number[] {
  return lines.flatMap((l, i) => {
    const label = l.invoiceCode.trim() ? `${l.invoiceCode.trim()} ${l.invoiceNo.trim()}` : l.invoiceNo.trim();
    return label && message.includes(`票据 ${label} `) ? [i] : [];
  });
}

/** What a saved claim makes stale. */
const CHANGES = ['claims.get', 'claims.list', 'claims.statement'] as const;

function ClaimEditor({ existing, initial }: { existing: ClaimFile | null; initial: ClaimDraft }) {
  const savedId = useRef<number | null>(null);
  const quiet = { onError: () => {}, invalidates: [...CHANGES] };
  const create = useRpcMutation('claims.create', quiet);
  const update = useRpcMutation('claims.update', quiet);
  const f = useContractForm<ClaimDraft>({
    initial,
    schema: ClaimDraftSchema,
    what: existing ? `第 ${existing.id} 号报销单` : '登记中的报销单',
    submit: async (values, edit) => {
      const saved = existing
        ? await update.mutateAsync({
            id: existing.id,
            version: existing.version,
            changes: inputOf(edit.changes),
            base: inputOf(edit.base),
          })
        : await create.mutateAsync(inputOf(values) as ClaimInputText);
      savedId.current = saved.id;
      return draftOf(saved);
    },
    // A refused invoice (used by another claim, or twice in this one) is marked on its own line.
    onRefused: (e: ApiError) => {
      if (e.code === 'duplicate_invoice')
        for (const i of linesNamedIn(e.message, f.form.getValues().lines))
          f.form.setFieldError(`lines.${i}.invoiceNo`, e.message);
      return false;
    },
  });
  const { form } = f;
  const values = form.getValues();
  const lines = values.lines;
  const total = eligibleTotal(lines);

  const saveAndOpen = async () => {
    if (!(await f.save())) return;
    f.release();
    navigate(`/claims/${savedId.current}`);
  };

  const cell = (i: number, key: keyof LineDraft, width: number, label: string) => (
    <TextInput
      aria-label={`第${i + 1}张票据 ${label}`}
      placeholder={label}
      w={width}
      {...form.getInputProps(`lines.${i}.${key}`)}
    />
  );

  return (
    <Stack gap="md" mt="md">
      <Title order={2}>{existing ? `修改第 ${existing.id} 号报销单` : '登记报销单'}</Title>
      {existing?.returnReason && <Alert color="orange">退回原因：{existing.returnReason}</Alert>}
      <Paper withBorder p="md">
        <Group align="flex-start" grow>
          {existing ? (
            // The main process keeps a claim with its person: another person's is a new claim.
            <TextInput
              label="报销人"
              value={values.person?.label ?? ''}
              readOnly
              description="报销人不能更改，如有错误请另行登记"
            />
          ) : (
            <PersonPicker
              value={values.person}
              error={form.errors.personId as string | undefined}
              onChange={(p) => {
                form.setFieldValue('person', p);
                form.clearFieldError('personId');
              }}
            />
          )}
          <div>
            <DateField
              label="收件日期"
              value={values.receivedDate}
              onChange={(d) => form.setFieldValue('receivedDate', d ?? '')}
              placeholder="如 2025-03-10"
            />
            <FieldError error={form.errors.receivedDate} />
          </div>
          <TextInput label="备注" {...form.getInputProps('note')} />
        </Group>
      </Paper>
      <PolicyGapNotice
        personId={values.person?.id ?? null}
        years={visitYears(lines.map((l) => parseDateInput(l.visitDate) ?? ''))}
      />
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>票据（金额单位：元）</Title>
          <Text size="lg">符合报销金额合计：{total === null ? '金额有误' : yuan(total)}</Text>
        </Group>
        {/* Fits 1366 px without scrolling: 调整原因 has a row of its own, shown where it is needed. */}
        <Table.ScrollContainer minWidth={1060}>
          <Table verticalSpacing={4} horizontalSpacing={4}>
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
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((l, i) => (
                <Fragment key={i}>
                  <Table.Tr style={{ verticalAlign: 'top' }}>
                    <Table.Td>{cell(i, 'invoiceCode', 85, '票据代码')}</Table.Td>
                    <Table.Td>{cell(i, 'invoiceNo', 95, '票据号')}</Table.Td>
                    <Table.Td>{cell(i, 'hospital', 115, '医疗机构')}</Table.Td>
                    <Table.Td>
                      <DateField
                        label=""
                        ariaLabel={`第${i + 1}张票据 就医日期`}
                        w={140}
                        placeholder="就医日期"
                        value={l.visitDate}
                        onChange={(d) => form.setFieldValue(`lines.${i}.visitDate`, d ?? '')}
                      />
                      <FieldError error={form.errors[`lines.${i}.visitDate`]} />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`第${i + 1}张票据 类别`}
                        w={90}
                        data={[...LINE_KINDS]}
                        placeholder="类别"
                        {...form.getInputProps(`lines.${i}.kind`)}
                      />
                    </Table.Td>
                    <Table.Td>{cell(i, 'total', 90, '总金额')}</Table.Td>
                    <Table.Td>{cell(i, 'fund', 80, '统筹支付')}</Table.Td>
                    <Table.Td>{cell(i, 'account', 80, '个人账户')}</Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`第${i + 1}张票据 个人自付`}
                        w={85}
                        placeholder={selfOf(l)}
                        {...form.getInputProps(`lines.${i}.self`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`第${i + 1}张票据 符合报销金额`}
                        w={90}
                        placeholder={l.self || selfOf(l) || '同自付'}
                        {...form.getInputProps(`lines.${i}.eligible`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mt={6}
                        aria-label={`删除第${i + 1}张票据`}
                        disabled={lines.length === 1}
                        onClick={() => form.removeListItem('lines', i)}
                      >
                        <IconTrash size={18} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                  {(l.eligible.trim() !== '' ||
                    l.eligibleReason !== '' ||
                    form.errors[`lines.${i}.eligibleReason`]) && (
                    // 符合报销金额 other than 自付 needs a reason (ClaimLineInput).
                    <Table.Tr>
                      <Table.Td colSpan={11}>
                        <Group gap="xs" align="flex-start">
                          <Text mt={6}>第 {i + 1} 张票据符合报销金额与个人自付不同的原因：</Text>
                          <TextInput
                            aria-label={`第${i + 1}张票据 调整原因`}
                            placeholder="如：自费药品不予报销"
                            style={{ flex: 1 }}
                            {...form.getInputProps(`lines.${i}.eligibleReason`)}
                          />
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Button
          mt="sm"
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() => form.insertListItem('lines', emptyLine())}
        >
          添加票据
        </Button>
      </Paper>
      {f.error && (
        <Text c="red.8" fw={500} role="alert">
          {f.error}
        </Text>
      )}
      <SaveBar dirty={f.dirty} saving={f.saving} onSave={() => void saveAndOpen()} canSave={f.dirty}>
        <Button size="md" variant="default" onClick={() => window.history.back()}>
          取消
        </Button>
      </SaveBar>
    </Stack>
  );
}

/** A message under a field that shows none of its own (the date field). */
function FieldError({ error }: { error: unknown }) {
  if (typeof error !== 'string' || !error) return null;
  return (
    <Text c="red.8" size="sm" mt={4}>
      {error}
    </Text>
  );
}
