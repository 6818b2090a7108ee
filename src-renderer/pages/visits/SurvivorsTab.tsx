// 遗属: the survivors the office serves (registered from a death record), the month's list of the
// 遗属生活困难补助 to print (A4, the total in capitals) or export, the standards by month, and the
// year's eligibility check: who is due, and who is overdue and listed for suspension (the clerk
// stops it; nothing stops by itself). A survivor opens here with its allowance, checks and visits.
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import type {
  AllowanceMonth,
  AllowancePeriod,
  SurvivorSummary,
  SurvivorView,
} from '../../../src-main/contract/survivors';
import { CERTIFICATION_METHODS } from '../../../src-main/shared/care';
import { todayIso } from '../../../src-main/shared/dates';
import { formatYuan } from '../../../src-main/shared/money';
import { ALLOWANCE_STOP_REASONS, MONTH, monthWords } from '../../../src-main/shared/survivors';
import { download } from '../../files';
import { done } from '../../notify';
import { DataTable } from '../../kit/DataTable';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { MaskedValue } from '../../kit/Reveal';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';
import { textField, validatedAs } from '../person/fields';
import { VisitBatchButton } from '../person/VisitBatchButton';
import { SURVIVOR_QUERIES } from './SurvivorForm';

export function SurvivorsTab({ params }: { params: URLSearchParams }) {
  const open = params.get('survivor');
  if (open) return <SurvivorDetail id={Number(open)} />;
  return (
    <Stack gap="lg">
      <SurvivorList />
      <AllowanceMonthSection params={params} />
      <CheckLists />
      <Standards />
    </Stack>
  );
}

const openSurvivor = (id: number) => navigate('/visits', { tab: 'survivors', survivor: String(id) });

function SurvivorList() {
  const list = useRpc('survivors.list', { deceasedId: null });
  const rows = list.data ?? [];
  const receiving = rows.filter((s) => s.allowance === '发放中').map((s) => s.id);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text c="dimmed">遗属在逝者档案的“病故登记”中登记；点姓名查看其补助、认证和慰问记录。</Text>
        <Can method="visits.createBatch">
          <VisitBatchButton query={null} survivorIds={receiving} count={String(receiving.length)} />
        </Can>
      </Group>
      <DataTable<SurvivorSummary>
        records={rows}
        fetching={list.isFetching}
        minHeight={rows.length ? undefined : 100}
        noRecordsText="还没有登记遗属"
        striped
        onRowOpen={(s) => openSurvivor(s.id)}
        rowLabel={(s) => `${s.name}，${s.deceasedName}的${s.relation}`}
        columns={[
          { accessor: 'name', title: '姓名', width: 100 },
          { accessor: 'relation', title: '关系', width: 80 },
          {
            accessor: 'deceasedName',
            title: '逝者',
            width: 160,
            render: (s) => `${s.deceasedName}${s.diedOn ? `（${s.diedOn} 去世）` : ''}`,
          },
          { accessor: 'age', title: '年龄', width: 70, render: (s) => (s.age !== null ? `${s.age}` : '') },
          { accessor: 'qualifications', title: '供养条件', render: (s) => s.qualifications.join('、') },
          {
            accessor: 'allowance',
            title: '遗属补助',
            width: 220,
            render: (s) =>
              `${s.allowance}${s.startMonth ? `（${s.startMonth} 起${s.stopMonth ? `，${s.stopMonth} 停发：${s.stopReason}` : ''}）` : ''}`,
          },
          { accessor: 'lastChecked', title: '最近认证', width: 120, render: (s) => s.lastChecked ?? '—' },
        ]}
      />
    </Stack>
  );
}

const thisMonth = () => todayIso().slice(0, 7);

