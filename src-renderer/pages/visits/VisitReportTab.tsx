// 走访统计: the visits and calls of a date range counted by kind, by the leader who led them and by
// unit (行政大组); a call not answered is counted apart and reaches nobody. The range is in the
// address; the same tables go out as one .xlsx.
import { Alert, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { VisitReportRow } from '../../../src-main/contract/stays';
import { isValidIsoDate, todayIso } from '../../../src-main/shared/dates';
import { formatYuan } from '../../../src-main/shared/money';
import { download } from '../../files';
import { DataTable } from '../../kit/DataTable';
import { DateField } from '../../kit/DateField';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';

function Counts({
  title,
  keyLabel,
  rows,
  total,
}: {
  title: string;
  keyLabel: string;
  rows: VisitReportRow[];
  total: VisitReportRow;
}) {
  return (
    <Stack gap={4}>
      <Title order={5}>{title}</Title>
      <DataTable<VisitReportRow>
        idAccessor="key"
        records={rows.length ? [...rows, total] : []}
        minHeight={rows.length ? undefined : 80}
        noRecordsText="这段时间没有走访慰问记录"
        striped
        rowLabel={(r) => `${r.key}，${r.visits} 次`}
        columns={[
          { accessor: 'key', title: keyLabel },
          { accessor: 'visits', title: '次数', width: 70, textAlign: 'right' },
          { accessor: 'notReached', title: '未联系上', width: 90, textAlign: 'right' },
          { accessor: 'people', title: '联系人数', width: 90, textAlign: 'right' },
          {
            accessor: 'moneyFen',
            title: '慰问金（元）',
            width: 120,
            textAlign: 'right',
            render: (r) => formatYuan(r.moneyFen),
          },
        ]}
      />
    </Stack>
  );
}

export function VisitReportTab({ params }: { params: URLSearchParams }) {
  const today = todayIso();
  const from = params.get('from') ?? `${today.slice(0, 4)}-01-01`;
  const to = params.get('to') ?? today;
  const valid = isValidIsoDate(from) && isValidIsoDate(to);
  const report = useRpc('visits.report', valid ? { from, to } : null);
  const exportIt = useRpcMutation('visits.exportReport', { onSuccess: (f) => download(f.fileName, f.dataBase64) });
  const go = (change: { from?: string; to?: string }) => navigate('/visits', { tab: 'report', from, to, ...change });
  const r = report.data;
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <DateField label="起始日期" value={from} onChange={(v) => go({ from: v ?? '' })} w={180} />
        <DateField label="截止日期" value={to} onChange={(v) => go({ to: v ?? '' })} w={180} />
        <Can method="visits.exportReport">
          <Button
            variant="light"
            leftSection={<IconDownload size={16} />}
            disabled={!r}
            loading={exportIt.isPending}
            onClick={() => exportIt.mutate({ from, to })}
          >
            导出 Excel
          </Button>
        </Can>
        {r && (
          <Text pb={6}>
            共 {r.total.visits} 次，联系到 {r.total.people} 人，慰问金 {formatYuan(r.total.moneyFen)} 元
            {r.total.notReached ? `；电话未联系上 ${r.total.notReached} 次` : ''}
          </Text>
        )}
      </Group>
      {report.error && <Alert color="red">{report.error.message}</Alert>}
      {r && (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Counts title="按类别" keyLabel="类别" rows={r.byKind} total={r.total} />
          <Counts title="按带队领导" keyLabel="带队领导" rows={r.byLeader} total={r.total} />
          <Counts title="按单位（行政大组）" keyLabel="单位" rows={r.byUnit} total={r.total} />
        </SimpleGrid>
      )}
    </Stack>
  );
}
