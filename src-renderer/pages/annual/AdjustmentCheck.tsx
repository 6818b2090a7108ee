// 调资核对: the year's rule, the agency's list imported and matched by ID number, and the latest
// import's rows to check off.
import { Button, FileButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { fileToBase64 } from '../../files';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { AdjustmentRun } from './AdjustmentRun';
import { RuleEditor } from './RuleEditor';
import { RuleSummary } from './RuleSummary';
import { ADJUSTMENT_READS } from './shared';

export function AdjustmentCheck({ year }: { year: number }) {
  const rule = useRpc('adjustments.rule', { year });
  const runs = useRpc('adjustments.runs', { year });
  const [editing, setEditing] = useState(false);
  const importList = useRpcMutation('adjustments.import', {
    invalidates: ADJUSTMENT_READS,
    onSuccess: (run) =>
      done(`已导入 ${run.counts.dataRows} 行：对应 ${run.counts.matched} 人，金额不一致 ${run.counts.differs} 人，档案中无此人 ${run.counts.unmatched} 行`),
  });
  const upload = async (file: File | null) => {
    if (file) importList.mutate({ year, fileName: file.name, dataBase64: await fileToBase64(file) });
  };

  if (!rule.data || !runs.data) return null;
  const current = rule.data.rule;
  const [run, ...older] = runs.data;
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group justify="space-between" mb={editing || !current ? 'sm' : 0}>
          <Title order={4}>{year} 年调资规则</Title>
          {current && !editing && (
            <Button variant="default" onClick={() => setEditing(true)}>
              修改规则
            </Button>
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
            <RuleEditor year={year} rule={current} onSaved={() => setEditing(false)} onCancel={current ? () => setEditing(false) : undefined} />
          </>
        )}
      </Paper>
      <Group>
        <FileButton onChange={upload} accept=".xlsx,.xls,.csv">
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={18} />} loading={importList.isPending} disabled={!current}>
              导入调资名单
            </Button>
          )}
        </FileButton>
        <Text c="dimmed">社保经办机构的名单（身份证号、姓名、调整前后养老金或调整额），按身份证号与档案对应。</Text>
      </Group>
      {run ? <AdjustmentRun key={run.id} run={run} older={older.length} /> : null}
    </Stack>
  );
}
