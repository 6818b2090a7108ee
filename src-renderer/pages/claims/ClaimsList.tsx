// The claims, newest first, by status; registering one; importing a historical ledger.
import { Alert, Button, FileButton, Group, Pagination, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { CLAIM_STATUSES, type ClaimListItem, type LedgerImportReport } from '../../../src-main/api/contract';
import { call } from '../../api';
import { fileToBase64 } from '../../files';
import { navigate } from '../../route';
import { done, failed, StatusBadge, yuan } from './shared';

export function ClaimsList({ params }: { params: URLSearchParams }) {
  const status = params.get('status');
  const page = Number(params.get('page') ?? 1);
  const [list, setList] = useState<{ total: number; rows: ClaimListItem[] } | null>(null);
  const [refresh, setRefresh] = useState(0);
  useEffect(() => {
    call('claims.list', { status: (status as ClaimListItem['status']) ?? null, page }).then(setList, failed);
  }, [status, page, refresh]);

  return (
    <Stack gap="md" mt="md">
      <Group justify="space-between">
        <Title order={2}>报销单</Title>
        <Group>
          <Select
            placeholder="全部状态"
            clearable
            data={[...CLAIM_STATUSES]}
            value={status}
            onChange={(v) => navigate('/claims', { status: v ?? undefined })}
            w={140}
            aria-label="状态"
          />
          <Button size="md" leftSection={<IconPlus size={18} />} onClick={() => navigate('/claims/new')}>
            登记报销单
          </Button>
        </Group>
      </Group>
      {list && list.rows.length === 0 ? (
        <Text c="dimmed">还没有报销单。点击“登记报销单”录入，或在下方导入以往的报销台账。</Text>
      ) : (
        <Table striped highlightOnHover verticalSpacing="sm" fz="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>编号</Table.Th>
              <Table.Th>姓名</Table.Th>
              <Table.Th>收件日期</Table.Th>
              <Table.Th>票据</Table.Th>
              <Table.Th ta="right">符合报销金额</Table.Th>
              <Table.Th ta="right">报销金额</Table.Th>
              <Table.Th>状态</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list?.rows.map((c) => (
              <Table.Tr key={c.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/claims/${c.id}`)}>
                <Table.Td>第 {c.id} 号</Table.Td>
                <Table.Td>{c.personName}</Table.Td>
                <Table.Td>{c.receivedDate}</Table.Td>
                <Table.Td>{c.lineCount} 张</Table.Td>
                <Table.Td ta="right">{yuan(c.eligibleFen)}</Table.Td>
                <Table.Td ta="right">{yuan(c.payFen)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={c.status} source={c.source} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list && list.total > 50 && (
        <Pagination total={Math.ceil(list.total / 50)} value={page} onChange={(p) => navigate('/claims', { status: status ?? undefined, page: String(p) })} />
      )}
      <LedgerImport onImported={() => setRefresh((n) => n + 1)} />
    </Stack>
  );
}

function LedgerImport({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [preview, setPreview] = useState<LedgerImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  const open = async (f: File | null) => {
    if (!f) return;
    setBusy(true);
    try {
      const data = await fileToBase64(f);
      setFile({ name: f.name, data });
      setPreview(await call('claims.importLedger', { fileName: f.name, dataBase64: data, dryRun: true }));
    } catch (e) {
      setFile(null);
      setPreview(null);
      failed(e);
    } finally {
      setBusy(false);
    }
  };
  const commit = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await call('claims.importLedger', { fileName: file.name, dataBase64: file.data, dryRun: false });
      done(`已导入 ${r.inserted} 条报销记录${r.rejected ? `，${r.rejected} 条未导入` : ''}`);
      setFile(null);
      setPreview(null);
      onImported();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md">
      <Group justify="space-between">
        <div>
          <Title order={4}>导入以往的报销台账</Title>
          <Text c="dimmed" size="sm">
            每行一张票据，按台账顺序记为已批准、已发放；实报金额照录，不重新计算，计入当年已报销额度。人员按身份证号匹配，请先导入花名册。
          </Text>
        </div>
        <FileButton onChange={open} accept=".xlsx,.xls,.csv">
          {(props) => (
            <Button {...props} variant="light" leftSection={<IconFileImport size={18} />} loading={busy && !preview}>
              选择台账文件
            </Button>
          )}
        </FileButton>
      </Group>
      {preview && (
        <Stack mt="md" gap="sm">
          <Alert color={preview.rejected ? 'orange' : 'blue'} title={`试导入“${preview.file}”（尚未写入）`}>
            数据行 {preview.dataRows}：可导入 {preview.inserted}，不能导入 {preview.rejected}。
          </Alert>
          {preview.rows
            .filter((r) => r.issues.length > 0)
            .slice(0, 50)
            .map((r) => (
              <Text key={r.row} size="sm" c="red.8">
                第 {r.row} 行 {r.name ?? ''}：{r.issues.map((i) => i.message).join('；')}
              </Text>
            ))}
          <Group>
            <Button onClick={commit} loading={busy} disabled={preview.inserted === 0}>
              导入 {preview.inserted} 条
            </Button>
            <Button variant="default" onClick={() => (setPreview(null), setFile(null))}>
              取消
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
