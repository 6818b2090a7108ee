// The 党费 dialogs, each a FormModal on a @mantine/form form checked by the contract's schema where
// the form is the call's input: a member's base for a year (or 低保), a branch's decision to reduce
// or waive, months paid by one member (ahead or late), and a month's collection for a branch.
import {
  Checkbox,
  Group,
  MultiSelect,
  Radio,
  Select,
  SimpleGrid,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { DuesBaseView, DuesLedger, DuesMonthCell } from '../../../src-main/contract/dues';
import { DuesBaseInput, DuesReductionInput } from '../../../src-main/contract/dues';
import { formatChineseDate, todayIso } from '../../../src-main/shared/dates';
import { formatYuan } from '../../../src-main/shared/money';
import { DUES_PAYERS, DUES_REDUCTION_KINDS, monthText, monthsOf } from '../../../src-main/shared/partyDues';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';

/** What a change to dues makes stale. */
export const DUES_READS = ['dues.ledger', 'dues.member', 'dues.proposals'] as const;

interface Opened {
  opened: boolean;
  onClose: () => void;
}

interface BaseValues extends Record<string, unknown> {
  personId: number;
  year: number;
  base: string;
  dibao: boolean;
  fromMonth: string | null;
  toMonth: string | null;
}

/**
 * 登记党费基数: the month's 基本养老金 without 津补贴, typed; or 低保; and, for a member transferred in
 * or out during the year, the first and last month they pay to the branch.
 */
export function BaseModal({
  opened,
  onClose,
  personId,
  name,
  year,
  base,
}: Opened & {
  personId: number;
  name: string;
  year: number;
  base: DuesBaseView | null;
}) {
  const form = useForm<BaseValues>({
    mode: 'controlled',
    initialValues: {
      personId,
      year,
      base: base?.baseFen == null ? '' : formatYuan(base.baseFen),
      dibao: base?.dibao ?? false,
      fromMonth: base?.fromMonth ?? null,
      toMonth: base?.toMonth ?? null,
    },
    validate: zod4Resolver(DuesBaseInput as never),
  });
  const save = useRpcMutation('dues.setBase', { invalidates: [...DUES_READS], onError: () => {} });
  const months = monthsOf(year).map((m) => ({ value: m, label: monthText(m) }));
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`${name} ${year} 年度党费基数`}
      form={form}
      onSubmit={(v) => save.mutateAsync({ ...v, base: v.base.trim() === '' ? null : v.base })}
    >
      <TextInput
        label="党费基数（元/月）"
        description="每月基本养老金（基本离退休费），不含津贴补贴"
        data-autofocus
        {...form.getInputProps('base')}
      />
      <Checkbox
        label="享受城乡居民最低生活保障（低保），每月交纳 0.20 元"
        {...form.getInputProps('dibao', { type: 'checkbox' })}
      />
      <SimpleGrid cols={2}>
        <Select
          label="起交月份"
          description="本年组织关系转入的，自转入当月起交"
          placeholder="1月起"
          data={months}
          clearable
          {...form.getInputProps('fromMonth')}
        />
        <Select
          label="止交月份"
          description="本年组织关系转出的，交至转出前一月"
          placeholder="至12月"
          data={months}
          clearable
          {...form.getInputProps('toMonth')}
        />
      </SimpleGrid>
    </FormModal>
  );
}

interface CancelValues extends Record<string, unknown> {
  id: string | null;
  reason: string;
}

/** 撤销交纳记录: a payment recorded by mistake taken back, with the reason (kept in the history). */
export function CancelPaymentModal({ opened, onClose, name, paid }: Opened & { name: string; paid: DuesMonthCell[] }) {
  const form = useForm<CancelValues>({
    mode: 'controlled',
    initialValues: { id: paid.length === 1 ? String(paid[0].paymentId) : null, reason: '' },
    validate: {
      id: (v) => (v ? null : '请选择要撤销的月份'),
      reason: (v) => (v.trim() ? null : '请填写撤销的原因'),
    },
  });
  const cancel = useRpcMutation('dues.cancelPayment', { invalidates: [...DUES_READS], onError: () => {} });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`撤销${name}的党费交纳记录`}
      form={form}
      submitLabel="撤销"
      onSubmit={(v) => cancel.mutateAsync({ id: Number(v.id), reason: v.reason })}
    >
      <Text size="sm">只用于更正登记错误；撤销后该月重新计为欠交，撤销的原因记入历史记录。</Text>
      <Select
        label="交纳月份"
        data={paid.map((c) => ({
          value: String(c.paymentId),
          label: `${monthText(c.month)}　${formatYuan(c.paidFen ?? 0)} 元（${formatChineseDate(c.paidOn)}${c.paidBy === '代交' ? `由${c.proxyName}代交` : '本人交纳'}）`,
        }))}
        data-autofocus
        {...form.getInputProps('id')}
      />
      <Textarea label="撤销的原因" autosize minRows={2} {...form.getInputProps('reason')} />
    </FormModal>
  );
}

