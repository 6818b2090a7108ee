// The bar that holds 保存 on a long form: it sticks to the bottom of the window, so the button is
// in sight wherever the user has scrolled, and Ctrl+S (⌘S) saves from anywhere on the page.
import { Button, Group, Paper, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconDeviceFloppy } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export function SaveBar({
  dirty,
  saving,
  onSave,
  canSave = dirty,
  children,
}: {
  dirty: boolean;
  saving: boolean;
  onSave: () => void;
  canSave?: boolean;
  children?: ReactNode;
}) {
  // In text fields too: that is where the user is when they want to save.
  useHotkeys([['mod+S', () => canSave && !saving && onSave()]], []);
  return (
    <Paper
      withBorder
      shadow="md"
      p="sm"
      role="region"
      aria-label="保存"
      style={{ position: 'sticky', bottom: 0, zIndex: 50 }}
    >
      <Group justify="space-between">
        <Group gap="md">{children}</Group>
        <Group gap="md">
          <Text c={dirty ? 'orange.8' : 'dimmed'} fw={dirty ? 600 : 400}>
            {dirty ? '有未保存的修改' : '已全部保存'}
          </Text>
          <Text c="dimmed" size="sm">
            Ctrl+S 保存
          </Text>
          <Button
            size="md"
            leftSection={<IconDeviceFloppy size={18} />}
            onClick={onSave}
            loading={saving}
            disabled={!canSave}
          >
            保存
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
