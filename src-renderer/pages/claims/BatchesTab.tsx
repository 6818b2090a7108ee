// Payment batches: approved claims gathered for one payment run; the payment list to .xlsx, the
// summary sheet (报销汇总表) to print, and the batch marked paid.
import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import type { BatchView, ClaimListItem } from '../../../src-main/contract/claims';
import { BatchName } from '../../../src-main/contract/payments';
import { download } from '../../files';
import { DataTable } from '../../kit/DataTable';
import { ExportChoiceButton } from '../../kit/ExportChoice';
import { FormModal } from '../../kit/FormModal';
import { Can } from '../../kit/operator';
import { MaskedValue } from '../../kit/Reveal';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';
import { done, LoadFailed, yuan } from './shared';

export function BatchesTab({ id }: { id: number | null }) {
  return id === null ? <BatchList /> : <BatchDetail id={id} />;
}

/** `2026-03` → 2026年3月. */
const monthName = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;
const thisMonth = () => new Date().toISOString().slice(0, 7);

/** What adding items to a batch, or paying it, makes stale: the batches and every source's reads. */
const BATCHED = [
  'batches.list',
  'batches.get',
  'batches.payable',
  'claims.list',
  'claims.get',
  'claims.statement',
  'aid.register',
  'aid.list',
  'aid.get',
  'survivors.allowanceMonth',
] as const;

function BatchList() {
  const batches = useRpc('batches.list', {});
  const approved = useRpc('claims.list', { unbatched: true, pageSize: 500 });
  // Which approval month to gather (all approved this month, typically); '' for every month.
  const [month, setMonth] = useState('');
  // Every claim of the month is in the batch unless the user takes it out.
  const [left, setLeft] = useState<number[]>([]);
  const [naming, setNaming] = useState(false);
  const nameForm = useForm({
    mode: 'controlled',
    initialValues: { name: monthName(thisMonth()) },
    validate: zod4Resolver(BatchName),
  });
  const create = useRpcMutation('batches.create', {
    invalidates: [...BATCHED],
    onSuccess: (b) => {
      done(`已建立发放批次“${b.name}”，共 ${b.rows.length} 张报销单`);
      navigate(`/claims/batches/${b.id}`);
    },
    onError: () => {},
  });

  const all = approved.data?.rows ?? [];
  const months = [...new Set(all.map((c) => c.approvedAt?.slice(0, 7) ?? ''))].filter(Boolean).sort();
  const shown = all.filter((c) => !month || c.approvedAt?.startsWith(month));
  const picked = shown.filter((c) => !left.includes(c.id));
  const total = picked.reduce((a, c) => a + (c.payFen ?? 0), 0);
  const pickMonth = (m: string) => {
    setMonth(m);
    setLeft([]);
  };
  const toggle = (c: ClaimListItem) =>
    setLeft((ids) => (ids.includes(c.id) ? ids.filter((x) => x !== c.id) : [...ids, c.id]));
  const openNaming = () => {
    nameForm.setValues({ name: monthName(month || thisMonth()) });
    setNaming(true);
  };

  return (
    <Stack gap="md" mt="md">
      <Title order={2}>发放批次</Title>
      {(approved.error ?? batches.error) && <LoadFailed error={(approved.error ?? batches.error)!} />}
      <Can method="batches.create" otherwise="不能建立发放批次，只能查阅和打印">
        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            新建发放批次：已批准、尚未发放的报销单
          </Title>
          {approved.data && all.length === 0 ? (
            <Text c="dimmed">目前没有待发放的报销单。</Text>
          ) : (
            <Stack gap="sm">
              <Select
                label="批准月份"
                w={180}
                data={[
                  { value: '', label: '全部' },
                  ...months.map((m) => ({ value: m, label: `${monthName(m)}批准` })),
                ]}
                value={month}
                onChange={(v) => pickMonth(v ?? '')}
              />
              <DataTable<ClaimListItem>
                records={shown}
                fetching={approved.isPending}
                maxHeight={420}
                selectedRecords={picked}
                onSelectedRecordsChange={(records) => {
                  const kept = new Set(records.map((c) => c.id));
                  setLeft(shown.filter((c) => !kept.has(c.id)).map((c) => c.id));
                }}
                allRecordsSelectionCheckboxProps={{ 'aria-label': '全选' }}
                getRecordSelectionCheckboxProps={(c) => ({ 'aria-label': `选择第 ${c.id} 号` })}
                onRowToggle={toggle}
                onRowOpen={(c) => navigate(`/claims/${c.id}`)}
                rowLabel={(c) =>
                  `第 ${c.id} 号，${c.personName}，${yuan(c.payFen)}，${left.includes(c.id) ? '未选' : '已选'}`
                }
                columns={[
                  { accessor: 'id', title: '编号', render: (c) => `第 ${c.id} 号` },
                  { accessor: 'personName', title: '姓名' },
                  { accessor: 'approvedAt', title: '批准日期', render: (c) => c.approvedAt?.slice(0, 10) },
                  { accessor: 'payFen', title: '报销金额', textAlign: 'right', render: (c) => yuan(c.payFen) },
                ]}
              />
              <Group>
                <Text>
                  已选 {picked.length} 张，合计 {yuan(total)}
                </Text>
                <Text c="dimmed">空格键选择或取消一行，回车打开报销单</Text>
                <Button onClick={openNaming} disabled={picked.length === 0}>
                  建立发放批次
                </Button>
              </Group>
            </Stack>
          )}
        </Paper>
      </Can>
      <FormModal
        opened={naming}
        onClose={() => setNaming(false)}
        title="建立发放批次"
        form={nameForm}
        submitLabel="建立"
        onSubmit={({ name }) => create.mutateAsync({ name, claimIds: picked.map((c) => c.id) })}
      >
        <Text>
          将已选的 {picked.length} 张报销单（合计 {yuan(total)}）编入一个发放批次。
        </Text>
        <TextInput label="批次名称" data-autofocus {...nameForm.getInputProps('name')} />
      </FormModal>
      <DataTable<BatchView>
        records={batches.data ?? []}
        fetching={batches.isPending}
        striped
        onRowOpen={(b) => navigate(`/claims/batches/${b.id}`)}
        rowLabel={(b) => `发放批次 ${b.name}，${b.status}`}
        columns={[
          { accessor: 'name', title: '批次' },
          { accessor: 'createdAt', title: '建立', render: (b) => `${b.createdAt.slice(0, 10)} ${b.createdBy}` },
          { accessor: 'purpose', title: '款项' },
          { accessor: 'rows', title: '笔数', render: (b) => `${b.rows.length} 笔` },
          { accessor: 'totalFen', title: '合计', textAlign: 'right', render: (b) => yuan(b.totalFen) },
          {
            accessor: 'status',
            title: '状态',
            render: (b) => (b.status === '已发放' ? `已发放（${b.paidAt?.slice(0, 10)}）` : '待发放'),
          },
        ]}
      />
    </Stack>
  );
}