interface ReductionValues extends Record<string, unknown> {
  personId: number;
  kind: (typeof DUES_REDUCTION_KINDS)[number];
  amount: string;
  fromMonth: string;
  toMonth: string;
  decidedOn: string;
  decision: string;
}

/** 支部决定减免: reduce (the monthly amount) or waive, for a span of months, with the decision. */
export function ReductionModal({
  opened,
  onClose,
  personId,
  name,
  year,
}: Opened & {
  personId: number;
  name: string;
  year: number;
}) {
  const form = useForm<ReductionValues>({
    mode: 'controlled',
    initialValues: {
      personId,
      kind: '减交',
      amount: '',
      fromMonth: `${year}-01`,
      toMonth: `${year}-12`,
      decidedOn: '',
      decision: '',
    },
    validate: zod4Resolver(DuesReductionInput as never),
  });
  const save = useRpcMutation('dues.addReduction', { invalidates: [...DUES_READS], onError: () => {} });
  const months = monthsOf(year).map((m) => ({ value: m, label: monthText(m) }));
  const v = form.getValues();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`${name}：支部决定减交或免交党费`}
      form={form}
      onSubmit={(x) => save.mutateAsync({ ...x, amount: x.kind === '免交' || x.amount === '' ? null : x.amount })}
    >
      <Radio.Group label="方式" {...form.getInputProps('kind')}>
        <Group mt="xs">
          {DUES_REDUCTION_KINDS.map((k) => (
            <Radio key={k} value={k} label={k} />
          ))}
        </Group>
      </Radio.Group>
      {v.kind === '减交' && <TextInput label="减交后每月交纳（元）" {...form.getInputProps('amount')} />}
      <SimpleGrid cols={2}>
        <Select label="起始月份" data={months} allowDeselect={false} {...form.getInputProps('fromMonth')} />
        <Select label="截止月份" data={months} allowDeselect={false} {...form.getInputProps('toMonth')} />
      </SimpleGrid>
      <FormDateField form={form} path="decidedOn" label="支部决定日期" />
      <Textarea label="支部决定（文号或内容）" autosize minRows={2} {...form.getInputProps('decision')} />
    </FormModal>
  );
}

interface PayValues extends Record<string, unknown> {
  months: string[];
  paidOn: string;
  paidBy: (typeof DUES_PAYERS)[number];
  proxyName: string;
}

/** One member's months paid at once: the month itself, up to six ahead, or earlier ones (补交). */
export function PayMonthsModal({
  opened,
  onClose,
  personId,
  branchId,
  name,
  open,
}: Opened & {
  personId: number;
  branchId: number;
  name: string;
  /** The months not yet paid, to choose from. */
  open: string[];
}) {
  const form = useForm<PayValues>({
    mode: 'controlled',
    initialValues: { months: [], paidOn: todayIso(), paidBy: '本人', proxyName: '' },
  });
  const pay = useRpcMutation('dues.collect', {
    invalidates: [...DUES_READS],
    onError: () => {},
    onSuccess: (r) => done(`已登记 ${r.count} 个月，共 ${formatYuan(r.paidFen)} 元`),
  });
  const v = form.getValues();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`${name}：登记交纳党费`}
      form={form}
      submitLabel="登记"
      onSubmit={(x) =>
        pay.mutateAsync({
          branchId,
          paidOn: x.paidOn,
          items: x.months.map((month) => ({ personId, month, paidBy: x.paidBy, proxyName: x.proxyName })),
        })
      }
    >
      <MultiSelect
        label="所交月份"
        description="可补交以前月份，最多预交交纳当月之后 6 个月"
        data={open.map((m) => ({ value: m, label: monthText(m) }))}
        {...form.getInputProps('months')}
      />
      <FormDateField form={form} path="paidOn" label="交纳日期" />
      <PayerFields form={form} paidBy={v.paidBy} />
    </FormModal>
  );
}

function PayerFields<V extends { paidBy: string }>({
  form,
  paidBy,
}: {
  form: ReturnType<typeof useForm<V>>;
  paidBy: string;
}) {
  return (
    <Group align="end">
      <Radio.Group label="交纳人" {...form.getInputProps('paidBy')}>
        <Group mt="xs">
          {DUES_PAYERS.map((k) => (
            <Radio key={k} value={k} label={k} />
          ))}
        </Group>
      </Radio.Group>
      {paidBy === '代交' && <TextInput label="代交人姓名" {...form.getInputProps('proxyName')} />}
    </Group>
  );
}

