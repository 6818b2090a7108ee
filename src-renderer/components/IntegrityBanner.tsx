// The full check of the database finishes after start (src-main/db/integrity.ts). When it finds
// damage, every save is refused: this banner, above every page, says so and offers the newest
// backup that passes its check; the backup is restored only when the user confirms.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AppInfo } from '../../src-main/api/contract';
import { formatChineseDate } from '../../src-main/shared/dates';
import { useRpcMutation } from '../kit/rpc';
import { done } from '../notify';

const when = (takenAt: string) => `${formatChineseDate(takenAt.slice(0, 10))} ${takenAt.slice(11, 16)}`;

export function IntegrityBanner({ info }: { info: AppInfo }) {
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const restore = useRpcMutation('backups.restore', {
    onSuccess: async (r) => {
      setAsking(false);
      done(`已恢复到 ${when(r.restoredFrom.takenAt)} 的备份；损坏的数据库原样另存为 ${r.keptAsideAs}`, '恢复完成');
      // Every record may differ now: everything shown is read again.
      await client.invalidateQueries();
    },
  });
  const { integrity } = info;
  if (integrity.state !== 'damaged') return null;
  const backup = integrity.backup;
  return (
    <Alert color="red" variant="filled" title="数据库文件损坏，已停止保存">
      <Stack gap="xs">
        <Text size="sm">{integrity.message}</Text>
        {backup && (
          <Group>
            <Button color="orange" variant="white" onClick={() => setAsking(true)}>
              恢复到 {when(backup.takenAt)} 的备份……
            </Button>
          </Group>
        )}
      </Stack>
      <Modal opened={asking && backup !== null} onClose={() => setAsking(false)} title="恢复备份" size="lg">
        {backup && (
          <Stack>
            <Text>
              将把数据恢复到 <b>{when(backup.takenAt)}</b>（{backup.kindLabel}
              备份）的状态。此后录入和修改的内容将不在恢复后的数据中。
            </Text>
            <Text c="dimmed" size="sm">
              损坏的数据库不会删除：它会原样另存到“{info.keptAsideDir}”文件夹，需要时可由技术人员取回。
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(false)}>
                取消
              </Button>
              <Button color="orange" loading={restore.isPending} onClick={() => restore.mutate({ name: backup.name })}>
                确认恢复
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Alert>
  );
}
