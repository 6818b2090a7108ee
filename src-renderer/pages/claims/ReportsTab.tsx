// 统计报表: the year's reimbursements by month, person category and kind; people near their cap.
import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { DataTableColumn } from 'mantine-datatable';
import { useState } from 'react';
import type { ClaimsReport } from '../../../src-main/contract/claims';
import { download } from '../../files';
import { DataTable } from '../../kit/DataTable';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';
import { LoadFailed, THIS_YEAR, validYear, yuan } from './shared';

function Block<T>({
  title,
  records,
  columns,
  idAccessor,
  onRowOpen,
  rowLabel,
}: {
  title: string;
  records: T[];
  columns: DataTableColumn<T>[];
  idAccessor: keyof T & string;
  onRowOpen?: (r: T) => void;
  rowLabel?: (r: T) => string;
}) {
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {title}
      </Title>
      {records.length === 0 ? (
        <Text c="dimmed">无</Text>
      ) : (
        // The table's own height is its rows', not the whole of a grid cell stretched to its neighbour's.
        <DataTable<T>
          records={records}
          idAccessor={idAccessor}
          columns={columns}
          onRowOpen={onRowOpen}
          rowLabel={rowLabel}
          verticalSpacing="xs"
          height="auto"
        />
      )}
    </Paper>
  );
}

const right = { textAlign: 'right' } as const;

export function ReportsTab() {
  const [year, setYear] = useState(THIS_YEAR);
  const [month, setMonth] = useState<number | null>(null);
  const query = useRpc('claims.report', validYear(year) === null ? null : { year, month });
  const exportIt = useRpcMutation('claims.exportReport', { onSuccess: (f) => download(f.fileName, f.dataBase64) });
  const report = query.data;
  const period = month === null ? `${year}年` : `${year}年${month}月`;
  return (
    <Stack gap="md" mt="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>统计报表</Title>
        <Group align="flex-end">
          <NumberInput
            label="年度"
            w={120}
            min={1990}
            max={2100}
            value={year}
            onChange={(v) => setYear(Number(v) || THIS_YEAR)}
          />
          <Select
            label="月份"
            w={110}
            data={[
              { value: '', label: '全年' },
              ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: `${i + 1}月` })),
            ]}
            value={month === null ? '' : String(month)}
            onChange={(v) => setMonth(v ? Number(v) : null)}
          />
          <Can method="claims.exportReport">
            <Button
              variant="light"
              leftSection={<IconDownload size={18} />}
              loading={exportIt.isPending}
              disabled={validYear(year) === null}
              onClick={() => exportIt.mutate({ year })}
            >
              导出 Excel
            </Button>
          </Can>
        </Group>
      </Group>
      {query.error && <LoadFailed error={query.error} />}
      {report && (
        <SimpleGrid cols={2}>
          <Block<ClaimsReport['byMonth'][number]>
            title="按月（批准月份）"
            records={report.byMonth}
            idAccessor="month"
            columns={[
              { accessor: 'month', title: '月份' },
              { accessor: 'lines', title: '票据', ...right },
              { accessor: 'eligibleFen', title: '符合报销', ...right, render: (m) => yuan(m.eligibleFen) },
              { accessor: 'payFen', title: '报销', ...right, render: (m) => yuan(m.payFen) },
            ]}
          />
          <Block<ClaimsReport['byCategory'][number]>
            title={`按人员类别（${period}批准）`}
            records={report.byCategory}
            idAccessor="category"
            columns={[
              { accessor: 'category', title: '人员类别' },
              { accessor: 'people', title: '人数', ...right },
              { accessor: 'payFen', title: '报销', ...right, render: (c) => yuan(c.payFen) },
            ]}
          />
          <Block<ClaimsReport['byKind'][number]>
            title={`按费用类别（${period}批准）`}
            records={report.byKind}
            idAccessor="kind"
            columns={[
              { accessor: 'kind', title: '费用类别' },
              { accessor: 'lines', title: '票据', ...right },
              { accessor: 'payFen', title: '报销', ...right, render: (k) => yuan(k.payFen) },
            ]}
          />
          {month === null && (
            <Block<ClaimsReport['nearCap'][number]>
              title="接近封顶（已报销达封顶线 90% 以上）"
              records={report.nearCap}
              idAccessor="personId"
              // Enter (or a click) opens the person's year: what is left, claim by claim.
              onRowOpen={(n) => navigate('/claims/statement', { person: String(n.personId), year: String(year) })}
              rowLabel={(n) => `${n.name}，剩余 ${yuan(n.leftFen)}`}
              columns={[
                { accessor: 'name', title: '姓名', render: (n) => <Text c="blue.8">{n.name}</Text> },
                { accessor: 'reimbursedFen', title: '已报销', ...right, render: (n) => yuan(n.reimbursedFen) },
                { accessor: 'capFen', title: '封顶线', ...right, render: (n) => yuan(n.capFen) },
                { accessor: 'leftFen', title: '剩余', ...right, render: (n) => yuan(n.leftFen) },
              ]}
            />
          )}
        </SimpleGrid>
      )}
    </Stack>
  );
}
