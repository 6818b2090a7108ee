// A 学习通报's delivery list: each party branch it goes to, when it arrived and who there received it,
// how many of the branch's members have it and who not yet; the branches not reached; printed.
import { Alert, Button, Group, Paper, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPrinter } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { BranchDelivery, MaterialView } from '../../../src-main/contract/activities';
import { todayIso } from '../../../src-main/shared/dates';
import { DataTable } from '../../kit/DataTable';
import { fieldErrors } from '../../kit/form';
import { FormDateField } from '../../kit/FormDateField';
import { Can } from '../../kit/operator';
import { rpcKey, useRpcMutation } from '../../kit/rpc';
import { done, failed } from '../../notify';
import { navigate } from '../../route';

interface SendValues extends Record<string, unknown> {
  on: string | null;
  receivedBy: string;
}

export function BranchDeliveries({ material: m }: { material: MaterialView }) {
  const client = useQueryClient();
  const form = useForm<SendValues>({ mode: 'controlled', initialValues: { on: todayIso(), receivedBy: '' } });
  const send = useRpcMutation('materials.sendToBranches', {
    invalidates: ['materials.list'],
    onSuccess: (next, input) => {
      client.setQueryData(rpcKey('materials.get', { id: m.id }), next);
      done(`已记录送达 ${input.branchIds.length} 个党支部`);
    },
    onError: (e) => {
      const errors = fieldErrors(e, ['on', 'receivedBy']);
      if (Object.keys(errors).length) form.setErrors(errors);
      else failed(e);
    },
  });
  const deliver = (branchIds: number[]) =>
    send.mutate({ id: m.id, branchIds, on: form.getValues().on ?? '', receivedBy: form.getValues().receivedBy });
  const reached = m.branches.length - m.unreached.length;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={4}>
          送达党支部（下发 {m.branches.length} 个，已送达 {reached} 个）
        </Title>
        <Button
          variant="light"
          leftSection={<IconPrinter size={18} />}
          onClick={() => navigate('/print/study-branches', { material: String(m.id) })}
        >
          打印送达登记表
        </Button>
      </Group>
      {m.unreached.length > 0 && (
        <Alert color="orange" mb="sm" title={`尚未送达的支部（${m.unreached.length} 个）`}>
          {m.unreached.map((b) => b.branch).join('、')}
        </Alert>
      )}
      <Can method="materials.sendToBranches">
        <Group align="end" mb="sm">
          <FormDateField form={form} path="on" label="送达日期" w={200} />
          <TextInput label="支部接收人" w={180} {...form.getInputProps('receivedBy')} />
          <Button
            variant="default"
            disabled={m.unreached.length === 0}
            loading={send.isPending}
            onClick={() => deliver(m.unreached.map((b) => b.branchId))}
          >
            其余支部全部送达
          </Button>
        </Group>
      </Can>
      <DataTable<BranchDelivery>
        records={m.branches}
        idAccessor="branchId"
        striped
        columns={[
          { accessor: 'branch', title: '党支部', width: 180 },
          { accessor: 'sentOn', title: '送达日期', width: 120, render: (b) => b.sentOn ?? '未送达' },
          { accessor: 'receivedBy', title: '接收人', width: 100, render: (b) => b.receivedBy ?? '' },
          {
            accessor: 'received',
            title: '已学习',
            width: 110,
            render: (b) => `${b.received} / ${b.members.length} 人`,
          },
          {
            accessor: 'members',
            title: '尚未学习',
            render: (b) => (
              <Text size="sm">
                {b.members
                  .filter((p) => !p.receivedOn)
                  .map((p) => p.name)
                  .join('、')}
              </Text>
            ),
          },
          {
            accessor: 'recordedBy',
            title: '',
            width: 120,
            textAlign: 'right',
            render: (b) =>
              b.sentOn ? null : (
                <Can method="materials.sendToBranches">
                  <Button
                    size="compact-md"
                    variant="light"
                    aria-label={`${b.branch}已送达`}
                    onClick={(e) => {
                      e.stopPropagation();
                      deliver([b.branchId]);
                    }}
                  >
                    已送达
                  </Button>
                </Can>
              ),
          },
        ]}
        rowLabel={(b) => `${b.branch}，${b.sentOn ? `${b.sentOn}送达，${b.receivedBy}接收` : '未送达'}`}
      />
    </Paper>
  );
}
