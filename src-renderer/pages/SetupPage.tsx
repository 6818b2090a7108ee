import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { contract } from '../../src-main/contract';
import { fieldErrors } from '../kit/form';
import { rpcKey, useRpcMutation } from '../kit/rpc';
import { TypeSizeControl } from '../kit/typeSize';

const SETUP = contract['app.setup'].input;
type SetupValues = { orgName: string; operatorName: string; password: string; password2: string };
const FIELDS = ['orgName', 'operatorName', 'password', 'password2'];

/**
 * First run: the organisation's name (it signs letters) and its first operator, the administrator
 * (every change names them), with a password typed twice; then the recovery code, shown once.
 */
export function SetupPage({ notices, onRecoveryCode }: { notices: string[]; onRecoveryCode: (code: string) => void }) {
  const client = useQueryClient();
  const form = useForm<SetupValues>({
    initialValues: { orgName: '', operatorName: '', password: '', password2: '' },
    validate: zod4Resolver(SETUP),
  });
  const setup = useRpcMutation('app.setup', {
    // The shell opens with the answer at once; nothing else was read before it.
    onSuccess: ({ recoveryCode, ...info }) => {
      if (recoveryCode) onRecoveryCode(recoveryCode);
      client.setQueryData(rpcKey('app.info', {}), info);
    },
    onError: (e) => form.setErrors(fieldErrors(e, FIELDS)),
  });
  const refusal =
    setup.error && Object.keys(fieldErrors(setup.error, FIELDS)).length === 0 ? setup.error.message : null;
  return (
    <Center mih="100vh">
      <Paper shadow="md" p="xl" w={520} radius="md">
        <form onSubmit={form.onSubmit((values) => setup.mutate(values))}>
          <Stack>
            <Title order={2}>欢迎使用离退休服务管理</Title>
            <Text c="dimmed">
              首次使用，请填写以下信息。单位名称用于信函落款和报表；经办人是本程序的第一位管理员，凭姓名和密码登录，姓名会记入每一条修改记录。
            </Text>
            {notices.map((n) => (
              <Alert key={n} color="orange">
                {n}
              </Alert>
            ))}
            <TextInput
              label="单位名称"
              placeholder="例如：某某集团有限公司离退休管理办公室"
              withAsterisk
              size="md"
              {...form.getInputProps('orgName')}
            />
            <TextInput
              label="经办人姓名"
              placeholder="例如：李明"
              withAsterisk
              size="md"
              {...form.getInputProps('operatorName')}
            />
            <PasswordInput
              label="管理员密码"
              description="至少 8 位，登录时使用"
              withAsterisk
              size="md"
              {...form.getInputProps('password')}
            />
            <PasswordInput label="再次输入密码" withAsterisk size="md" {...form.getInputProps('password2')} />
            <Stack gap={4}>
              <Text size="md" fw={500}>
                字号
              </Text>
              <TypeSizeControl />
              <Text size="sm" c="dimmed">
                整个界面的文字大小，只对本机有效，以后可在顶栏或“系统设置”中更改。
              </Text>
            </Stack>
            {refusal && <Alert color="red">{refusal}</Alert>}
            <Button type="submit" size="md" loading={setup.isPending}>
              开始使用
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
