// One import of the agency's list: what it held, the rows by what is wrong with them (differences
// first, both figures side by side), each row checked off in its dialog (Enter or a click opens it),
// recomputed under the rule as it is now, the differences exported, the notices printed.
import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { IconDownload, IconPrinter, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import type { AdjustmentRowView, AdjustmentRunView } from '../../../src-main/contract/adjustments';
import { download } from '../../files';
import { DataTable } from '../../kit/DataTable';
import { Can, useCan } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { navigate } from '../../route';
import { RowDialog } from './RowDialog';
import { ADJUSTMENT_READS, yuan } from './shared';

const FILTERS = [
  { value: 'differs', label: '金额不一致' },
  { value: 'noExpected', label: '无法计算' },
  { value: 'unmatched', label: '档案中无此人' },
  { value: 'rejected', label: '无法读取' },
  { value: 'unchecked', label: '未核对' },
  { value: 'checked', label: '已核对' },
  { value: 'all', label: '全部' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];
/** The router's page size for rows. */
const PAGE_SIZE = 50;

export function AdjustmentRun({ run, older }: { run: AdjustmentRunView; older: number }) {
  const [filter, setFilter] = useState<Filter>(run.counts.differs ? 'differs' : 'unchecked');
  const [page, setPage] = useState(1);
  const [opened, setOpened] = useState<AdjustmentRowView | null>(null);
  // A role that may not check rows reads them; a row then opens nothing.
  const mayCheck = useCan('adjustments.check');
  const rows = useRpc('adjustments.rows', { runId: run.id, filter, page }, { placeholderData: keepPreviousData });
  const recompute = useRpcMutation('adjustments.recompute', {
    invalidates: ADJUSTMENT_READS,
    onSuccess: () => done('已按现行规则重新计算未核对的人员'),
  });
  const exportDiffs = useRpcMutation('adjustments.exportDiffs', {
    onSuccess: (f) => download(f.fileName, f.dataBase64),
  });
  const c = run.counts;
  const total = rows.data?.total ?? 0;
  const paging =
    total > PAGE_SIZE ? { totalRecords: total, recordsPerPage: PAGE_SIZE, page, onPageChange: setPage } : {};
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={4}>{run.fileName}</Title>
            <Text c="dimmed">
              {run.importedAt.replace('T', ' ')} 由{run.importedBy}导入
              {older > 0 ? `（本年度另有 ${older} 次较早的导入）` : ''}
            </Text>
          </div>
          <Group>
            <Can method="adjustments.recompute">
              <Button
                variant="default"
                leftSection={<IconRefresh size={18} />}
                loading={recompute.isPending}
                onClick={() => recompute.mutate({ runId: run.id })}
              >
                按现行规则重新计算
              </Button>
            </Can>
            <Can method="adjustments.exportDiffs">
              <Button
                variant="default"
                leftSection={<IconDownload size={18} />}
                loading={exportDiffs.isPending}
                onClick={() => exportDiffs.mutate({ runId: run.id })}
              >
                导出差异名单
              </Button>
            </Can>
            <Button
              leftSection={<IconPrinter size={18} />}
              onClick={() => navigate('/print/adjustments', { run: String(run.id) })}
            >
              打印调资通知单
            </Button>
          </Group>
        </Group>
        <Text>
          名单共 {c.dataRows} 行（另有空行、合计行等 {c.skipped} 行未计入）：已与档案对应 {c.matched} 人，档案中无此人{' '}
          {c.unmatched} 行，无法读取 {c.rejected} 行；金额不一致 <b>{c.differs}</b> 人，无法计算 {c.noExpected}{' '}
          人；已核对 {c.checked} 人。
        </Text>
        <SegmentedControl
          data={FILTERS.map((f) => ({ value: f.value, label: f.label }))}
          value={filter}
          onChange={(v) => {
            setFilter(v as Filter);
            setPage(1);
          }}
        />
        <DataTable<AdjustmentRowView>
          records={rows.data?.rows ?? []}
          fetching={rows.isFetching}
          minHeight={rows.data?.rows.length ? undefined : 120}
          noRecordsText="没有符合条件的记录"
          striped
          {...paging}
          onRowOpen={mayCheck ? setOpened : undefined}
          rowLabel={(r) => `${r.name ?? '（无姓名）'}，第 ${r.row} 行`}
          columns={[
            { accessor: 'row', title: '行号', width: 56 },
            {
              accessor: 'name',
              title: '姓名',
              width: 96,
              render: (r) =>
                r.personId ? (
                  <Text component="a" href={`#/people/${r.personId}`} c="blue.8" onClick={(e) => e.stopPropagation()}>
                    {r.name ?? '（无姓名）'}
                  </Text>
                ) : (
                  (r.name ?? '—')
                ),
            },
            {
              accessor: 'idNumber',
              title: '身份证号',
              width: 180,
              cellsStyle: () => ({ fontFamily: 'monospace' }),
              render: (r) => r.idNumber ?? r.idTyped ?? '—',
            },
            { accessor: 'oldFen', title: '调整前', textAlign: 'right', width: 100, render: (r) => yuan(r.oldFen) },
            {
              accessor: 'agencyFen',
              title: (
                <>
                  经办机构
                  <br />
                  调整额
                </>
              ),
              textAlign: 'right',
              width: 100,
              render: (r) => yuan(r.agencyFen),
            },
            {
              accessor: 'expectedFen',
              title: '应调金额',
              textAlign: 'right',
              width: 96,
              render: (r) => yuan(r.expectedFen),
            },
            {
              accessor: 'diffFen',
              title: '差额',
              textAlign: 'right',
              width: 84,
              render: (r) => (
                <Text span c={r.diffFen ? 'red.8' : undefined} fw={r.diffFen ? 700 : undefined}>
                  {yuan(r.diffFen)}
                </Text>
              ),
            },
            { accessor: 'issues', title: '问题', render: (r) => r.issues.map((i) => i.message).join('；') },
            {
              accessor: 'checkedOn',
              title: '核对',
              width: 170,
              render: (r) =>
                r.checkedOn ? (
                  <Stack gap={2} align="flex-start">
                    <Badge color="teal" variant="light" size="lg">
                      {r.checkedOn} {r.checkedBy}
                    </Badge>
                    {r.checkNote && <Text size="sm">{r.checkNote}</Text>}
                    <Can method="adjustments.uncheck">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="gray"
                        onClick={(e) => (e.stopPropagation(), setOpened(r))}
                      >
                        撤销核对
                      </Button>
                    </Can>
                  </Stack>
                ) : (
                  <Can method="adjustments.check" otherwise={<Text c="dimmed">未核对</Text>}>
                    <Button size="sm" variant="light" onClick={(e) => (e.stopPropagation(), setOpened(r))}>
                      核对
                    </Button>
                  </Can>
                ),
            },
          ]}
        />
      </Stack>
      {opened && <RowDialog key={opened.id} row={opened} onClose={() => setOpened(null)} />}
    </Paper>
  );
}
