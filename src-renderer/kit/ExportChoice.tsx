// An export button that asks masked or full first (issue 18, PIPL): a list sent outside is masked
// by default (shared/mask.ts); the full one (the file that imports back, the list the bank pays
// from) says that it carries the whole numbers and is recorded in the access log.
import { Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';

export const EXPORT_CHOICES = {
  masked: '脱敏导出（默认）',
  full: '完整导出（含完整身份证号、电话、银行账号，将记入访问记录）',
} as const;

export function ExportChoiceButton({
  children,
  title,
  loading,
  leftSection,
  options,
  onExport,
}: {
  children: ReactNode;
  /** The dialog's title: 导出花名册, 导出发放名单. */
  title: string;
  loading?: boolean;
  leftSection?: ReactNode;
  /** What else the list asks before it goes (the people list: which export template). */
  options?: ReactNode;
  onExport: (full: boolean) => void;
}) {
  const [opened, setOpened] = useState(false);
  const [choice, setChoice] = useState<keyof typeof EXPORT_CHOICES>('masked');
  const close = () => {
    setOpened(false);
    setChoice('masked');
  };
  return (
    <>
      <Button variant="default" leftSection={leftSection} loading={loading} onClick={() => setOpened(true)}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} size="md">
        <Stack>
          {options}
          <Radio.Group value={choice} onChange={(v) => setChoice(v as keyof typeof EXPORT_CHOICES)} label="导出方式">
            <Stack gap="xs" mt="xs">
              {(Object.keys(EXPORT_CHOICES) as (keyof typeof EXPORT_CHOICES)[]).map((k) => (
                <Radio key={k} value={k} label={EXPORT_CHOICES[k]} />
              ))}
            </Stack>
          </Radio.Group>
          {choice === 'full' && (
            <Text size="sm" c="orange.9">
              完整导出的文件含有个人敏感信息，请妥善保管，用后及时删除。
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              取消
            </Button>
            <Button
              onClick={() => {
                onExport(choice === 'full');
                close();
              }}
            >
              导出
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
