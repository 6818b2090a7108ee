import { Alert, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { ImportHistoryEntry, UndoCheck } from '../../../src-main/api/contract';
import { call } from '../../api';

/** Every import, with undo: inserted people removed, filled-in fields restored. */
export function ImportHistory({ active }: { active: boolean }) {
  const [entries, setEntries] = useState<ImportHistoryEntry[]>([]);
  const [undoing, setUndoing] = useState<{ entry: ImportHistoryEntry; check: UndoCheck } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => call('imports.history', {}).then(setEntries);
  useEffect(() => {
    if (active) void load();
  }, [active]);
  return (
    <Stack>
      {entries.length === 0 && <Text c="dimmed">还没有导入过花名册。</Text>}
      {entries.length > 0 && (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>时间</Table.Th>
              <Table.Th>文件</Table.Th>
              <Table.Th>经办人</Table.Th>
              <Table.Th>结果</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{e.at.replace('T', ' ')}</Table.Td>
                <Table.Td>{e.fileName}</Table.Td>
                <Table.Td>{e.operator}</Table.Td>
                <Table.Td>
                  新增 {e.counts.inserted}，更新 {e.counts.updated}，跳过 {e.counts.skipped}，无法导入 {e.counts.rejected}
                </Table.Td>
                <Table.Td>
                  {e.undoneAt ? (
                    <Badge color="gray">已于 {e.undoneAt.replace('T', ' ')} 撤销</Badge>
                  ) : (
                    <Button size="xs" variant="light" color="orange" onClick={async () => setUndoing({ entry: e, check: await call('imports.undoCheck', { id: e.id }) })}>
                      撤销导入
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={undoing !== null} onClose={() => setUndoing(null)} title="撤销导入" size="lg">
        {undoing && (
          <Stack>
            <Text>
              将删除这次导入新增的 {undoing.entry.counts.inserted} 份档案，并把更新过的 {undoing.entry.counts.updated} 份档案中由导入填写的内容恢复原样。
            </Text>
            {undoing.check.editedSince.length > 0 && (
              <Alert color="orange" title="以下新增的档案在导入后又被修改过">
                {undoing.check.editedSince.map((p) => p.name).join('、')}。撤销后，这些档案连同之后的修改会一并删除。
              </Alert>
            )}
            {undoing.check.keptEdits.length > 0 && (
              <Alert color="yellow" title="以下内容在导入后又被修改过，撤销时保留修改后的内容，不恢复">
                {undoing.check.keptEdits.map((k) => `${k.name}的${k.fields.join('、')}`).join('；')}
              </Alert>
            )}
            {error && <Alert color="red">{error}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setUndoing(null)}>
                取消
              </Button>
              <Button
                color="orange"
                onClick={async () => {
                  try {
                    const r = await call('imports.undo', { id: undoing.entry.id });
                    notifications.show({ color: r.keptEdits.length ? 'yellow' : 'green', title: '已撤销', message: r.message, autoClose: r.keptEdits.length ? false : undefined });
                    setUndoing(null);
                    await load();
                  } catch (e) {
                    setError((e as Error).message);
                  }
                }}
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
