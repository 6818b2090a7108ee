import { Alert, Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AppInfo, BackupEntry } from '../../src-main/contract/app';
import { contract } from '../../src-main/contract';
import { call } from '../api';
import { ReminderRulesSection } from '../components/ReminderRulesSection';
import { RestoreBackupModal, when } from '../components/RestoreBackupModal';
import { done } from '../notify';
import { DataTable } from '../kit/DataTable';
import { useContractForm } from '../kit/form';
import { rpcKey, useRpc, useRpcMutation } from '../kit/rpc';
import { TypeSizeControl } from '../kit/typeSize';
import { Can } from '../kit/operator';
import { DeathBenefitParamsSection } from './settings/DeathBenefitParamsSection';
import { IdleLockSection, MyPasswordSection, OperatorsSection } from './settings/OperatorsSection';
import { ExportTemplatesSection } from './exportTemplates/ExportTemplatesSection';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

type OfficeValues = { orgName: string; operatorName: string };

function OfficeSection({ info }: { info: AppInfo }) {
  const client = useQueryClient();
  const f = useContractForm<OfficeValues>({
    initial: { orgName: info.orgName, operatorName: info.operatorName },
    schema: contract['app.setup'].input,
    what: '单位与经办人',
    submit: async (values) => {
      const saved = await call('app.setup', values);
      client.setQueryData(rpcKey('app.info', {}), saved);
      done('已保存');
      return { orgName: saved.orgName, operatorName: saved.operatorName };
    },
  });
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        单位与经办人
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void f.save();
        }}
      >
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <TextInput label="单位名称" {...f.form.getInputProps('orgName')} />
          <TextInput label="经办人" {...f.form.getInputProps('operatorName')} />
          <Group align="end">
            <Button type="submit" disabled={!f.dirty} loading={f.saving}>
              保存
            </Button>
          </Group>
        </SimpleGrid>
        {f.error && (
          <Alert color="red" mt="sm" withCloseButton onClose={f.clearError}>
            {f.error}
          </Alert>
        )}
      </form>
    </Paper>
  );
}

function BackupsSection({ info }: { info: AppInfo }) {
  // The daily backup is taken in the background: the list is read again whenever it is opened.
  const backups = useRpc('backups.list', {}, { refetchOnMount: 'always' });
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);
  const create = useRpcMutation('backups.create', {
    invalidates: ['backups.list'],
    onSuccess: (b) => done(`已备份并校验：${when(b.takenAt)}`, '备份完成'),
  });
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>数据备份</Title>
        <Button loading={create.isPending} onClick={() => create.mutate({})}>
          立即备份
        </Button>
      </Group>
      <Text c="dimmed" size="sm" mb="sm">
        程序每天自动备份一次，每份备份写入后都会打开校验。保留最近 7 份每日备份、4
        份每周备份，以及每次升级前和手动备份的全部副本。附件随数据库一起备份。
      </Text>
      <DataTable<BackupEntry>
        records={backups.data ?? []}
        fetching={backups.isPending}
        idAccessor="name"
        minHeight={backups.data?.length ? undefined : 120}
        noRecordsText="暂无备份"
        rowLabel={(b) => `${when(b.takenAt)}，${b.kindLabel}`}
        columns={[
          { accessor: 'takenAt', title: '备份时间', render: (b) => when(b.takenAt) },
          {
            accessor: 'kindLabel',
            title: '类型',
            render: (b) => (
              <Badge variant="light" color={b.kind === 'manual' ? 'blue' : 'gray'}>
                {b.kindLabel}
              </Badge>
            ),
          },
          { accessor: 'size', title: '大小', render: (b) => mb(b.size) },
          { accessor: 'name', title: '文件名', cellsStyle: () => ({ fontFamily: 'monospace' }) },
          {
            accessor: 'restore',
            title: '',
            textAlign: 'right',
            render: (b) => (
              <Can method="backups.restore">
                <Button size="sm" variant="light" color="orange" onClick={() => setRestoring(b)}>
                  恢复此备份
                </Button>
              </Can>
            ),
          },
        ]}
      />
      <RestoreBackupModal backup={restoring} keptAsideDir={info.keptAsideDir} onClose={() => setRestoring(null)} />
    </Paper>
  );
}

export function SettingsPage({ info }: { info: AppInfo }) {
  return (
    <Stack>
      <Title order={2}>系统设置</Title>
      <Can method="app.setup" otherwise="不能修改单位、操作员、提醒规则和备份，可以修改本人密码和本机字号">
        <OfficeSection key={`${info.orgName}\n${info.operatorName}`} info={info} />
      </Can>
      <MyPasswordSection />
      <Can method="operators.list">
        <OperatorsSection />
      </Can>
      <Can method="settings.idleLock">
        <IdleLockSection info={info} />
      </Can>
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          字号
        </Title>
        <Group gap="lg">
          <TypeSizeControl />
          <Text c="dimmed" size="sm">
            整个界面的文字、按钮和表格一起放大，只对本机有效；顶栏右侧也可以随时切换。打印的纸张不受影响。
          </Text>
        </Group>
      </Paper>
      <Can method="exportTemplates.list">
        <ExportTemplatesSection />
      </Can>
      <Can method="reminders.saveRules">
        <ReminderRulesSection />
      </Can>
      <Can method="deathBenefits.saveRule">
        <DeathBenefitParamsSection />
      </Can>
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
      <Can method="backups.list">
        <BackupsSection info={info} />
      </Can>
    </Stack>
  );
}
