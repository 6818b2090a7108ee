// Before anything else: the log-in (姓名 + 密码), an existing office's first administrator password,
// the recovery code shown once, and resetting a forgotten administrator password with it.
import {
  Alert,
  Anchor,
  Button,
  Center,
  Code,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState, type ReactNode } from 'react';
import { contract } from '../../src-main/contract';
import type { AppInfo } from '../../src-main/contract/app';
import type { WithRecoveryCode } from '../../src-main/contract/operators';
import { fieldErrors } from '../kit/form';
import { rpcKey, useRpcMutation } from '../kit/rpc';

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100vh">
      <Paper shadow="md" p="xl" w={520} radius="md">
        <Stack>
          <Title order={2}>{title}</Title>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}

/** The app's state after signing in: the shell opens with it at once. */
function useSignedIn() {
  const client = useQueryClient();
  return (info: AppInfo) => client.setQueryData(rpcKey('app.info', {}), info);
}

/** A form's refusal that names no field of it (a wrong password, a wait): shown above its button. */
function refusalOf(error: { message: string } | null, fields: string[]): string | null {
  return error && Object.keys(fieldErrors(error as never, fields)).length === 0 ? error.message : null;
}

export function LoginPage({ info, onRecovered }: { info: AppInfo; onRecovered: (code: string) => void }) {
  const [recovering, setRecovering] = useState(false);
  const signedIn = useSignedIn();
  const form = useForm({
    initialValues: { name: '', password: '' },
    validate: zod4Resolver(contract['auth.login'].input),
  });
  const login = useRpcMutation('auth.login', {
    onSuccess: signedIn,
    onError: (e) => form.setErrors(fieldErrors(e, ['name', 'password'])),
  });
  if (recovering) return <RecoverPage onCancel={() => setRecovering(false)} onRecovered={onRecovered} />;
  const refusal = refusalOf(login.error, ['name', 'password']);
  return (
    <Card title="离退休服务管理">
      {/* An encrypted database is closed until a log-in: the password opens it (app/desk.ts). */}
      <Text c="dimmed">
        {info.locked ? '数据库已加密，登录时用您的密码打开' : info.orgName}：请输入姓名和密码登录。
      </Text>
      {info.notices.map((n) => (
        <Alert key={n} color="orange">
          {n}
        </Alert>
      ))}
      <form onSubmit={form.onSubmit((v) => login.mutate(v))}>
        <Stack>
          <TextInput label="姓名" size="md" autoFocus withAsterisk {...form.getInputProps('name')} />
          <PasswordInput label="密码" size="md" withAsterisk {...form.getInputProps('password')} />
          {refusal && <Alert color="red">{refusal}</Alert>}
          <Button type="submit" size="md" loading={login.isPending}>
            登录
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={() => setRecovering(true)}>
            管理员忘记密码？用恢复码重设
          </Anchor>
        </Stack>
      </form>
    </Card>
  );
}

/** A new password typed twice, with what else the call takes. */
function PasswordFields({ form }: { form: { getInputProps(path: string): object } }) {
  return (
    <>
      <PasswordInput
        label="新密码"
        description="至少 8 位"
        size="md"
        withAsterisk
        {...form.getInputProps('password')}
      />
      <PasswordInput label="再次输入新密码" size="md" withAsterisk {...form.getInputProps('password2')} />
    </>
  );
}

function RecoverPage({ onCancel, onRecovered }: { onCancel: () => void; onRecovered: (code: string) => void }) {
  const signedIn = useSignedIn();
  const form = useForm<Record<string, string>>({
    initialValues: { code: '', name: '', password: '', password2: '' },
    validate: zod4Resolver(contract['auth.recover'].input),
  });
  const fields = ['code', 'name', 'password', 'password2'];
  const recover = useRpcMutation('auth.recover', {
    onSuccess: (r: WithRecoveryCode) => {
      onRecovered(r.recoveryCode);
      signedIn(r.info);
    },
    onError: (e) => form.setErrors(fieldErrors(e, fields)),
  });
  const refusal = refusalOf(recover.error, fields);
  return (
    <Card title="用恢复码重设管理员密码">
      <Text c="dimmed">恢复码是首次使用时打印或抄下的一串字母数字。重设后原恢复码作废，程序会显示新的恢复码。</Text>
      <form onSubmit={form.onSubmit((v) => recover.mutate(v as never))}>
        <Stack>
          <TextInput label="恢复码" size="md" withAsterisk {...form.getInputProps('code')} />
          <TextInput label="管理员姓名" size="md" withAsterisk {...form.getInputProps('name')} />
          <PasswordFields form={form} />
          {refusal && <Alert color="red">{refusal}</Alert>}
          <Group>
            <Button type="submit" size="md" loading={recover.isPending}>
              重设密码并登录
            </Button>
            <Button variant="default" size="md" onClick={onCancel}>
              返回登录
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** An office set up before operators existed: its operator becomes the administrator, with a password. */
export function FirstPasswordPage({ info, onDone }: { info: AppInfo; onDone: (code: string) => void }) {
  const signedIn = useSignedIn();
  const form = useForm<Record<string, string>>({
    initialValues: { password: '', password2: '' },
    validate: zod4Resolver(contract['auth.firstPassword'].input),
  });
  const first = useRpcMutation('auth.firstPassword', {
    onSuccess: (r) => {
      onDone(r.recoveryCode);
      signedIn(r.info);
    },
    onError: (e) => form.setErrors(fieldErrors(e, ['password', 'password2'])),
  });
  const refusal = refusalOf(first.error, ['password', 'password2']);
  return (
    <Card title="设置管理员密码">
      <Text>
        本程序已增加操作员登录。请为经办人 <b>{info.operatorName}</b>{' '}
        设置管理员密码，以后凭姓名和密码登录；管理员可在“系统设置”中为其他同事添加操作员。
      </Text>
      <form onSubmit={form.onSubmit((v) => first.mutate(v as never))}>
        <Stack>
          <PasswordFields form={form} />
          {refusal && <Alert color="red">{refusal}</Alert>}
          <Button type="submit" size="md" loading={first.isPending}>
            设置密码并登录
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** The recovery code, shown once: to be printed or written down before going on. */
export function RecoveryCodeScreen({ code, onDone }: { code: string; onDone: () => void }) {
  return (
    <Card title="请记下恢复码">
      <Text>
        管理员忘记密码时，凭此恢复码可以重设密码。恢复码<b>只显示这一次</b>
        ，程序中不保存原文：请打印或抄写下来，与公章一样妥善保管，不要与电脑放在一起。
      </Text>
      <Code block fz={28} ta="center" data-testid="recovery-code">
        {code}
      </Code>
      <Group>
        <Button variant="default" onClick={() => window.print()}>
          打印
        </Button>
        <Button onClick={onDone}>我已记下恢复码，继续</Button>
      </Group>
    </Card>
  );
}
