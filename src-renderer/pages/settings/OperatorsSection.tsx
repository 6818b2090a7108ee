// 系统设置's operators: one's own password (everyone), and for an administrator the operators with
// their roles (add, change a role, reset a password, deactivate), a new recovery code, and the
// idle time after which the app locks.
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { contract } from '../../../src-main/contract';
import type { AppInfo } from '../../../src-main/contract/app';
import { withNewPassword, type OperatorView } from '../../../src-main/contract/operators';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '../../../src-main/shared/permissions';
import { call } from '../../api';
import { done } from '../../notify';
import { DataTable } from '../../kit/DataTable';
import { FormModal } from '../../kit/FormModal';
import { rpcKey, useRpc, useRpcMutation } from '../../kit/rpc';
import { useQueryClient } from '@tanstack/react-query';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: `${ROLE_LABELS[r]}（${ROLE_DESCRIPTIONS[r]}）` }));

function NewPasswordFields({ form }: { form: { getInputProps(path: string): object } }) {
  return (
    <>
      <PasswordInput label="新密码" description="至少 8 位" withAsterisk {...form.getInputProps('password')} />
      <PasswordInput label="再次输入新密码" withAsterisk {...form.getInputProps('password2')} />
    </>
  );
}

export function MyPasswordSection() {
  const [open, dialog] = useDisclosure(false);
  const form = useForm<Record<string, string>>({
    initialValues: { current: '', password: '', password2: '' },
    validate: zod4Resolver(contract['auth.changePassword'].input),
  });
  return (
    <Paper withBorder p="md">
      <Group justify="space-between">
        <Title order={4}>我的密码</Title>
        <Button variant="default" onClick={dialog.open}>
          修改密码
        </Button>
      </Group>
      <FormModal
        opened={open}
        onClose={dialog.close}
        title="修改我的密码"
        form={form}
        submitLabel="修改"
        size="md"
        onSubmit={async (v) => {
          await call('auth.changePassword', v as never);
          done('密码已修改，下次登录请使用新密码');
        }}
      >
        <PasswordInput label="原密码" withAsterisk {...form.getInputProps('current')} />
        <NewPasswordFields form={form} />
      </FormModal>
    </Paper>
  );
}