function BatchDetail({ id }: { id: number }) {
  const query = useRpc('batches.get', { id });
  const exportList = useRpcMutation('batches.export', { onSuccess: (f) => download(f.fileName, f.dataBase64) });
  const markPaid = useRpcMutation('batches.markPaid', {
    invalidates: [...BATCHED],
    onSuccess: () => done('已标记为已发放'),
  });
  if (query.error) return <LoadFailed error={query.error} />;
  const batch = query.data;
  if (!batch) return null;
  return (
    <Stack gap="md" mt="md">
      <Group justify="space-between">
        <Title order={2}>发放批次：{batch.name}</Title>
        <Group>
          <Can method="batches.export">
            <ExportChoiceButton
              title="导出发放名单"
              leftSection={<IconDownload size={18} />}
              loading={exportList.isPending}
              onExport={(full) => exportList.mutate({ id, full })}
            >
              导出发放名单
            </ExportChoiceButton>
          </Can>
          <Button
            variant="light"
            leftSection={<IconPrinter size={18} />}
            onClick={() => navigate(`/print/batch/${id}`)}
          >
            打印汇总表
          </Button>
          {batch.status === '待发放' && (
            <Can method="batches.markPaid">
              <Button color="green" loading={markPaid.isPending} onClick={() => markPaid.mutate({ id })}>
                标记为已发放
              </Button>
            </Can>
          )}
        </Group>
      </Group>
      {batch.status === '已发放' && (
        <Alert color="teal">
          已于 {batch.paidAt?.replace('T', ' ')} 由 {batch.paidBy} 标记为已发放。
        </Alert>
      )}
      <DataTable<BatchView['rows'][number]>
        records={batch.rows}
        idAccessor={(r) => `${r.source}-${r.itemId}`}
        onRowOpen={(r) =>
          r.source === 'claim'
            ? navigate(`/claims/${r.itemId}`)
            : r.source === 'aid'
              ? navigate('/visits', { tab: 'aid', aid: String(r.itemId) })
              : navigate('/visits', { tab: 'survivors', survivor: String(r.survivorId) })
        }
        rowLabel={(r) => `${r.name}，${yuan(r.payFen)}`}
        columns={[
          { accessor: 'seq', title: '序号', render: (_, i) => i + 1 },
          { accessor: 'name', title: '姓名' },
          { accessor: 'what', title: '款项' },
          {
            accessor: 'idNumber',
            title: '身份证号',
            render: (r) => <PayeeNumber line={r} field="idNumber" what="身份证号" value={r.idNumber} />,
          },
          { accessor: 'bankName', title: '开户行' },
          {
            accessor: 'bankAccount',
            title: '银行账号',
            render: (r) =>
              r.bankAccount ? (
                <PayeeNumber line={r} field="bankAccount" what="银行账号" value={r.bankAccount} />
              ) : (
                <Text c="red.8">未登记银行账号</Text>
              ),
          },
          { accessor: 'payFen', title: '金额', textAlign: 'right', render: (r) => yuan(r.payFen) },
        ]}
      />
      <Paper withBorder p="sm">
        <Group justify="space-between" fw={700}>
          <Text fw={700}>合计（大写）：{batch.totalCapital}</Text>
          <Text fw={700}>合计 {yuan(batch.totalFen)}</Text>
        </Group>
      </Paper>
    </Stack>
  );
}

/** A payee's masked number with 显示 beside it: a person's file, or a survivor's record. */
function PayeeNumber({
  line,
  ...value
}: {
  line: BatchView['rows'][number];
  field: 'idNumber' | 'bankAccount';
  what: string;
  value: string | null;
}) {
  if (line.personId !== null) return <MaskedValue personId={line.personId} {...value} />;
  if (line.survivorId !== null) return <MaskedValue survivorId={line.survivorId} {...value} />;
  return null;
}