/** The month is in the address (走访慰问 › 遗属 › month=2026-05), as the birthday list's year is. */
function AllowanceMonthSection({ params }: { params: URLSearchParams }) {
  const month = params.get('month') ?? thisMonth();
  const valid = MONTH.test(month);
  const list = useRpc('survivors.allowanceMonth', { month }, { enabled: valid });
  const exportList = useRpcMutation('survivors.allowanceExport', {
    onSuccess: (f) => download(f.fileName, f.dataBase64),
  });
  const m = list.data;
  const [batching, batchDialog] = useDisclosure(false);
  return (
    <Paper withBorder p="md">
      <Group align="flex-end" mb="sm">
        <Title order={4} mb={6}>
          遗属生活困难补助发放名单
        </Title>
        <TextInput
          label="发放月份"
          w={130}
          value={month}
          onChange={(e) => navigate('/visits', { tab: 'survivors', month: e.currentTarget.value.trim() })}
          error={valid ? undefined : '应为年月，如 2026-05'}
        />
        <Button
          variant="light"
          leftSection={<IconPrinter size={18} />}
          disabled={!m?.standard}
          onClick={() => navigate('/print/survivor-allowance', { month })}
        >
          打印名单
        </Button>
        <Can method="survivors.allowanceToBatch">
          <Button disabled={!m?.rows.some((r) => !r.payment)} onClick={batchDialog.open}>
            本月补助加入发放批次
          </Button>
        </Can>
        <Can method="survivors.allowanceExport">
          <Button
            variant="light"
            leftSection={<IconDownload size={18} />}
            disabled={!m?.standard}
            loading={exportList.isPending}
            onClick={() => exportList.mutate({ month, full: true })}
          >
            导出 Excel（银行发放用）
          </Button>
        </Can>
      </Group>
      {m && !m.standard && <Alert color="orange">该月没有执行中的补助标准，请先在下方“补助标准”中登记。</Alert>}
      {m?.standard && (
        <>
          <Text mb="xs">
            标准每人每月 {formatYuan(m.standard.amountFen)} 元；共 {m.rows.length} 人，合计 {formatYuan(m.totalFen)}{' '}
            元（大写：{m.totalCapital}）
          </Text>
          <Table striped withTableBorder fz="md" aria-label="本月发放名单">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>序号</Table.Th>
                <Table.Th>姓名</Table.Th>
                <Table.Th>关系</Table.Th>
                <Table.Th>逝者</Table.Th>
                <Table.Th>身份证号</Table.Th>
                <Table.Th>银行账号</Table.Th>
                <Table.Th>金额（元）</Table.Th>
                <Table.Th>备注</Table.Th>
                <Table.Th>发放情况</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {m.rows.map((r, i) => (
                <Table.Tr key={r.survivorId}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    <Anchor onClick={() => openSurvivor(r.survivorId)}>{r.name}</Anchor>
                  </Table.Td>
                  <Table.Td>{r.relation}</Table.Td>
                  <Table.Td>{r.deceasedName}</Table.Td>
                  <Table.Td>{r.idNumber}</Table.Td>
                  <Table.Td>{[r.bankName, r.bankAccount].filter(Boolean).join(' ')}</Table.Td>
                  <Table.Td>{formatYuan(r.amountFen)}</Table.Td>
                  <Table.Td>{r.note ?? ''}</Table.Td>
                  <Table.Td>
                    {r.payment === null ? (
                      '未发放'
                    ) : r.payment.paidOn ? (
                      `已发放 ${r.payment.paidOn}`
                    ) : (
                      <Anchor onClick={() => navigate(`/claims/batches/${r.payment!.batchId}`)}>
                        已列入批次 {r.payment.batchName}
                      </Anchor>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      {m && <ToBatchForm key={m.month} month={m} opened={batching} onClose={batchDialog.close} />}
    </Paper>
  );
}

/** The month's unpaid rows into an open payment batch, or a new one named for the month. */
function ToBatchForm({ month: m, opened, onClose }: { month: AllowanceMonth; opened: boolean; onClose: () => void }) {
  const batches = useRpc('batches.list', {}, { enabled: opened });
  const open = (batches.data ?? []).filter((b) => b.status === '待发放');
  const form = useForm({
    mode: 'controlled',
    initialValues: { batchId: null as string | null, name: `${monthWords(m.month)}遗属生活困难补助` },
  });
  const take = useRpcMutation('survivors.allowanceToBatch', {
    invalidates: ['survivors.allowanceMonth', 'batches.list', 'batches.get'],
    onSuccess: (t) =>
      done(
        `已将 ${t.taken} 人（合计 ${formatYuan(t.totalFen)} 元）列入发放批次“${t.batchName}”` +
          (t.skipped.length ? `；未重复列入：${t.skipped.join('、')}` : ''),
      ),
    onError: () => {},
  });
  const todo = m.rows.filter((r) => !r.payment);
  const { batchId } = form.values;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`${monthWords(m.month)}遗属生活困难补助加入发放批次`}
      size="md"
      submitLabel="加入"
      form={form}
      onSubmit={(v) =>
        take.mutateAsync({ month: m.month, batchId: v.batchId ? Number(v.batchId) : null, name: v.name })
      }
    >
      <Text>
        未发放 {todo.length} 人，合计 {formatYuan(todo.reduce((t, r) => t + r.amountFen, 0))}{' '}
        元；已列入批次或已发放的不再列入。
      </Text>
      <Select
        label="发放批次"
        placeholder="新建批次"
        clearable
        data={open.map((b) => ({ value: String(b.id), label: `${b.name}（待发放，${b.rows.length} 笔）` }))}
        {...form.getInputProps('batchId')}
      />
      {!batchId && <TextInput label="新批次名称" data-autofocus {...textField(form, 'name')} />}
    </FormModal>
  );
}

function CheckLists() {
  const year = Number(todayIso().slice(0, 4));
  const lists = useRpc('survivors.checkLists', { year });
  const l = lists.data;
  if (!l) return null;
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {year} 年度遗属资格认证
      </Title>
      <Text>
        应认证 {l.due.length} 人，其中超过 12 个月未认证 {l.overdue.length} 人
        {l.overdue.length > 0 ? '（请核实后在其页面办理认证，或暂停发放）' : ''}。
      </Text>
      {l.overdue.length > 0 && (
        <Group gap="xs" mt="xs">
          <Text c="red.8">待暂停发放：</Text>
          {l.overdue.map((r) => (
            <Anchor key={r.survivorId} onClick={() => openSurvivor(r.survivorId)}>
              {r.name}（{r.deceasedName}，最近认证 {r.lastChecked ?? '无'}）
            </Anchor>
          ))}
        </Group>
      )}
      {l.due.length > l.overdue.length && (
        <Group gap="xs" mt="xs">
          <Text c="dimmed">本年度未认证：</Text>
          {l.due
            .filter((r) => !l.overdue.some((o) => o.survivorId === r.survivorId))
            .map((r) => (
              <Anchor key={r.survivorId} onClick={() => openSurvivor(r.survivorId)}>
                {r.name}
              </Anchor>
            ))}
        </Group>
      )}
    </Paper>
  );
}

function Standards() {
  const standards = useRpc('survivors.standards', {});
  const [adding, addDialog] = useDisclosure(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { amount: '', fromMonth: thisMonth(), toMonth: null as string | null, basis: null as string | null },
    validate: validatedAs('survivors.saveStandard'),
  });
  const save = useRpcMutation('survivors.saveStandard', {
    invalidates: ['survivors.standards', 'survivors.allowanceMonth'],
    onError: () => {},
  });
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={4}>补助标准</Title>
        <Can method="survivors.saveStandard">
          <Button size="compact-md" variant="light" onClick={addDialog.open}>
            新增标准
          </Button>
        </Can>
      </Group>
      {standards.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          尚未登记补助标准。
        </Text>
      )}
      {standards.data?.map((s) => (
        <Text key={s.id} size="sm">
          {s.fromMonth} {s.toMonth ? `至 ${s.toMonth}` : '起'}：每人每月 {formatYuan(s.amountFen)} 元
          {s.basis ? `（${s.basis}）` : ''}
        </Text>
      ))}
      <FormModal
        opened={adding}
        onClose={addDialog.close}
        title="新增遗属生活困难补助标准"
        size="md"
        form={form}
        onSubmit={(v) => save.mutateAsync(v as never)}
      >
        <TextInput label="每月补助标准（元）" withAsterisk {...textField(form, 'amount')} />
        <SimpleGrid cols={2}>
          <TextInput label="执行起始月份" withAsterisk placeholder="2026-01" {...textField(form, 'fromMonth')} />
          <TextInput label="执行截止月份" placeholder="不填为长期执行" {...textField(form, 'toMonth')} />
        </SimpleGrid>
        <TextInput label="依据（文号）" {...textField(form, 'basis')} />
      </FormModal>
    </Paper>
  );
}

function SurvivorDetail({ id }: { id: number }) {
  const s = useRpc('survivors.get', { id }).data;
  // Only the running period can be stopped: the stop dialog is about it.
  const [stopping, stopDialog] = useDisclosure(false);
  const [starting, startDialog] = useDisclosure(false);
  const [checking, checkDialog] = useDisclosure(false);
  if (!s) return null;
  const running = s.allowances.find((a) => a.stopMonth === null) ?? null;
  return (
    <Stack gap="md">
      <Group>
        <Button variant="default" onClick={() => navigate('/visits', { tab: 'survivors' })}>
          返回遗属名单
        </Button>
        <Title order={3}>
          遗属：{s.name}（{s.deceasedName}的{s.relation}）
        </Title>
      </Group>
      <Paper withBorder p="md">
        <SimpleGrid cols={3} spacing="xs">
          <Text>性别：{s.gender ?? '—'}</Text>
          <Text>出生日期：{s.birthDate ?? '—'}</Text>
          <Text>年龄：{s.age ?? '—'}</Text>
          <Group gap={4}>
            身份证号：
            <MaskedValue survivorId={s.id} field="idNumber" what="身份证号" value={s.idNumber} />
          </Group>
          <Group gap={4}>
            联系电话：
            {s.phone ? <MaskedValue survivorId={s.id} field="phone" what="电话" value={s.phone} /> : '—'}
          </Group>
          <Text>住址：{s.address ?? '—'}</Text>
          <Text>开户银行：{s.bankName ?? '—'}</Text>
          <Group gap={4}>
            银行账号：
            {s.bankAccount ? (
              <MaskedValue survivorId={s.id} field="bankAccount" what="银行账号" value={s.bankAccount} />
            ) : (
              '—'
            )}
          </Group>
          <Text>
            逝者：
            <Anchor onClick={() => navigate(`/people/${s.deceasedId}`)}>{s.deceasedName}</Anchor>
            {s.diedOn ? `（${s.diedOn} 去世）` : ''}
          </Text>
        </SimpleGrid>
        <Text mt="xs">
          供养条件：{s.qualifications.join('、') || '—'}
          {s.qualificationNote ? `；${s.qualificationNote}` : ''}
        </Text>
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={4}>遗属生活困难补助</Title>
          {!running && (
            <Can method="survivors.startAllowance">
              <Button size="compact-md" variant="light" onClick={startDialog.open}>
                办理起发
              </Button>
            </Can>
          )}
        </Group>
        {s.allowances.length === 0 && <Text c="dimmed">未发放。</Text>}
        {s.allowances.map((a) => (
          <Group key={a.id} gap="md">
            <Text>
              {a.startMonth} 起发
              {a.stopMonth
                ? `，${a.stopMonth} 起停发（${a.stopReason}${a.stopNote ? `：${a.stopNote}` : ''}）`
                : '，发放中'}
            </Text>
            {!a.stopMonth && (
              <Can method="survivors.stopAllowance">
                <Button size="compact-md" variant="light" color="orange" onClick={stopDialog.open}>
                  停发
                </Button>
              </Can>
            )}
          </Group>
        ))}
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={4}>资格认证</Title>
          <Can method="survivors.check">
            <Button size="compact-md" variant="light" onClick={checkDialog.open}>
              记录认证
            </Button>
          </Can>
        </Group>
        {s.checks.length === 0 && <Text c="dimmed">尚无认证记录。</Text>}
        {s.checks.map((c) => (
          <Text key={c.id}>
            {c.year} 年度：{c.checkedOn}，{c.method}（{c.createdBy}）
          </Text>
        ))}
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          慰问与信函
        </Title>
        {s.visits.length === 0 && s.letters.length === 0 && <Text c="dimmed">尚无慰问记录。</Text>}
        {s.visits.map((v) => (
          <Text key={v.id}>
            {v.date} {v.kind}
            {v.batchName ? `（${v.batchName}）` : ''}
            {v.moneyFen ? `，慰问金 ${formatYuan(v.moneyFen)} 元` : ''}
            {v.items ? `，${v.items}` : ''}
          </Text>
        ))}
        {s.letters.map((l, i) => (
          <Text key={i} c="dimmed">
            {l.printedAt.slice(0, 10)} 打印《{l.title}》（{l.printedBy}）
          </Text>
        ))}
      </Paper>
      <StartForm survivor={s} opened={starting} onClose={startDialog.close} />
      <StopForm key={running?.id ?? 0} period={stopping ? running : null} onClose={stopDialog.close} />
      <CheckForm survivorId={s.id} opened={checking} onClose={checkDialog.close} />
    </Stack>
  );
}

function StartForm({ survivor, opened, onClose }: { survivor: SurvivorView; opened: boolean; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { survivorId: survivor.id, startMonth: thisMonth() as string | null },
    validate: validatedAs('survivors.startAllowance'),
  });
  const start = useRpcMutation('survivors.startAllowance', { invalidates: [...SURVIVOR_QUERIES], onError: () => {} });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`办理起发：${survivor.name}`}
      size="sm"
      form={form}
      onSubmit={(v) => start.mutateAsync(v as never)}
    >
      <TextInput label="起始发放月份" withAsterisk placeholder="2026-05" {...textField(form, 'startMonth')} />
    </FormModal>
  );
}

