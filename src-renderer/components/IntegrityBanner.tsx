// The full check of the database finishes after start (src-main/db/integrity.ts). When it finds
// damage, every save is refused: this banner, above every page, says so and offers the newest
// backup that passes its check; the backup is restored only when the user confirms.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { AppInfo, BackupEntry } from '../../src-main/contract/app';
import { RestoreBackupModal, when } from './RestoreBackupModal';

export function IntegrityBanner({ info }: { info: AppInfo }) {
  const [asking, setAsking] = useState<BackupEntry | null>(null);
  const { integrity } = info;
  if (integrity.state !== 'damaged') return null;
  const backup = integrity.backup;
  return (
    <Alert color="red" variant="filled" title="数据库文件损坏，已停止保存">
      <Stack gap="xs">
        <Text size="sm">{integrity.message}</Text>
        {backup && (
          <Group>
            <Button color="orange" variant="white" onClick={() => setAsking(backup)}>
              恢复到 {when(backup.takenAt)} 的备份……
            </Button>
          </Group>
        )}
      </Stack>
      <RestoreBackupModal backup={asking} keptAsideDir={info.keptAsideDir} onClose={() => setAsking(null)} />
    </Alert>
  );
}
