import { Alert, Badge, Button, Group, Paper, Stack, Stepper, Tabs, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { ImportPreview, ImportReport } from '../../src-main/api/contract';
import { call } from '../api';
import { ColumnsStep } from '../components/import/ColumnsStep';
import { CommitStep } from '../components/import/CommitStep';
import { DuplicatesStep, type DuplicateChoices } from '../components/import/DuplicatesStep';
import { ImportHistory } from '../components/import/ImportHistory';
import { PreviewStep } from '../components/import/PreviewStep';
import { SheetsStep } from '../components/import/SheetsStep';
import { download, fileToBase64, takePendingRoster } from '../files';

export interface Exclusions {
  sheets: string[];
  rows: { sheet: string; row: number }[];
}

/** The import wizard: file, sheets, header and columns, preview, duplicates, commit. */
export function ImportPage() {
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [exclusions, setExclusions] = useState<Exclusions>({ sheets: [], rows: [] });
  const [duplicates, setDuplicates] = useState<DuplicateChoices>({ mode: 'fillEmpty', rows: {} });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [tab, setTab] = useState<string | null>('wizard');
  const picker = useRef<HTMLInputElement>(null);

  const open = async (file: File) => {
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const p = await call('imports.open', { fileName: file.name, dataBase64: await fileToBase64(file) });
      setPreview(p);
      setExclusions({ sheets: [], rows: [] });
      setDuplicates({ mode: 'fillEmpty', rows: {} });
      setStep(1);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const dropped = takePendingRoster();
    if (dropped) void open(dropped);
  }, []);

  const restart = () => {
    setPreview(null);
    setReport(null);
    setStep(0);
  };

  return (
    <Stack>
      <Title order={2}>导入花名册</Title>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="wizard">导入</Tabs.Tab>
          <Tabs.Tab value="history">导入记录</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="wizard" pt="md">
          <Stepper active={step} onStepClick={(s) => preview && s <= 5 && !report && setStep(s)} size="sm" allowNextStepsSelect={false}>
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
                  if (f) void open(f);
                }}
              >
                <Stack align="center" gap="sm">
                  <IconFileSpreadsheet size={48} stroke={1.2} />
                  <Text size="lg">把花名册文件拖到这里，或</Text>
                  <Button leftSection={<IconUpload size={18} />} loading={busy} onClick={() => picker.current?.click()}>
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
                      if (f) void open(f);
                    }}
                  />
                  <Text c="dimmed" size="sm">
                    支持 Excel（.xlsx、.xls，含 WPS 保存的文件）和 CSV（UTF-8 或 GBK 编码，自动识别）。导入前会逐行预览，确认后才写入。
                  </Text>
                  <Button
                    variant="subtle"
                    size="xs"
                    onClick={async () => {
                      const t = await call('imports.template', {});
                      download(t.fileName, t.dataBase64);
                    }}
                  >
                    下载空白花名册模板
                  </Button>
                </Stack>
              </Paper>
            </Stepper.Step>
            <Stepper.Step label="工作表">
              {preview && <SheetsStep preview={preview} exclusions={exclusions} onChange={setExclusions} />}
            </Stepper.Step>
            <Stepper.Step label="表头与列">
              {preview && <ColumnsStep preview={preview} excluded={exclusions.sheets} onPreview={setPreview} />}
            </Stepper.Step>
            <Stepper.Step label="预览核对">
              {preview && <PreviewStep preview={preview} exclusions={exclusions} onExclusions={setExclusions} onPreview={setPreview} />}
            </Stepper.Step>
            <Stepper.Step label="重复人员">
              {preview && <DuplicatesStep preview={preview} choices={duplicates} onChange={setDuplicates} />}
            </Stepper.Step>
            <Stepper.Step label="导入">
              {preview && (
                <CommitStep preview={preview} exclusions={exclusions} duplicates={duplicates} report={report} onReport={setReport} onRestart={restart} />
              )}
            </Stepper.Step>
          </Stepper>
          {error && (
            <Alert color="red" title="无法导入" mt="md" withCloseButton onClose={() => setError(null)}>
              {error}
            </Alert>
          )}
          {preview && step > 0 && step < 5 && (
            <Group justify="space-between" mt="lg">
              <Button variant="default" onClick={() => setStep(step - 1)}>
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
                <Button onClick={() => setStep(step + 1)}>下一步</Button>
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
