// Restoring a backup, asked first: from the settings' list of backups, and from the banner that
// offers the newest good backup when the database is found damaged (IntegrityBanner).
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { BackupEntry } from '../../src-main/contract/app';
import { formatChineseDate } from '../../src-main/shared/dates';
import { useRpcMutation } from '../kit/rpc';
import { done } from '../notify';

export const when = (takenAt: string) => `${formatChineseDate(takenAt.slice(0, 10))} ${takenAt.slice(11, 16)}`;

/** Open while `backup` is set; the restore runs only on 确认恢复. */
export function RestoreBackupModal({
  backup,
  keptAsideDir,
  onClose,
}: {
  backup: BackupEntry | null;
  keptAsideDir: string;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const restore = useRpcMutation('backups.restore', {
    onSuccess: async (r) => {
      onClose();
      done(`已恢复到 ${when(r.restoredFrom.takenAt)} 的备份；原数据库另存为 ${r.keptAsideAs}`, '恢复完成');
      // Every record may differ now: everything shown is read again.
      await client.invalidateQueries();
    },
  });
  return (
    <Modal opened={backup !== null} onClose={onClose} title="恢复备份" size="lg">
      {backup && (
        <Stack>
          <Text>
            将把数据恢复到 <b>{when(backup.takenAt)}</b> 的状态。此后录入和修改的内容将不在恢复后的数据中。
          </Text>
          <Text c="dimmed" size="sm">
            当前数据库不会删除：它会先另存到“{keptAsideDir}”文件夹，需要时可由技术人员取回。
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              取消
            </Button>
            <Button color="orange" loading={restore.isPending} onClick={() => restore.mutate({ name: backup.name })}>
              确认恢复
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
