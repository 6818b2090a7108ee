import { Alert, Badge, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ImportHistoryEntry } from '../../../src-main/contract/imports';
import { DataTable } from '../../kit/DataTable';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { readAllAgainAfterImport } from './wizard';

/** Every import, with undo: inserted people removed, filled-in fields restored. */
export function ImportHistory({ active }: { active: boolean }) {
  const client = useQueryClient();
  const history = useRpc('imports.history', {}, { enabled: active });
  const [undoing, setUndoing] = useState<ImportHistoryEntry | null>(null);
  // What undoing would leave as edited since: read afresh each time the question is asked.
  const check = useRpc('imports.undoCheck', undoing ? { id: undoing.id } : null, { staleTime: 0, gcTime: 0 });
  const undo = useRpcMutation('imports.undo', {
    // A refusal stays in the dialog.
    onError: () => {},
    onSuccess: async (r) => {
      notifications.show({
        color: r.keptEdits.length ? 'yellow' : 'green',
        title: '已撤销',
        message: r.message,
        autoClose: r.keptEdits.length ? false : undefined,
      });
      close();
      await readAllAgainAfterImport(client);
    },
  });
  const close = () => {
    setUndoing(null);
    undo.reset();
  };
  const entries = history.data ?? [];
  return (
    <Stack>
      <DataTable<ImportHistoryEntry>
        records={entries}
        fetching={history.isFetching}
        minHeight={entries.length ? undefined : 150}
        noRecordsText="还没有导入过花名册"
        striped
        columns={[
          { accessor: 'at', title: '时间', width: 180, render: (e) => e.at.replace('T', ' ') },
          { accessor: 'fileName', title: '文件' },
          { accessor: 'operator', title: '经办人', width: 100 },
          {
            accessor: 'counts',
            title: '结果',
            render: (e) =>
              `新增 ${e.counts.inserted}，更新 ${e.counts.updated}，跳过 ${e.counts.skipped}，无法导入 ${e.counts.rejected}`,
          },
          {
            accessor: 'undo',
            title: '',
            width: 260,
            render: (e) =>
              e.undoneAt ? (
                <Badge size="lg" variant="light" color="gray">
                  已于 {e.undoneAt.replace('T', ' ')} 撤销
                </Badge>
              ) : (
                <Can method="imports.undo">
                  <Button size="sm" variant="light" color="orange" onClick={() => setUndoing(e)}>
                    撤销导入
                  </Button>
                </Can>
              ),
          },
        ]}
        rowLabel={(e) =>
          `${e.at.replace('T', ' ')} ${e.fileName}，新增 ${e.counts.inserted}${e.undoneAt ? '，已撤销' : ''}`
        }
      />
      <Modal opened={undoing !== null} onClose={close} title="撤销导入" size="lg">
        {undoing && (
          <Stack>
            <Text>
              将删除这次导入新增的 {undoing.counts.inserted} 份档案，并把更新过的 {undoing.counts.updated}{' '}
              份档案中由导入填写的内容恢复原样。
            </Text>
            {check.isPending && (
              <Group gap="xs">
                <Loader size="sm" />
                <Text c="dimmed">正在核对导入后的修改……</Text>
              </Group>
            )}
            {check.error && <Alert color="red">{check.error.message}</Alert>}
            {check.data && check.data.editedSince.length > 0 && (
              <Alert color="orange" title="以下新增的档案在导入后又被修改过">
                {check.data.editedSince.map((p) => p.name).join('、')}。撤销后，这些档案连同之后的修改会一并删除。
              </Alert>
            )}
            {check.data && check.data.keptEdits.length > 0 && (
              <Alert color="yellow" title="以下内容在导入后又被修改过，撤销时保留修改后的内容，不恢复">
                {check.data.keptEdits.map((k) => `${k.name}的${k.fields.join('、')}`).join('；')}
              </Alert>
            )}
            {undo.error && <Alert color="red">{undo.error.message}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                取消
              </Button>
              <Button
                color="orange"
                disabled={!check.data}
                loading={undo.isPending}
                onClick={() => undo.mutate({ id: undoing.id })}
              >
                确认撤销
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
