// 困难帮扶: the year's applications (帮扶台账) with their totals by reason and by paying body; an
// application registered, decided and paid (through a payment batch, or by hand); a festival
// round of aid for many people as one batch; the register printed and exported.
import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import {
  AID_BODIES,
  AID_DECISIONS,
  type AidRegister,
  type AidState,
  type AidView,
} from '../../../src-main/contract/aid';
import { BatchName } from '../../../src-main/contract/payments';
import { todayIso } from '../../../src-main/shared/dates';
import { formatYuan, parseYuan } from '../../../src-main/shared/money';
import { download } from '../../files';
import { DataTable } from '../../kit/DataTable';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { done } from '../../notify';
import { navigate } from '../../route';
import { textField, validatedAs } from '../person/fields';

/** What a change to aid makes stale. */
const AID_READS = ['aid.register', 'aid.list', 'aid.get', 'aid.reasons', 'batches.list', 'batches.payable'] as const;

const STATE_COLORS: Record<AidState, string> = { 待审批: 'blue', 不批准: 'gray', 待发放: 'orange', 已发放: 'teal' };
const yuan = (fen: number | null) => (fen === null ? '—' : `${formatYuan(fen)} 元`);

export function AidTab({ params }: { params: URLSearchParams }) {
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year')) || thisYear;
  const register = useRpc('aid.register', { year });
  const [applying, applyDialog] = useDisclosure(false);
  const [rounding, roundDialog] = useDisclosure(false);
  const [batching, batchDialog] = useDisclosure(false);
  // The application shown under the register: in the address, so the timeline can link to it.
  const shownId = Number(params.get('aid')) || null;
  const show = (id: number | null) =>
    navigate('/visits', { tab: 'aid', year: String(year), ...(id === null ? {} : { aid: String(id) }) });
  const [picked, setPicked] = useState<AidView[]>([]);
  const exportRegister = useRpcMutation('aid.registerExport', { onSuccess: (f) => download(f.fileName, f.dataBase64) });
  const r = register.data;
  const payable = (a: AidView) => a.state === '待发放' && a.batchId === null;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group>
          <Select
            aria-label="年度"
            w={120}
            data={Array.from({ length: 6 }, (_, i) => String(thisYear - i))}
            value={String(year)}
            onChange={(y) => navigate('/visits', { tab: 'aid', year: y ?? String(thisYear) })}
            allowDeselect={false}
          />
          <Can method="aid.apply">
            <Button onClick={applyDialog.open}>登记帮扶申请</Button>
          </Can>
          <Can method="aid.round">
            <Button variant="light" onClick={roundDialog.open}>
              节日帮扶发放
            </Button>
          </Can>
        </Group>
        <Group>
          <Button
            variant="light"
            leftSection={<IconPrinter size={18} />}
            onClick={() => navigate('/print/aid-register', { year: String(year) })}
          >
            打印台账
          </Button>
          <Can method="aid.registerExport">
            <Button
              variant="light"
              leftSection={<IconDownload size={18} />}
              loading={exportRegister.isPending}
              onClick={() => exportRegister.mutate({ year })}
            >
              导出台账
            </Button>
          </Can>
        </Group>
      </Group>
      <Title order={4}>{year} 年度困难帮扶台账</Title>
      <DataTable<AidView>
        records={r?.rows ?? []}
        fetching={register.isFetching}
        minHeight={r?.rows.length ? undefined : 120}
        noRecordsText="本年度还没有帮扶申请"
        onRowOpen={(a) => show(a.id)}
        rowLabel={(a) => `第 ${a.id} 号，${a.personName}，${a.reason}，${a.state}`}
        selectedRecords={picked}
        onSelectedRecordsChange={setPicked}
        isRecordSelectable={payable}
        allRecordsSelectionCheckboxProps={{ 'aria-label': '全选待发放' }}
        getRecordSelectionCheckboxProps={(a) => ({ 'aria-label': `选择第 ${a.id} 号` })}
        columns={[
          { accessor: 'id', title: '编号', render: (a) => `第 ${a.id} 号` },
          { accessor: 'appliedOn', title: '申请日期' },
          { accessor: 'personName', title: '姓名' },
          { accessor: 'reason', title: '原因' },
          { accessor: 'askedFen', title: '申请金额', textAlign: 'right', render: (a) => yuan(a.askedFen) },
          { accessor: 'decision', title: '审批', render: (a) => a.decision ?? '—' },
          { accessor: 'grantedFen', title: '批准金额', textAlign: 'right', render: (a) => yuan(a.grantedFen) },
          { accessor: 'body', title: '发放单位', render: (a) => a.body ?? '—' },
          {
            accessor: 'state',
            title: '状态',
            render: (a) => (
              <Group gap={4}>
                <Badge color={STATE_COLORS[a.state]} variant="light">
                  {a.state}
                </Badge>
                {a.batchName && a.state === '待发放' && <Text size="sm">已编入“{a.batchName}”</Text>}
              </Group>
            ),
          },
        ]}
      />
      <Can method="batches.create">
        <Group>
          <Text c="dimmed">
            勾选待发放的帮扶，编入发放批次后随批次发放（发放名单、汇总表见“药费报销 › 发放批次”）。
          </Text>
          <Button disabled={picked.length === 0} onClick={batchDialog.open}>
            编入发放批次（{picked.length} 笔）
          </Button>
        </Group>
      </Can>
      {r && <Totals r={r} />}
      <Can method="aid.saveReason">
        <ReasonsPanel />
      </Can>
      <ApplyModal opened={applying} onClose={applyDialog.close} />
      <RoundModal opened={rounding} onClose={roundDialog.close} />
      <BatchModal opened={batching} aid={picked} onClose={batchDialog.close} onDone={() => setPicked([])} />
      {shownId !== null && <AidDetail id={shownId} onClose={() => show(null)} />}
    </Stack>
  );
}

