// 养老金领取资格认证: one a year, recorded here or with a visit.
import { Button, Group, Paper, Select, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { CERTIFICATION_METHODS } from '../../../../src-main/shared/care';
import { todayIso } from '../../../../src-main/shared/dates';
import { FormModal } from '../../../kit/FormModal';
import { Can } from '../../../kit/operator';
import { useRpc, useRpcMutation } from '../../../kit/rpc';
import { FormDateField } from '../../../kit/FormDateField';
import { validatedAs } from '../fields';

export function CertificationsSection({ personId, canRecord }: { personId: number; canRecord: boolean }) {
  const certs = useRpc('certifications.list', { personId });
  const [recording, dialog] = useDisclosure(false);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={5}>养老金领取资格认证</Title>
        {canRecord && (
          <Can method="certifications.create">
            <Button size="compact-md" variant="light" onClick={dialog.open}>
              记录认证
            </Button>
          </Can>
        )}
      </Group>
      {certs.data?.length === 0 ? (
        <Text size="sm" c="dimmed">
          尚无认证记录。
        </Text>
      ) : (
        certs.data?.map((c) => (
          <Text key={c.id} size="sm">
            {c.year} 年度：{c.certifiedOn}，{c.method}（{c.createdBy}）
          </Text>
        ))
      )}
      <CertificationForm opened={recording} personId={personId} onClose={dialog.close} />
    </Paper>
  );
}

function CertificationForm({ opened, personId, onClose }: { opened: boolean; personId: number; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      personId,
      certifiedOn: todayIso() as string | null,
      method: null as string | null,
      note: null as string | null,
    },
    validate: validatedAs('certifications.create'),
  });
  // This person's list, and the office's lists of who is still due this year.
  const create = useRpcMutation('certifications.create', {
    invalidates: ['certifications.list', 'certifications.lists'],
    onError: () => {},
  });
  const close = () => {
    form.reset();
    onClose();
  };
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title="记录资格认证"
      size="md"
      form={form}
      onSubmit={(v) => create.mutateAsync(v as never)}
    >
      <FormDateField form={form} path="certifiedOn" label="认证日期" />
      <Select label="认证方式" data={[...CERTIFICATION_METHODS]} {...form.getInputProps('method')} />
    </FormModal>
  );
}