export function OperatorsSection() {
  const operators = useRpc('operators.list', {});
  const [adding, addDialog] = useDisclosure(false);
  const [resetting, resetDialog] = useDisclosure(false);
  const update = useRpcMutation('operators.update', {
    invalidates: ['operators.list'],
    onSuccess: () => done('已保存'),
  });
  // The new recovery code is the call's reply, shown until closed (only this once: it is kept hashed).
  const newCode = useRpcMutation('operators.newRecoveryCode');
  const code = newCode.data?.recoveryCode ?? null;
  const addForm = useForm<Record<string, string>>({
    initialValues: { name: '', role: 'clerk', password: '', password2: '' },
    validate: zod4Resolver(contract['operators.create'].input),
  });
  // The operator whose password is reset travels in the form, beside the new password.
  const resetForm = useForm<{ id: number; name: string; password: string; password2: string }>({
    initialValues: { id: 0, name: '', password: '', password2: '' },
    validate: zod4Resolver(withNewPassword({}) as never),
  });
  const startReset = (o: OperatorView) => {
    resetForm.setValues({ id: o.id, name: o.name });
    resetDialog.open();
  };
  const client = useQueryClient();
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>操作员</Title>
        <Group>
          <Button variant="default" loading={newCode.isPending} onClick={() => newCode.mutate({})}>
            重新生成恢复码
          </Button>
          <Button onClick={addDialog.open}>添加操作员</Button>
        </Group>
      </Group>
      <Text c="dimmed" size="sm" mb="sm">
        每位同事用自己的姓名和密码登录，修改记录中写明是谁办理的。操作员不能删除，只能停用。
      </Text>
      {code && (
        <Alert
          color="orange"
          mb="sm"
          withCloseButton
          onClose={newCode.reset}
          title="新的恢复码（只显示这一次，原恢复码已作废）"
        >
          <Code fz={22}>{code}</Code>
        </Alert>
      )}
      <DataTable<OperatorView>
        records={operators.data ?? []}
        fetching={operators.isPending}
        idAccessor="id"
        noRecordsText="暂无操作员"
        rowLabel={(o) => o.name}
        columns={[
          { accessor: 'name', title: '姓名' },
          {
            accessor: 'role',
            title: '角色',
            render: (o) => (
              <Select
                aria-label={`${o.name}的角色`}
                data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                value={o.role}
                allowDeselect={false}
                w={140}
                onChange={(role) => role && role !== o.role && update.mutate({ id: o.id, role: role as Role })}
              />
            ),
          },
          {
            accessor: 'active',
            title: '状态',
            render: (o) => (
              <Badge color={o.active ? 'green' : 'gray'} variant="light">
                {o.active ? '启用' : '已停用'}
              </Badge>
            ),
          },
          {
            accessor: 'actions',
            title: '',
            textAlign: 'right',
            render: (o) => (
              <Group gap="xs" justify="flex-end">
                <Button size="xs" variant="light" onClick={() => startReset(o)}>
                  重设密码
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  color={o.active ? 'orange' : 'green'}
                  onClick={() => update.mutate({ id: o.id, active: !o.active })}
                >
                  {o.active ? '停用' : '启用'}
                </Button>
              </Group>
            ),
          },
        ]}
      />
      <FormModal
        opened={adding}
        onClose={addDialog.close}
        title="添加操作员"
        form={addForm}
        submitLabel="添加"
        size="md"
        onSubmit={async (v) => {
          const made = await call('operators.create', v as never);
          await client.invalidateQueries({ queryKey: rpcKey('operators.list') });
          done(`已添加操作员：${made.name}（${made.roleLabel}）`);
        }}
      >
        <TextInput label="姓名" withAsterisk {...addForm.getInputProps('name')} />
        <Select
          label="角色"
          data={ROLE_OPTIONS}
          allowDeselect={false}
          withAsterisk
          {...addForm.getInputProps('role')}
        />
        <NewPasswordFields form={addForm} />
      </FormModal>
      <FormModal
        opened={resetting}
        onClose={resetDialog.close}
        title={`重设 ${resetForm.getValues().name} 的密码`}
        form={resetForm}
        submitLabel="重设"
        size="md"
        onSubmit={async ({ id, name, password, password2 }) => {
          await call('operators.resetPassword', { id, password, password2 });
          done(`已重设 ${name} 的密码，请告知本人登录后自行修改`);
        }}
      >
        <NewPasswordFields form={resetForm} />
      </FormModal>
    </Paper>
  );
}

export function IdleLockSection({ info }: { info: AppInfo }) {
  const form = useForm<{ minutes: number | string }>({ initialValues: { minutes: info.idleMinutes } });
  const { minutes } = form.getValues();
  const client = useQueryClient();
  const save = useRpcMutation('settings.idleLock', {
    onSuccess: (after) => {
      client.setQueryData(rpcKey('app.info', {}), after);
      done('已保存');
    },
  });
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        自动锁定
      </Title>
      <Group align="end">
        <NumberInput label="无操作多少分钟后锁定" min={1} max={240} w={220} {...form.getInputProps('minutes')} />
        <Button
          disabled={Number(minutes) === info.idleMinutes}
          loading={save.isPending}
          onClick={() => save.mutate({ minutes: Number(minutes) })}
        >
          保存
        </Button>
      </Group>
      <Text c="dimmed" size="sm" mt="xs">
        锁定后需重新输入密码。电脑锁屏（Win+L）时程序也会同时锁定。
      </Text>
    </Paper>
  );
}