/** One table of totals: a heading per column, the first a name, the others counts or amounts (fen). */
function TotalsTable({ title, head, rows }: { title: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {title}
      </Title>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            {head.map((h, i) => (
              <Table.Th key={h} ta={i ? 'right' : undefined}>
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row[0]}>
              {row.map((v, i) => (
                <Table.Td key={i} ta={i ? 'right' : undefined}>
                  {v}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function Totals({ r }: { r: AidRegister }) {
  return (
    <SimpleGrid cols={2}>
      <TotalsTable
        title="按帮扶原因汇总"
        head={['原因', '申请（件）', '批准（件）', '批准金额', '已发放']}
        rows={[...r.byReason, { reason: '合计', ...r.total }].map((b) => [
          b.reason,
          b.applications,
          b.granted,
          yuan(b.grantedFen),
          yuan(b.paidFen),
        ])}
      />
      <TotalsTable
        title="按发放单位汇总"
        head={['发放单位', '批准（件）', '批准金额', '已发放']}
        rows={[...r.byBody, { body: '合计', ...r.total }].map((b) => [
          b.body,
          b.granted,
          yuan(b.grantedFen),
          yuan(b.paidFen),
        ])}
      />
    </SimpleGrid>
  );
}

/** The office's list of reasons (administrators): added, retired (停用) or deleted while unused. */
function ReasonsPanel() {
  const reasons = useRpc('aid.reasons', {});
  const form = useForm({ mode: 'controlled', initialValues: { name: '' } });
  const name = form.values.name;
  const save = useRpcMutation('aid.saveReason', {
    invalidates: ['aid.reasons'],
    onSuccess: (x) => done(`帮扶原因“${x.name}”${x.retired ? '已停用' : '已保存'}`),
  });
  const remove = useRpcMutation('aid.deleteReason', { invalidates: ['aid.reasons'], onSuccess: () => done('已删除') });
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        帮扶原因
      </Title>
      <Group gap="xs" mb="sm">
        {(reasons.data ?? []).map((x) => (
          <Group key={x.id} gap={4} wrap="nowrap">
            <Badge variant="light" color={x.retired ? 'gray' : 'blue'} size="lg">
              {x.name}
              {x.retired ? '（已停用）' : ''}
            </Badge>
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => save.mutate({ id: x.id, name: x.name, retired: !x.retired })}
            >
              {x.retired ? '启用' : '停用'}
            </Button>
            {x.used === 0 && (
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove.mutate({ id: x.id })}>
                删除
              </Button>
            )}
          </Group>
        ))}
      </Group>
      <Group align="end">
        <TextInput label="新的帮扶原因" {...form.getInputProps('name')} />
        <Button
          variant="light"
          disabled={!name.trim()}
          onClick={() => save.mutate({ id: null, name, retired: false }, { onSuccess: () => form.reset() })}
        >
          添加
        </Button>
      </Group>
    </Paper>
  );
}

/** The reasons in use now, for a form's choice. */
function useReasonChoices() {
  const reasons = useRpc('aid.reasons', {});
  return (reasons.data ?? []).filter((r) => !r.retired).map((r) => ({ value: String(r.id), label: r.name }));
}

function ApplyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const reasons = useReasonChoices();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      person: null as PickedPerson | null,
      personId: 0,
      reasonId: null as number | null,
      appliedOn: todayIso() as string,
      story: null as string | null,
      asked: null as string | null,
    },
    validate: validatedAs('aid.apply'),
  });
  const apply = useRpcMutation('aid.apply', {
    invalidates: [...AID_READS],
    onSuccess: (a) => done(`已登记${a.personName}的帮扶申请（第 ${a.id} 号）`),
    onError: () => {},
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="登记帮扶申请"
      form={form}
      onSubmit={(v) => apply.mutateAsync(v as never)}
    >
      <PersonPicker
        label="申请人"
        value={form.values.person}
        error={form.errors.personId as string | undefined}
        onChange={(p) => {
          form.setFieldValue('person', p);
          form.setFieldValue('personId', p?.id ?? 0);
          form.clearFieldError('personId');
        }}
      />
      <SimpleGrid cols={3}>
        <Select
          label="帮扶原因"
          data={reasons}
          {...form.getInputProps('reasonId')}
          value={form.values.reasonId === null ? null : String(form.values.reasonId)}
          onChange={(v) => form.setFieldValue('reasonId', v === null ? null : Number(v))}
        />
        <FormDateField form={form} path="appliedOn" label="申请日期" />
        <TextInput label="申请金额（元）" {...textField(form, 'asked')} />
      </SimpleGrid>
      <Textarea label="困难情况" autosize minRows={3} {...textField(form, 'story')} />
    </FormModal>
  );
}

function AidDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const { data: a } = useRpc('aid.get', { id });
  const [deciding, decideDialog] = useDisclosure(false);
  const [paying, payDialog] = useDisclosure(false);
  if (!a) return null;
  return (
    <Paper withBorder p="md" aria-label={`第 ${a.id} 号帮扶申请`}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>
          第 {a.id} 号帮扶申请：{a.personName}（{a.reason}）
        </Title>
        <Group>
          {(a.state === '待审批' || (a.state !== '已发放' && a.batchId === null)) && (
            <Can method="aid.decide">
              <Button onClick={decideDialog.open}>审批</Button>
            </Can>
          )}
          {a.state === '待发放' && a.batchId === null && (
            <Can method="aid.pay">
              <Button variant="light" onClick={payDialog.open}>
                登记现金发放
              </Button>
            </Can>
          )}
          {a.batchId !== null && (
            <Button variant="light" onClick={() => navigate(`/claims/batches/${a.batchId}`)}>
              查看发放批次
            </Button>
          )}
          <Button variant="default" onClick={onClose}>
            关闭
          </Button>
        </Group>
      </Group>
      <Text>
        {a.appliedOn} 申请 {yuan(a.askedFen)}：{a.story}
      </Text>
      <Text>
        {a.decision
          ? `${a.decidedOn} 由${a.decidedBy}审批：${a.decision}${a.grantedFen !== null ? `，${yuan(a.grantedFen)}，由${a.body}发放` : ''}`
          : '尚未审批'}
      </Text>
      <Text>
        {a.paidOn
          ? `${a.paidOn} 已发放，经手人 ${a.paidBy}`
          : a.batchName
            ? `已编入发放批次“${a.batchName}”，待发放`
            : ''}
      </Text>
      <DecideModal aid={a} opened={deciding} onClose={decideDialog.close} />
      <PayModal aid={a} opened={paying} onClose={payDialog.close} />
    </Paper>
  );
}

