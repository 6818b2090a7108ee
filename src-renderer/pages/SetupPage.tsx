import { Alert, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { AppInfo } from '../../src-main/api/contract';
import { call } from '../api';

/** First run: the organisation's name (it signs letters) and the operator's (every change names them). */
export function SetupPage({ onDone, notices }: { onDone: (info: AppInfo) => void; notices: string[] }) {
  const [orgName, setOrgName] = useState('');
  const [operatorName, setOperatorName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await call('app.setup', { orgName, operatorName }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Center mih="100vh">
      <Paper shadow="md" p="xl" w={520} radius="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack>
            <Title order={2}>欢迎使用离退休服务管理</Title>
            <Text c="dimmed">首次使用，请填写以下信息。单位名称用于信函落款和报表，经办人姓名会记入每一条修改记录。</Text>
            {notices.map((n) => (
              <Alert key={n} color="orange">
                {n}
              </Alert>
            ))}
            <TextInput label="单位名称" placeholder="例如：某某集团有限公司离退休管理办公室" value={orgName} onChange={(e) => setOrgName(e.currentTarget.value)} withAsterisk size="md" />
            <TextInput label="经办人姓名" placeholder="例如：李明" value={operatorName} onChange={(e) => setOperatorName(e.currentTarget.value)} withAsterisk size="md" />
            {error && <Alert color="red">{error}</Alert>}
            <Button type="submit" size="md" loading={busy}>
              开始使用
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
