// 调资核对: the year's rule, the agency's list imported and matched by ID number, and the latest
// import's rows to check off.
import { Alert, Button, FileButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { AdjustmentRunView } from '../../../src-main/contract/adjustments';
import { ADJUSTMENT_FIELD_NAMES } from '../../../src-main/shared/importFields';
import { ColumnMapping, lacksColumns, type ColumnChoices } from '../../components/import/ColumnMapping';
import { fileBytes } from '../../files';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { Can } from '../../kit/operator';
import { done, failed } from '../../notify';
import { AdjustmentRun } from './AdjustmentRun';
import { RuleEditor } from './RuleEditor';
import { RuleSummary } from './RuleSummary';
import { ADJUSTMENT_READS } from './shared';

export function AdjustmentCheck({ year }: { year: number }) {
  const rule = useRpc('adjustments.rule', { year });
  const runs = useRpc('adjustments.runs', { year });
  const [editing, setEditing] = useState(false);
  // The list chosen, the columns the user mapped and the last trial run: the mapping is tried
  // again on each change, and the list imported with it once the trial has been read.
  const [file, setFile] = useState<{
    name: string;
    data: Uint8Array<ArrayBuffer>;
    map: ColumnChoices;
    trial: AdjustmentRunView | null;
  } | null>(null);
  const trial = useRpcMutation('adjustments.import', {
    onSuccess: (run, input) =>
      setFile((f) => (f && f.data === input.data ? { ...f, map: input.map ?? {}, trial: run } : f)),
    onError: (e) => {
      failed(e);
      // A list that cannot be read at all is forgotten; a mapping that fails keeps the last trial.
      setFile((f) => (f?.trial ? f : null));
    },
  });
  const importList = useRpcMutation('adjustments.import', {
    invalidates: ADJUSTMENT_READS,
    onSuccess: (run) => {
      setFile(null);
      done(
        `已导入 ${run.counts.dataRows} 行：对应 ${run.counts.matched} 人，金额不一致 ${run.counts.differs} 人，档案中无此人 ${run.counts.unmatched} 行`,
      );
    },
  });
  const upload = async (f: File | null) => {
    if (!f) return;
    try {
      const data = await fileBytes(f);
      setFile({ name: f.name, data, map: {}, trial: null });
      trial.mutate({ year, fileName: f.name, data, dryRun: true });
    } catch (e) {
      failed(e);
    }
  };
  const remap = (label: string, field: string | null) =>
    file &&
    trial.mutate({ year, fileName: file.name, data: file.data, dryRun: true, map: { ...file.map, [label]: field } });
  const tried = file?.trial;

  if (!rule.data || !runs.data) return null;
  const current = rule.data.rule;
  const [run, ...older] = runs.data;
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group justify="space-between" mb={editing || !current ? 'sm' : 0}>
          <Title order={4}>{year} 年调资规则</Title>
          {current && !editing && (
            <Can method="adjustments.saveRule">
              <Button variant="default" onClick={() => setEditing(true)}>
                修改规则
              </Button>
            </Can>
          )}
        </Group>
        {current && !editing ? (
          <RuleSummary rule={current} />
        ) : (
          <>
            {!current && (
              <Text c="dimmed" mb="sm">
                尚未填写。请按上级调整基本养老金的通知填写，保存后再导入社保经办机构的调资名单。
              </Text>
            )}
            <Can method="adjustments.saveRule" otherwise="不能填写调资规则，只能查阅">
              <RuleEditor
                year={year}
                rule={current}
                onSaved={() => setEditing(false)}
                onCancel={current ? () => setEditing(false) : undefined}
              />
            </Can>
          </>
        )}
      </Paper>
      <Can method="adjustments.import">
        <Group>
          <FileButton onChange={upload} accept=".xlsx,.xls,.csv">
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={18} />} loading={trial.isPending} disabled={!current}>
                导入调资名单
              </Button>
            )}
          </FileButton>
          <Text c="dimmed">社保经办机构的名单（身份证号、姓名、调整前后养老金或调整额），按身份证号与档案对应。</Text>
        </Group>
      </Can>
      {tried && file && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Alert
              color={tried.counts.rejected || lacksColumns(tried.columns) ? 'orange' : 'blue'}
              title={`试导入“${file.name}”（尚未写入）`}
            >
              {lacksColumns(tried.columns)
                ? '名单缺少必需的列，尚未读取数据行：请在下面为缺少的字段选择对应的列。'
                : `数据行 ${tried.counts.dataRows}：对应 ${tried.counts.matched} 人，金额不一致 ${tried.counts.differs} 人，档案中无此人 ${tried.counts.unmatched} 行，不能导入 ${tried.counts.rejected} 行。`}
            </Alert>
            {tried.columns && (
              <ColumnMapping
                columns={tried.columns}
                names={ADJUSTMENT_FIELD_NAMES}
                disabled={trial.isPending || importList.isPending}
                onMap={remap}
              />
            )}
            <Group>
              <Button
                onClick={() =>
                  importList.mutate({ year, fileName: file.name, data: file.data, dryRun: false, map: file.map })
                }
                loading={importList.isPending}
                disabled={tried.counts.dataRows === 0 || trial.isPending}
              >
                导入 {tried.counts.dataRows} 行
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setFile(null);
                  trial.reset();
                }}
              >
                取消
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {run ? <AdjustmentRun key={run.id} run={run} older={older.length} /> : null}
    </Stack>
  );
}