function DecideModal({ aid, opened, onClose }: { aid: AidView; opened: boolean; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      id: aid.id,
      version: aid.version,
      decision: null as string | null,
      granted: formatYuan(aid.askedFen) as string | null,
      decidedOn: todayIso() as string,
      decidedBy: null as string | null,
      body: null as string | null,
    },
    validate: validatedAs('aid.decide'),
  });
  const decide = useRpcMutation('aid.decide', {
    invalidates: [...AID_READS],
    onSuccess: (a) => done(`第 ${a.id} 号帮扶申请：${a.decision}`),
    onError: () => {},
  });
  const refused = form.values.decision === '不批准';
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`审批：${aid.personName}申请 ${yuan(aid.askedFen)}`}
      form={form}
      onSubmit={(v) => decide.mutateAsync({ ...v, version: aid.version } as never)}
    >
      <SimpleGrid cols={2}>
        <Select label="审批结果" data={[...AID_DECISIONS]} {...form.getInputProps('decision')} />
        <FormDateField form={form} path="decidedOn" label="审批日期" />
        <TextInput label="审批人" {...textField(form, 'decidedBy')} />
        {!refused && <TextInput label="批准金额（元）" {...textField(form, 'granted')} />}
        {!refused && <Select label="发放单位" data={[...AID_BODIES]} {...form.getInputProps('body')} />}
      </SimpleGrid>
    </FormModal>
  );
}

