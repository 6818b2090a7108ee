// 导入花名册: the import wizard (file, sheets, header and columns, preview, duplicates, commit) and
// the history of imports with undo. The main process keeps the file's session; the wizard's own
// state is one reducer (components/import/wizard.ts).
import { Alert, Badge, Button, Group, Paper, Stack, Stepper, Tabs, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useReducer, useRef, useState } from 'react';
import type { ImportPreview } from '../../src-main/contract/imports';
import { call, type ApiError } from '../api';
import { ColumnsStep } from '../components/import/ColumnsStep';
import { CommitStep } from '../components/import/CommitStep';
import { DuplicatesStep } from '../components/import/DuplicatesStep';
import { ImportHistory } from '../components/import/ImportHistory';
import { PreviewStep } from '../components/import/PreviewStep';
import { SheetsStep } from '../components/import/SheetsStep';
import { LAST_STEP, startWizard, wizard } from '../components/import/wizard';
import { download, fileBytes, takePendingRoster } from '../files';
import { useRpcMutation } from '../kit/rpc';

/** The import wizard: file, sheets, header and columns, preview, duplicates, commit. */
export function ImportPage() {
  const [w, dispatch] = useReducer(wizard, undefined, startWizard);
  const [tab, setTab] = useState<string | null>('wizard');
  const picker = useRef<HTMLInputElement>(null);
  const { preview, step } = w;

  // Reading the file is part of opening it: the button stays busy from the first byte.
  const open = useMutation<ImportPreview, ApiError, File>({
    mutationFn: async (file) => call('imports.open', { fileName: file.name, data: await fileBytes(file) }),
    onSuccess: (p) => dispatch({ type: 'opened', preview: p }),
  });
  const template = useRpcMutation('imports.template', { onSuccess: (t) => download(t.fileName, t.dataBase64) });

  // A roster dropped anywhere on the window (App) is waiting for this page.
  const openDropped = useEffectEvent(() => {
    const dropped = takePendingRoster();
    if (dropped) open.mutate(dropped);
  });
  useEffect(() => {
    openDropped();
  }, []);

  return (
    <Stack>
      <Title order={2}>导入花名册</Title>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="wizard" fz="md">
            导入
          </Tabs.Tab>
          <Tabs.Tab value="history" fz="md">
            导入记录
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="wizard" pt="md">
          <Stepper
            active={step}
            onStepClick={(s) => dispatch({ type: 'step', step: s })}
            size="md"
            allowNextStepsSelect={false}
          >
            <Stepper.Step label="选择文件" description={preview?.fileName}>
              <Paper
                withBorder
                p="xl"
                mt="md"
                style={{ borderStyle: 'dashed', textAlign: 'center' }}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  e.stopPropagation();
                  const f = e.dataTransfer.files[0];
                  if (f) open.mutate(f);
                }}
              >
                <Stack align="center" gap="sm">
                  <IconFileSpreadsheet size={48} stroke={1.2} />
                  <Text size="lg">把花名册文件拖到这里，或</Text>
                  <Button
                    leftSection={<IconUpload size={18} />}
                    loading={open.isPending}
                    onClick={() => picker.current?.click()}
                  >
                    选择文件
                  </Button>
                  <input
                    ref={picker}
                    type="file"
                    hidden
                    aria-label="选择花名册文件"
                    accept=".xlsx,.xls,.csv"
                    onChange={(e) => {
                      const f = e.currentTarget.files?.[0];
                      e.currentTarget.value = '';
                      if (f) open.mutate(f);
                    }}
                  />
                  <Text c="dimmed">
                    支持 Excel（.xlsx、.xls，含 WPS 保存的文件）和 CSV（UTF-8 或 GBK
                    编码，自动识别）。导入前会逐行预览，确认后才写入。
                  </Text>
                  <Button variant="subtle" loading={template.isPending} onClick={() => template.mutate({})}>
                    下载空白花名册模板
                  </Button>
                </Stack>
              </Paper>
            </Stepper.Step>
            <Stepper.Step label="工作表">
              {preview && (
                <SheetsStep
                  preview={preview}
                  exclusions={w.exclusions}
                  onChange={(exclusions) => dispatch({ type: 'exclusions', exclusions })}
                />
              )}
            </Stepper.Step>
            <Stepper.Step label="表头与列">
              {preview && (
                <ColumnsStep
                  preview={preview}
                  excluded={w.exclusions.sheets}
                  onPreview={(p) => dispatch({ type: 'corrected', preview: p })}
                />
              )}
            </Stepper.Step>
            <Stepper.Step label="预览核对">
              {preview && (
                <PreviewStep
                  preview={preview}
                  exclusions={w.exclusions}
                  onExclusions={(exclusions) => dispatch({ type: 'exclusions', exclusions })}
                  onPreview={(p) => dispatch({ type: 'corrected', preview: p })}
                />
              )}
            </Stepper.Step>
            <Stepper.Step label="重复人员">
              {preview && (
                <DuplicatesStep
                  preview={preview}
                  choices={w.duplicates}
                  onChange={(duplicates) => dispatch({ type: 'duplicates', duplicates })}
                />
              )}
            </Stepper.Step>
            <Stepper.Step label="导入">
              {preview && (
                <CommitStep
                  preview={preview}
                  exclusions={w.exclusions}
                  duplicates={w.duplicates}
                  report={w.report}
                  onReport={(report) => dispatch({ type: 'committed', report })}
                  onRestart={() => dispatch({ type: 'restart' })}
                />
              )}
            </Stepper.Step>
          </Stepper>
          {open.error && (
            <Alert color="red" title="无法导入" mt="md" withCloseButton onClose={open.reset}>
              {open.error.message}
            </Alert>
          )}
          {preview && step > 0 && step < LAST_STEP && (
            <Group justify="space-between" mt="lg">
              <Button variant="default" onClick={() => dispatch({ type: 'step', step: step - 1 })}>
                上一步
              </Button>
              <Group>
                <Badge size="lg" variant="light">
                  数据行 {preview.counts.dataRows}
                </Badge>
                {preview.counts.problems > 0 && (
                  <Badge size="lg" variant="light" color="orange">
                    有问题 {preview.counts.problems}
                  </Badge>
                )}
                <Button onClick={() => dispatch({ type: 'step', step: step + 1 })}>下一步</Button>
              </Group>
            </Group>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <ImportHistory active={tab === 'history'} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
