// The full check of the database finishes after start (src-main/db/integrity.ts). When it finds
// damage, every save is refused: this banner, above every page, says so and offers the newest
// backup that passes its check; the backup is restored only when the user confirms.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { AppInfo } from '../../src-main/contract/app';
import { RestoreBackupModal, when } from './RestoreBackupModal';

export function IntegrityBanner({ info }: { info: AppInfo }) {
  const [asking, { open, close }] = useDisclosure(false);
  const { integrity } = info;
  if (integrity.state !== 'damaged') return null;
  const backup = integrity.backup;
  return (
    <Alert color="red" variant="filled" title="数据库文件损坏，已停止保存">
      <Stack gap="xs">
        <Text size="sm">{integrity.message}</Text>
        {backup && (
          <Group>
            <Button color="orange" variant="white" onClick={open}>
              恢复到 {when(backup.takenAt)} 的备份……
            </Button>
          </Group>
        )}
      </Stack>
      <RestoreBackupModal backup={asking ? backup : null} keptAsideDir={info.keptAsideDir} onClose={close} />
    </Alert>
  );
}
