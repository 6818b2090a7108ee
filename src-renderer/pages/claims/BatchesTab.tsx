// Payment batches: approved claims gathered for one payment run; the payment list to .xlsx, the
// summary sheet (报销汇总表) to print, and the batch marked paid.
import { Alert, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { BatchView, ClaimListItem } from '../../../src-main/api/contract';
import { call } from '../../api';
import { download } from '../../files';
import { navigate } from '../../route';
import { done, failed, yuan } from './shared';

export function BatchesTab({ id }: { id: number | null }) {
  return id === null ? <BatchList /> : <BatchDetail id={id} />;
}

function BatchList() {
  const [batches, setBatches] = useState<BatchView[]>([]);
  const [approved, setApproved] = useState<ClaimListItem[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  const now = new Date();
  const [name, setName] = useState(`${now.getFullYear()}年${now.getMonth() + 1}月`);
  const [busy, setBusy] = useState(false);
  // Which approval month to gather (all approved this month, typically); '' for every month.
  const [month, setMonth] = useState('');
  const load = useCallback(() => {
    call('batches.list', {}).then(setBatches, failed);
    call('claims.list', { unbatched: true, pageSize: 500 }).then((l) => {
      setApproved(l.rows);
      setChosen(l.rows.map((r) => r.id));
    }, failed);
  }, []);
  useEffect(load, [load]);

  const create = async () => {
    setBusy(true);
    try {
      const b = await call('batches.create', { name, claimIds: picked });
      done(`已建立发放批次“${b.name}”，共 ${b.rows.length} 张报销单`);
      navigate(`/claims/batches/${b.id}`);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };
  const months = [...new Set(approved.map((c) => c.approvedAt?.slice(0, 7) ?? ''))].filter(Boolean).sort();
  const shown = approved.filter((c) => !month || c.approvedAt?.startsWith(month));
  const pickMonth = (m: string) => {
    setMonth(m);
    setChosen(approved.filter((c) => !m || c.approvedAt?.startsWith(m)).map((c) => c.id));
    if (m) setName(`${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`);
  };
  const total = shown.filter((c) => chosen.includes(c.id)).reduce((a, c) => a + (c.payFen ?? 0), 0);
  const picked = shown.filter((c) => chosen.includes(c.id)).map((c) => c.id);

  return (
    <Stack gap="md" mt="md">
      <Title order={2}>发放批次</Title>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          新建发放批次：已批准、尚未发放的报销单
        </Title>
        {approved.length === 0 ? (
          <Text c="dimmed">目前没有待发放的报销单。</Text>
        ) : (
          <>
            <Select
              label="批准月份"
              w={180}
              mb="sm"
              data={[{ value: '', label: '全部' }, ...months.map((m) => ({ value: m, label: `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月批准` }))]}
              value={month}
              onChange={(v) => pickMonth(v ?? '')}
            />
            <Table verticalSpacing="xs" fz="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>
                    <Checkbox
                      aria-label="全选"
                      checked={picked.length === shown.length}
                      indeterminate={picked.length > 0 && picked.length < shown.length}
                      onChange={(e) => setChosen(e.currentTarget.checked ? shown.map((c) => c.id) : [])}
                    />
                  </Table.Th>
                  <Table.Th>编号</Table.Th>
                  <Table.Th>姓名</Table.Th>
                  <Table.Th>批准日期</Table.Th>
                  <Table.Th ta="right">报销金额</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Checkbox
                        aria-label={`选择第 ${c.id} 号`}
                        checked={chosen.includes(c.id)}
                        onChange={(e) => setChosen((ids) => (e.currentTarget.checked ? [...ids, c.id] : ids.filter((x) => x !== c.id)))}
                      />
                    </Table.Td>
                    <Table.Td>第 {c.id} 号</Table.Td>
                    <Table.Td>{c.personName}</Table.Td>
                    <Table.Td>{c.approvedAt?.slice(0, 10)}</Table.Td>
                    <Table.Td ta="right">{yuan(c.payFen)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group mt="md" align="flex-end">
              <TextInput label="批次名称" value={name} onChange={(e) => setName(e.currentTarget.value)} />
              <Text>
                已选 {picked.length} 张，合计 {yuan(total)}
              </Text>
              <Button onClick={create} loading={busy} disabled={picked.length === 0 || !name.trim()}>
                建立发放批次
              </Button>
            </Group>
          </>
        )}
      </Paper>
      <Table striped highlightOnHover verticalSpacing="sm" fz="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>批次</Table.Th>
            <Table.Th>建立</Table.Th>
            <Table.Th>报销单</Table.Th>
            <Table.Th ta="right">合计</Table.Th>
            <Table.Th>状态</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {batches.map((b) => (
            <Table.Tr key={b.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/claims/batches/${b.id}`)}>
              <Table.Td>{b.name}</Table.Td>
              <Table.Td>
                {b.createdAt.slice(0, 10)} {b.createdBy}
              </Table.Td>
              <Table.Td>{b.rows.length} 张</Table.Td>
              <Table.Td ta="right">{yuan(b.totalFen)}</Table.Td>
              <Table.Td>{b.status === '已发放' ? `已发放（${b.paidAt?.slice(0, 10)}）` : '待发放'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function BatchDetail({ id }: { id: number }) {
  const [batch, setBatch] = useState<BatchView | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('batches.get', { id }).then(setBatch, failed);
  }, [id]);
  if (!batch) return null;
  const exportList = async () => {
    try {
      const f = await call('batches.export', { id });
      download(f.fileName, f.dataBase64);
    } catch (e) {
      failed(e);
    }
  };
  const markPaid = async () => {
    setBusy(true);
    try {
      setBatch(await call('batches.markPaid', { id }));
      done('已标记为已发放');
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="md" mt="md">
      <Group justify="space-between">
        <Title order={2}>发放批次：{batch.name}</Title>
        <Group>
          <Button variant="light" leftSection={<IconDownload size={18} />} onClick={exportList}>
            导出发放名单
          </Button>
          <Button variant="light" leftSection={<IconPrinter size={18} />} onClick={() => navigate(`/print/batch/${id}`)}>
            打印汇总表
          </Button>
          {batch.status === '待发放' && (
            <Button color="green" loading={busy} onClick={markPaid}>
              标记为已发放
            </Button>
          )}
        </Group>
      </Group>
      {batch.status === '已发放' && (
        <Alert color="teal">
          已于 {batch.paidAt?.replace('T', ' ')} 由 {batch.paidBy} 标记为已发放。
        </Alert>
      )}
      <Table withTableBorder verticalSpacing="sm" fz="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>序号</Table.Th>
            <Table.Th>姓名</Table.Th>
            <Table.Th>身份证号</Table.Th>
            <Table.Th>开户行</Table.Th>
            <Table.Th>银行账号</Table.Th>
            <Table.Th ta="right">金额</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {batch.rows.map((r, i) => (
            <Table.Tr key={r.claimId}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td>{r.idNumber}</Table.Td>
              <Table.Td>{r.bankName}</Table.Td>
              <Table.Td>{r.bankAccount ?? <Text c="red.8">未登记银行账号</Text>}</Table.Td>
              <Table.Td ta="right">{yuan(r.payFen)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr fw={700}>
            <Table.Td colSpan={5}>合计（大写）：{batch.totalCapital}</Table.Td>
            <Table.Td ta="right">{yuan(batch.totalFen)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