function PayModal({ aid, opened, onClose }: { aid: AidView; opened: boolean; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { id: aid.id, version: aid.version, paidOn: todayIso() as string, paidBy: null as string | null },
    validate: validatedAs('aid.pay'),
  });
  const pay = useRpcMutation('aid.pay', {
    invalidates: [...AID_READS],
    onSuccess: (a) => done(`第 ${a.id} 号帮扶已发放`),
    onError: () => {},
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`现金发放：${aid.personName} ${yuan(aid.grantedFen)}`}
      form={form}
      onSubmit={(v) => pay.mutateAsync({ ...v, version: aid.version } as never)}
    >
      <SimpleGrid cols={2}>
        <FormDateField form={form} path="paidOn" label="发放日期" />
        <TextInput label="经手人" {...textField(form, 'paidBy')} />
      </SimpleGrid>
    </FormModal>
  );
}

function BatchModal({
  opened,
  aid,
  onClose,
  onDone,
}: {
  opened: boolean;
  aid: AidView[];
  onClose: () => void;
  onDone: () => void;
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: `${new Date().getFullYear()}年${new Date().getMonth() + 1}月困难帮扶` },
    validate: zod4Resolver(BatchName),
  });
  const create = useRpcMutation('batches.create', {
    invalidates: [...AID_READS],
    onSuccess: (b) => {
      onDone();
      done(`已建立发放批次“${b.name}”，共 ${b.rows.length} 笔`);
      navigate(`/claims/batches/${b.id}`);
    },
    onError: () => {},
  });
  const total = aid.reduce((n, a) => n + (a.grantedFen ?? 0), 0);
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="编入发放批次"
      form={form}
      submitLabel="建立"
      onSubmit={({ name }) => create.mutateAsync({ name, items: aid.map((a) => ({ source: 'aid', id: a.id })) })}
    >
      <Text>
        将已选的 {aid.length} 笔帮扶（合计 {yuan(total)}）编入一个发放批次。
      </Text>
      <TextInput label="批次名称" data-autofocus {...form.getInputProps('name')} />
    </FormModal>
  );
}

interface RoundLine {
  personId: number;
  name: string;
  /** As typed, in yuan: the contract reads it to fen. */
  amount: string;
}

/** An amount as typed, in fen; 0 while it is no amount yet. */
const fenOf = (s: string) => {
  try {
    return parseYuan(s);
  } catch {
    return 0;
  }
};

/**
 * A festival round (春节困难帮扶): people from the roster's filters (重点关爱 flags) or from the
 * year's aid of a reason, or picked one by one; one amount for all, editable per person.
 */
function RoundModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const reasons = useReasonChoices();
  const year = new Date().getFullYear();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: `${year}年春节困难帮扶`,
      reasonId: null as number | null,
      date: todayIso() as string,
      story: '春节困难帮扶' as string | null,
      decidedBy: null as string | null,
      body: '工会' as string | null,
      // The list being made: where people come from, the amount each is given, the people.
      from: null as string | null,
      amount: '500',
      lines: [] as RoundLine[],
    },
  });
  const { from, amount, lines } = form.values;
  const hardship = useRpc(
    'retirees.list',
    opened && from === 'hardship' ? { care: ['hardship', 'aloneChildless'], statuses: ['在册'], pageSize: 500 } : null,
  );
  const ofReason = useRpc('aid.list', opened && from && from !== 'hardship' ? { reasonId: Number(from), year } : null);
  const setLines = (f: (ls: RoundLine[]) => RoundLine[]) => form.setFieldValue('lines', f(form.getValues().lines));
  const round = useRpcMutation('aid.round', {
    invalidates: [...AID_READS],
    onSuccess: (b) => {
      done(`已建立“${b.name}”：${b.rows.length} 人，合计 ${yuan(b.totalFen)}`);
      navigate(`/claims/batches/${b.id}`);
    },
    onError: () => {},
  });
  const add = (people: { id: number; name: string }[]) =>
    setLines((ls) => [
      ...ls,
      ...people
        .filter((p) => !ls.some((l) => l.personId === p.id))
        .map((p) => ({ personId: p.id, name: p.name, amount })),
    ]);
  const total = lines.reduce((n, l) => n + fenOf(l.amount), 0);
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="节日帮扶发放（建立一个发放批次）"
      size="xl"
      form={form}
      submitLabel={`建立批次（${lines.length} 人）`}
      onSubmit={({ from: _from, amount: _amount, lines: _lines, ...v }) =>
        round.mutateAsync({
          ...(v as never as { name: string; date: string; story: string; decidedBy: string; body: '工会' }),
          reasonId: v.reasonId ?? 0,
          people: lines.map((l) => ({ personId: l.personId, amount: l.amount })),
        })
      }
    >
      <SimpleGrid cols={3}>
        <TextInput label="批次名称" {...form.getInputProps('name')} />
        <Select
          label="帮扶原因"
          data={reasons}
          value={form.values.reasonId === null ? null : String(form.values.reasonId)}
          onChange={(v) => form.setFieldValue('reasonId', v === null ? null : Number(v))}
          error={form.errors.reasonId}
        />
        <FormDateField form={form} path="date" label="发放日期" />
        <TextInput label="帮扶事由" {...textField(form, 'story')} />
        <TextInput label="审批人" {...textField(form, 'decidedBy')} />
        <Select label="发放单位" data={[...AID_BODIES]} {...form.getInputProps('body')} />
      </SimpleGrid>
      <Paper withBorder p="sm">
        <Group align="end">
          <TextInput label="每人金额（元）" w={140} {...form.getInputProps('amount')} />
          <Select
            label="加入名单"
            w={240}
            placeholder="选择来源"
            data={[
              { value: 'hardship', label: '重点关爱：生活困难、孤寡' },
              ...reasons.map((r) => ({ value: r.value, label: `本年度“${r.label}”帮扶对象` })),
            ]}
            {...form.getInputProps('from')}
          />
          <Button
            variant="light"
            disabled={!from}
            onClick={() =>
              add(
                from === 'hardship'
                  ? (hardship.data?.rows ?? []).map((p) => ({ id: p.id, name: p.name }))
                  : (ofReason.data ?? []).map((a) => ({ id: a.personId, name: a.personName })),
              )
            }
          >
            加入
          </Button>
          <PersonPicker
            label="逐个加入"
            value={null}
            onChange={(p) => p && add([{ id: p.id, name: p.label.split('（')[0] }])}
          />
        </Group>
      </Paper>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>姓名</Table.Th>
            <Table.Th>金额（元）</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => (
            <Table.Tr key={l.personId}>
              <Table.Td>{l.name}</Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={`${l.name}的金额`}
                  w={140}
                  value={l.amount}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setLines((ls) => ls.map((x) => (x.personId === l.personId ? { ...x, amount: value } : x)));
                  }}
                />
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => setLines((ls) => ls.filter((x) => x.personId !== l.personId))}
                >
                  移出
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text>
        共 {lines.length} 人，合计 {yuan(total)}
      </Text>
    </FormModal>
  );
}
