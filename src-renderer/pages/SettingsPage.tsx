import { Alert, Badge, Button, Code, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { AppInfo, BackupEntry } from '../../src-main/api/contract';
import { formatChineseDate } from '../../src-main/shared/dates';
import { call } from '../api';
import { ReminderRulesSection } from '../components/ReminderRulesSection';

const when = (takenAt: string) => `${formatChineseDate(takenAt.slice(0, 10))} ${takenAt.slice(11, 16)}`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function SettingsPage({ info, onChanged }: { info: AppInfo; onChanged: () => void }) {
  const [backups, setBackups] = useState<BackupEntry[]>([]);
  const [orgName, setOrgName] = useState(info.orgName);
  const [operatorName, setOperatorName] = useState(info.operatorName);
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = () => call('backups.list', {}).then(setBackups);
  useEffect(() => {
    void load();
  }, []);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Title order={2}>系统设置</Title>
      {error && (
        <Alert color="red" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          单位与经办人
        </Title>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <TextInput label="单位名称" value={orgName} onChange={(e) => setOrgName(e.currentTarget.value)} />
          <TextInput label="经办人" value={operatorName} onChange={(e) => setOperatorName(e.currentTarget.value)} />
          <Group align="end">
            <Button
              disabled={orgName === info.orgName && operatorName === info.operatorName}
              onClick={() =>
                run(async () => {
                  await call('app.setup', { orgName, operatorName });
                  notifications.show({ color: 'green', message: '已保存' });
                  onChanged();
                })
              }
            >
              保存
            </Button>
          </Group>
        </SimpleGrid>
      </Paper>
      <ReminderRulesSection />
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          数据存放位置
        </Title>
        <Stack gap={6}>
          <Text>
            数据库文件：<Code>{info.dbPath}</Code>
          </Text>
          <Text>
            备份文件夹：<Code>{info.backupsDir}</Code>
          </Text>
          <Text>
            损坏或被替换的数据库另存于：<Code>{info.keptAsideDir}</Code>
          </Text>
          <Text c="dimmed" size="sm">
            SQLite {info.sqliteVersion}　程序版本 {info.appVersion}
          </Text>
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>数据备份</Title>
          <Button
            loading={busy}
            onClick={() =>
              run(async () => {
                const b = await call('backups.create', {});
                notifications.show({ color: 'green', title: '备份完成', message: `已备份并校验：${when(b.takenAt)}` });
                await load();
              })
            }
          >
            立即备份
          </Button>
        </Group>
        <Text c="dimmed" size="sm" mb="sm">
          程序每天自动备份一次，每份备份写入后都会打开校验。保留最近 7 份每日备份、4 份每周备份，以及每次升级前和手动备份的全部副本。附件随数据库一起备份。
        </Text>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>备份时间</Table.Th>
              <Table.Th>类型</Table.Th>
              <Table.Th>大小</Table.Th>
              <Table.Th>文件名</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {backups.map((b) => (
              <Table.Tr key={b.name}>
                <Table.Td>{when(b.takenAt)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={b.kind === 'manual' ? 'blue' : 'gray'}>
                    {b.kindLabel}
                  </Badge>
                </Table.Td>
                <Table.Td>{mb(b.size)}</Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {b.name}
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" color="orange" onClick={() => setRestoring(b)}>
                    恢复此备份
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {backups.length === 0 && (
          <Text c="dimmed" ta="center" py="md">
            暂无备份
          </Text>
        )}
      </Paper>
      <Modal opened={restoring !== null} onClose={() => setRestoring(null)} title="恢复备份" size="lg">
        {restoring && (
          <Stack>
            <Text>
              将把数据恢复到 <b>{when(restoring.takenAt)}</b> 的状态。此后录入和修改的内容将不在恢复后的数据中。
            </Text>
            <Text c="dimmed" size="sm">
              当前数据库不会删除：它会先另存到“{info.keptAsideDir}”文件夹，需要时可由技术人员取回。
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRestoring(null)}>
                取消
              </Button>
              <Button
                color="orange"
                loading={busy}
                onClick={() =>
                  run(async () => {
                    const r = await call('backups.restore', { name: restoring.name });
                    setRestoring(null);
                    notifications.show({ color: 'green', title: '恢复完成', message: `已恢复到 ${when(r.restoredFrom.takenAt)} 的备份；原数据库另存为 ${r.keptAsideAs}`, autoClose: 10000 });
                    await load();
                    onChanged();
                  })
                }
              >
                确认恢复
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
