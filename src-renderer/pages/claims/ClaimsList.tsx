// The claims, newest first, by status; registering one; importing a historical ledger.
import { Alert, Button, FileButton, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import {
  CLAIM_STATUSES,
  type ClaimListItem,
  type ClaimStatus,
  type LedgerImportReport,
} from '../../../src-main/contract/claims';
import { LEDGER_FIELD_NAMES } from '../../../src-main/shared/importFields';
import { ColumnMapping, lacksColumns, type ColumnChoices } from '../../components/import/ColumnMapping';
import { fileBytes } from '../../files';
import { DataTable } from '../../kit/DataTable';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';
import { done, failed, LoadFailed, StatusBadge, yuan } from './shared';
import { Can } from '../../kit/operator';

const PAGE_SIZE = 50;

export function ClaimsList({ params }: { params: URLSearchParams }) {
  const status = (CLAIM_STATUSES as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as ClaimStatus)
    : null;
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const list = useRpc('claims.list', { status, page, pageSize: PAGE_SIZE });
  const open = (c: ClaimListItem) => navigate(`/claims/${c.id}`);

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
          <Can method="claims.create">
            <Button size="md" leftSection={<IconPlus size={18} />} onClick={() => navigate('/claims/new')}>
              登记报销单
            </Button>
          </Can>
        </Group>
      </Group>
      {list.error && <LoadFailed error={list.error} />}
      {list.data && list.data.total === 0 && !status ? (
        <Can method="claims.create" otherwise={<Text c="dimmed">还没有报销单。</Text>}>
          <Text c="dimmed">还没有报销单。点击“登记报销单”录入，或在下方导入以往的报销台账。</Text>
        </Can>
      ) : (
        <DataTable<ClaimListItem>
          records={list.data?.rows ?? []}
          fetching={list.isFetching}
          minHeight={list.data?.rows.length ? undefined : 160}
          striped
          totalRecords={list.data?.total ?? 0}
          recordsPerPage={PAGE_SIZE}
          page={page}
          onPageChange={(p) => navigate('/claims', { status: status ?? undefined, page: String(p) })}
          onRowOpen={open}
          rowLabel={(c) => `第 ${c.id} 号，${c.personName}，${c.source === '冲销' ? '冲销' : c.status}`}
          columns={[
            { accessor: 'id', title: '编号', width: 110, render: (c) => `第 ${c.id} 号` },
            { accessor: 'personName', title: '姓名' },
            { accessor: 'receivedDate', title: '收件日期', width: 130 },
            { accessor: 'lineCount', title: '票据', width: 90, render: (c) => `${c.lineCount} 张` },
            { accessor: 'eligibleFen', title: '符合报销金额', textAlign: 'right', render: (c) => yuan(c.eligibleFen) },
            { accessor: 'payFen', title: '报销金额', textAlign: 'right', render: (c) => yuan(c.payFen) },
            {
              accessor: 'status',
              title: '状态',
              width: 110,
              render: (c) => <StatusBadge status={c.status} source={c.source} />,
            },
          ]}
        />
      )}
      <Can method="claims.importLedger">
        <LedgerImport />
      </Can>
    </Stack>
  );
}

/** A ledger's rows are approved and paid claims: they count in the lists, the person's year and the year's figures. */
const IMPORTED = ['claims.list', 'claims.get', 'claims.statement', 'claims.report'] as const;

export function LedgerImport() {
  // The file chosen, the columns the user mapped and the last trial run's report: the mapping is
  // tried again on each change, and the file imported with it once the report has been read.
  const [file, setFile] = useState<{
    name: string;
    data: Uint8Array<ArrayBuffer>;
    map: ColumnChoices;
    report: LedgerImportReport | null;
  } | null>(null);
  const trial = useRpcMutation('claims.importLedger', {
    onSuccess: (report, input) =>
      setFile((f) => (f && f.data === input.data ? { ...f, map: input.map ?? {}, report } : f)),
    onError: (e) => {
      failed(e);
      // A file that cannot be read at all is forgotten; a mapping that fails keeps the last report.
      setFile((f) => (f?.report ? f : null));
    },
  });
  const commit = useRpcMutation('claims.importLedger', {
    invalidates: [...IMPORTED],
    onSuccess: (r) => {
      done(`已导入 ${r.inserted} 条报销记录${r.rejected ? `，${r.rejected} 条未导入` : ''}`);
      forget();
    },
  });
  const forget = () => {
    setFile(null);
    trial.reset();
  };
  const choose = async (f: File | null) => {
    if (!f) return;
    try {
      const data = await fileBytes(f);
      setFile({ name: f.name, data, map: {}, report: null });
      trial.mutate({ fileName: f.name, data, dryRun: true });
    } catch (e) {
      failed(e);
    }
  };
  const remap = (label: string, field: string | null) =>
    file && trial.mutate({ fileName: file.name, data: file.data, dryRun: true, map: { ...file.map, [label]: field } });
  const preview = file?.report;

  return (
    <Paper withBorder p="md">
      <Group justify="space-between">
        <div>
          <Title order={4}>导入以往的报销台账</Title>
          <Text c="dimmed">
            每行一张票据，按台账顺序记为已批准、已发放；实报金额照录，不重新计算，计入当年已报销额度。人员按身份证号匹配，请先导入花名册。
          </Text>
        </div>
        <FileButton onChange={(f) => void choose(f)} accept=".xlsx,.xls,.csv">
          {(props) => (
            <Button {...props} variant="light" leftSection={<IconFileImport size={18} />} loading={trial.isPending}>
              选择台账文件
            </Button>
          )}
        </FileButton>
      </Group>
      {preview && (
        <Stack mt="md" gap="sm">
          <Alert
            color={preview.rejected || lacksColumns(preview.columns) ? 'orange' : 'blue'}
            title={`试导入“${preview.file}”（尚未写入）`}
          >
            {lacksColumns(preview.columns)
              ? '台账缺少必需的列，尚未读取数据行：请在下面为缺少的字段选择对应的列。'
              : `数据行 ${preview.dataRows}：可导入 ${preview.inserted}，不能导入 ${preview.rejected}。`}
          </Alert>
          {preview.columns && (
            <ColumnMapping
              columns={preview.columns}
              names={LEDGER_FIELD_NAMES}
              disabled={trial.isPending || commit.isPending}
              onMap={remap}
            />
          )}
          {preview.rows
            .filter((r) => r.issues.length > 0)
            .slice(0, 50)
            .map((r) => (
              <Text key={r.row} c="red.8">
                第 {r.row} 行 {r.name ?? ''}：{r.issues.map((i) => i.message).join('；')}
              </Text>
            ))}
          <Group>
            <Button
              onClick={() =>
                file && commit.mutate({ fileName: file.name, data: file.data, dryRun: false, map: file.map })
              }
              loading={commit.isPending}
              disabled={preview.inserted === 0 || trial.isPending}
            >
              导入 {preview.inserted} 条
            </Button>
            <Button variant="default" onClick={forget}>
              取消
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