interface CollectLine {
  personId: number;
  name: string;
  dueFen: number;
  basis: string;
  pay: boolean;
  paidBy: (typeof DUES_PAYERS)[number];
  proxyName: string;
}
interface CollectValues extends Record<string, unknown> {
  month: string;
  paidOn: string;
  lines: CollectLine[];
}

/** The members who owe the month: every one of this branch not yet paid, with what is due. */
function linesFor(ledger: DuesLedger, month: string): CollectLine[] {
  const i = Number(month.slice(5, 7)) - 1;
  return ledger.rows.flatMap((r) => {
    const c = r.months[i];
    return r.current && (c.state === 'unpaid' || c.state === 'future') && c.dueFen !== null
      ? [
          {
            personId: r.personId,
            name: r.name,
            dueFen: c.dueFen,
            basis: c.basis ?? '',
            pay: true,
            paidBy: '本人' as const,
            proxyName: '',
          },
        ]
      : [];
  });
}

/** 收缴党费: a month's collection for a branch in one step, one transaction. */
export function CollectModal({ opened, onClose, ledger, month }: Opened & { ledger: DuesLedger; month: string }) {
  const form = useForm<CollectValues>({
    mode: 'controlled',
    initialValues: { month, paidOn: todayIso(), lines: linesFor(ledger, month) },
  });
  const collect = useRpcMutation('dues.collect', {
    invalidates: [...DUES_READS],
    onError: () => {},
    onSuccess: (r) => done(`已登记 ${r.count} 人党费，共 ${formatYuan(r.paidFen)} 元`),
  });
  const v = form.getValues();
  const ticked = v.lines.filter((l) => l.pay);
  const all = v.lines.length > 0 && ticked.length === v.lines.length;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`收缴党费：${ledger.branchName}`}
      size="xl"
      form={form}
      submitLabel={`登记 ${ticked.length} 人，共 ${formatYuan(ticked.reduce((s, l) => s + l.dueFen, 0))} 元`}
      onSubmit={(x) =>
        collect.mutateAsync({
          branchId: ledger.branchId,
          paidOn: x.paidOn,
          items: x.lines
            .filter((l) => l.pay)
            .map((l) => ({
              personId: l.personId,
              month: x.month,
              paidBy: l.paidBy,
              proxyName: l.proxyName,
              amount: formatYuan(l.dueFen),
            })),
        })
      }
    >
      <SimpleGrid cols={2}>
        <Select
          label="所交月份"
          data={monthsOf(ledger.year).map((m) => ({ value: m, label: monthText(m) }))}
          allowDeselect={false}
          value={v.month}
          onChange={(m) => m && form.setValues({ month: m, lines: linesFor(ledger, m) })}
        />
        <FormDateField form={form} path="paidOn" label="交纳日期" />
      </SimpleGrid>
      {v.lines.length === 0 ? (
        <Text c="dimmed">本月党员均已交纳（或免交、尚未登记基数）。</Text>
      ) : (
        <Table withTableBorder verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <SelectAllHead
                all={all}
                some={ticked.length > 0}
                onToggle={() =>
                  form.setFieldValue(
                    'lines',
                    v.lines.map((l) => ({ ...l, pay: !all })),
                  )
                }
              />
              <Table.Th>姓名</Table.Th>
              <Table.Th>比例</Table.Th>
              <Table.Th ta="right">应交（元）</Table.Th>
              <Table.Th>交纳人</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {v.lines.map((l, i) => (
              <Table.Tr key={l.personId}>
                <Table.Td>
                  <Checkbox
                    aria-label={`${l.name}已交`}
                    {...form.getInputProps(`lines.${i}.pay`, { type: 'checkbox' })}
                  />
                </Table.Td>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td>{l.basis}</Table.Td>
                <Table.Td ta="right">{formatYuan(l.dueFen)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Select
                      aria-label={`${l.name}交纳人`}
                      w={90}
                      data={[...DUES_PAYERS]}
                      allowDeselect={false}
                      {...form.getInputProps(`lines.${i}.paidBy`)}
                    />
                    {l.paidBy === '代交' && (
                      <TextInput
                        aria-label={`${l.name}代交人`}
                        placeholder="代交人姓名"
                        w={120}
                        {...form.getInputProps(`lines.${i}.proxyName`)}
                      />
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </FormModal>
  );
}

/** The header cell that ticks every row of a list, or none. */
export function SelectAllHead({
  all,
  some,
  disabled,
  onToggle,
}: {
  all: boolean;
  some: boolean;
  disabled?: boolean;
  onToggle: () => void;
}) {
  return (
    <Table.Th w={60}>
      <Checkbox aria-label="全选" checked={all} indeterminate={!all && some} disabled={disabled} onChange={onToggle} />
    </Table.Th>
  );
}
