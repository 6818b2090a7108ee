import { Alert, Button, Checkbox, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useState } from 'react';
import type { ImportPreview, ImportReport, ReportRow } from '../../../src-main/contract/imports';
import { download } from '../../files';
import { DataTable } from '../../kit/DataTable';
import { rpcKey, useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';
import { OUTCOME } from './PreviewStep';
import { readAllAgainAfterImport, type DuplicateChoices, type Exclusions } from './wizard';

function Count({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text c="dimmed">{label}</Text>
      <Text fz={28} fw={700} c={color}>
        {value}
      </Text>
    </Paper>
  );
}

/** One transaction in the background, with progress and cancel; then the report. */
export function CommitStep({
  preview,
  exclusions,
  duplicates,
  report,
  onReport,
  onRestart,
}: {
  preview: ImportPreview;
  exclusions: Exclusions;
  duplicates: DuplicateChoices;
  report: ImportReport | null;
  onReport: (r: ImportReport) => void;
  onRestart: () => void;
}) {
  const client = useQueryClient();
  const commit = useRpcMutation('imports.commit', { onError: () => {} });
  const started = commit.data ?? null;
  // The job's progress, read every 300 ms while it runs.
  const status = useRpc('jobs.status', started ? { id: started.id } : null, {
    staleTime: 0,
    refetchInterval: (q) => ((q.state.data ?? started)?.state === 'running' ? 300 : false),
  });
  const cancel = useRpcMutation('jobs.cancel', {
    onSuccess: (j) => client.setQueryData(rpcKey('jobs.status', { id: j.id }), j),
  });
  const errorWorkbook = useRpcMutation('imports.errorWorkbook', {
    onSuccess: (w) => download(w.fileName, w.dataBase64),
  });
  const job = status.data ?? started;
  // A table that does not look like a roster is imported only when the user says it is one.
  const doubts = preview.notARoster.filter((d) => !exclusions.sheets.includes(d.sheet));
  const [confirmNotRoster, setConfirmNotRoster] = useState(false);

  const finished = useEffectEvent(() => {
    void readAllAgainAfterImport(client);
    onReport(job?.result as ImportReport);
  });
  useEffect(() => {
    // Once, when the job is done.
    if (job?.state === 'done') finished();
  }, [job?.state]);

  if (report) {
    const problems = report.rows.filter((r) => r.issues.length > 0);
    return (
      <Stack mt="md">
        <Alert color="green" title="导入完成">
          “{report.file}”的 {report.dataRows} 行人员数据已全部处理：
          {report.inserted + report.updated + report.merged + report.skipped + report.excluded + report.rejected}{' '}
          行都有结果，没有遗漏。
        </Alert>
        <SimpleGrid cols={{ base: 3, md: 7 }}>
          <Count label="新增" value={report.inserted} color="green.8" />
          <Count label="更新已有" value={report.updated} color="blue.8" />
          <Count label="文件内合并" value={report.merged} />
          <Count label="已有，跳过" value={report.skipped} />
          <Count label="排除" value={report.excluded} />
          <Count label="无法导入" value={report.rejected} color={report.rejected ? 'red.8' : undefined} />
          <Count label="待核实" value={report.needsReview} color={report.needsReview ? 'orange.8' : undefined} />
        </SimpleGrid>
        {problems.length > 0 && (
          <Paper withBorder p="md">
            <Title order={4} mb="sm">
              需要核实的行（{problems.length}）
            </Title>
            <DataTable<ReportRow>
              records={problems.slice(0, 200)}
              idAccessor={(r) => `${r.sheet}!${r.row}`}
              fz="sm"
              striped
              columns={[
                { accessor: 'row', title: '位置', width: 160, render: (r) => `${r.sheet} 第${r.row}行` },
                { accessor: 'name', title: '姓名', width: 110 },
                { accessor: 'outcome', title: '结果', width: 110, render: (r) => OUTCOME[String(r.outcome)]?.label },
                { accessor: 'issues', title: '问题', render: (r) => r.issues.map((i) => i.message).join('；') },
              ]}
            />
          </Paper>
        )}
        <Group>
          <Button onClick={() => navigate('/people', { review: report.needsReview ? '1' : undefined })}>
            查看人员档案
          </Button>
          {problems.length > 0 && report.importId !== null && (
            <Button
              variant="light"
              loading={errorWorkbook.isPending}
              onClick={() => errorWorkbook.mutate({ id: report.importId! })}
            >
              下载问题清单（Excel）
            </Button>
          )}
          <Button variant="default" onClick={onRestart}>
            再导入一个文件
          </Button>
        </Group>
      </Stack>
    );
  }

  const c = preview.counts;
  const error = commit.error?.message ?? (job?.state === 'failed' ? (job.error?.message ?? '导入失败') : null);
  return (
    <Stack mt="md">
      <Text>
        将导入“{preview.fileName}”：新增约 {c.inserted} 人，更新已有档案 {c.updated} 人，文件内合并 {c.merged} 行；排除{' '}
        {exclusions.sheets.length} 张工作表、{exclusions.rows.length} 行。
        全部内容在一次操作中写入：要么全部成功，要么一条也不写入。
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      {/* Cancelling ends the import's background process, and the wizard's file with it. */}
      {job?.state === 'cancelled' && (
        <Alert color="yellow">已取消，数据库未作任何改动。如需导入，请重新选择文件。</Alert>
      )}
      {job?.state === 'running' ? (
        <Stack>
          <Progress value={job.total ? (job.done / job.total) * 100 : 0} size="xl" striped animated />
          <Group justify="space-between">
            <Text>
              正在导入：{job.done} / {job.total || c.dataRows} 行（可以继续使用其他功能）
            </Text>
            <Button
              variant="default"
              color="red"
              loading={cancel.isPending}
              onClick={() => cancel.mutate({ id: job.id })}
            >
              取消导入
            </Button>
          </Group>
        </Stack>
      ) : job?.state === 'cancelled' ? (
        <Group>
          <Button size="md" onClick={onRestart}>
            重新选择文件
          </Button>
        </Group>
      ) : (
        <Group>
          {doubts.length > 0 && (
            <Alert color="orange" title="这个表格不像花名册" w="100%">
              <Stack gap="xs">
                {doubts.map((d) => (
                  <Text key={d.sheet}>{d.message}。</Text>
                ))}
                <Checkbox
                  size="md"
                  label="我已核对，这确实是花名册，每一行导入为一个人"
                  checked={confirmNotRoster}
                  onChange={(e) => setConfirmNotRoster(e.currentTarget.checked)}
                />
              </Stack>
            </Alert>
          )}
          <Button
            size="md"
            disabled={doubts.length > 0 && !confirmNotRoster}
            loading={commit.isPending}
            onClick={() =>
              commit.mutate({
                session: preview.session,
                excludedSheets: exclusions.sheets,
                excludedRows: exclusions.rows,
                duplicateMode: duplicates.mode,
                rowModes: duplicates.rows,
                confirmNotRoster: doubts.length > 0 && confirmNotRoster,
              })
            }
          >
            开始导入
          </Button>
        </Group>
      )}
    </Stack>
  );
}