function StopForm({ period, onClose }: { period: AllowancePeriod | null; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      allowanceId: period?.id ?? 0,
      version: period?.version ?? 1,
      stopMonth: null as string | null,
      reason: null as string | null,
      note: null as string | null,
    },
    validate: validatedAs('survivors.stopAllowance'),
  });
  const stop = useRpcMutation('survivors.stopAllowance', { invalidates: [...SURVIVOR_QUERIES], onError: () => {} });
  return (
    <FormModal
      opened={period !== null}
      onClose={onClose}
      title={`停发遗属生活困难补助（${period?.startMonth ?? ''} 起发）`}
      size="md"
      submitLabel="停发"
      submitColor="orange"
      form={form}
      onSubmit={(v) => stop.mutateAsync(v as never)}
    >
      <TextInput
        label="停发月份"
        withAsterisk
        description="自该月起不再发放"
        placeholder="2026-06"
        {...textField(form, 'stopMonth')}
      />
      <Select label="停发原因" withAsterisk data={[...ALLOWANCE_STOP_REASONS]} {...form.getInputProps('reason')} />
      <TextInput label="说明" {...textField(form, 'note')} />
    </FormModal>
  );
}

function CheckForm({ survivorId, opened, onClose }: { survivorId: number; opened: boolean; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      survivorId,
      checkedOn: todayIso() as string | null,
      method: null as string | null,
      note: null as string | null,
    },
    validate: validatedAs('survivors.check'),
  });
  const check = useRpcMutation('survivors.check', { invalidates: [...SURVIVOR_QUERIES], onError: () => {} });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="记录遗属资格认证"
      size="md"
      form={form}
      onSubmit={(v) => check.mutateAsync(v as never)}
    >
      <FormDateField form={form} path="checkedOn" label="认证日期" />
      <Select label="认证方式" data={[...CERTIFICATION_METHODS]} {...form.getInputProps('method')} />
    </FormModal>
  );
}
