// One study material: who received it and how, and who was invited to its meeting, did not come
// and has not had it yet (送学上门). A delivery taken home is also a visit on the person's file.
import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { DELIVERY_WAYS, type MaterialView } from '../../../src-main/contract/activities';
import { todayIso } from '../../../src-main/shared/dates';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { DataTable } from '../../kit/DataTable';
import { fieldErrors } from '../../kit/form';
import { FormDateField } from '../../kit/FormDateField';
import { Can } from '../../kit/operator';
import { rpcKey, useRpc, useRpcMutation } from '../../kit/rpc';
import { done, failed } from '../../notify';
import { navigate } from '../../route';
import { BranchDeliveries } from './BranchDeliveries';

type Way = (typeof DELIVERY_WAYS)[number];

interface DeliveryValues extends Record<string, unknown> {
  on: string | null;
  who: PickedPerson | null;
  how: Way;
}

export function MaterialDetail({ id }: { id: number }) {
  const client = useQueryClient();
  const material = useRpc('materials.get', { id });
  const form = useForm<DeliveryValues>({
    mode: 'controlled',
    initialValues: { on: todayIso(), who: null, how: '会上领取' },
  });
  const deliver = useRpcMutation('materials.deliver', {
    // 送学上门 writes a visit on each person's file.
    invalidates: ['materials.list', 'activities.ofPerson', 'visits.list', 'reminders.get', 'retirees.history'],
    onSuccess: (next, input) => {
      client.setQueryData(rpcKey('materials.get', { id }), next);
      done(
        input.how === '送学上门'
          ? `已记录送学上门 ${input.personIds.length} 人，并记入各人走访记录`
          : `已记录 ${input.personIds.length} 人领取`,
      );
    },
    onError: (e) => {
      // The date is the one field shared by every button here: its refusal is shown beside it.
      const errors = fieldErrors(e, ['on']);
      if (Object.keys(errors).length) form.setErrors(errors);
      else failed(e);
    },
  });
  const m = material.data;
  if (!m) return null;
  const on = form.getValues().on ?? '';
  const give = (personIds: number[], how: Way, then?: () => void) =>
    deliver.mutate({ id, personIds, how, on }, { onSuccess: then });
  const who = form.getValues().who;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2}>{m.title}</Title>
          <Text c="dimmed">
            {m.kind === '学习通报'
              ? `学习通报${m.docNo ? `　${m.docNo}` : ''}　${m.issuedOn} 印发`
              : `${m.issuedOn} 发放`}
            {m.activityTitle ? `，会议：${m.activityTitle}` : ''}，已领取 {m.received} 人
          </Text>
        </div>
        <Button variant="default" onClick={() => navigate('/activities/materials')}>
          返回
        </Button>
      </Group>
      {m.branches.length > 0 && <BranchDeliveries material={m} />}
      <Can method="materials.deliver" otherwise="不能登记领取和送学上门，只能查阅">
        <FormDateField form={form} path="on" label="领取/送达日期" w={220} />
      </Can>
      {m.toDeliver.length > 0 && (
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={4}>待送学上门（受邀未到会，{m.toDeliver.length} 人）</Title>
            <Can method="materials.deliver">
              <Button
                size="sm"
                loading={deliver.isPending}
                onClick={() =>
                  give(
                    m.toDeliver.map((p) => p.personId),
                    '送学上门',
                  )
                }
              >
                全部记录为已送学上门
              </Button>
            </Can>
          </Group>
          <DataTable<MaterialView['toDeliver'][number]>
            records={m.toDeliver}
            idAccessor="personId"
            noHeader
            columns={[
              { accessor: 'name', title: '姓名', width: 160 },
              { accessor: 'why', title: '原因' },
              {
                accessor: 'personId',
                title: '',
                width: 160,
                textAlign: 'right',
                render: (p) => (
                  <Can method="materials.deliver">
                    <Button
                      size="compact-md"
                      variant="light"
                      aria-label={`${p.name}已送学上门`}
                      onClick={(e) => {
                        e.stopPropagation();
                        give([p.personId], '送学上门');
                      }}
                    >
                      已送学上门
                    </Button>
                  </Can>
                ),
              },
            ]}
            onRowOpen={(p) => navigate(`/people/${p.personId}`)}
            rowLabel={(p) => `${p.name}，${p.why}，待送学上门`}
          />
        </Paper>
      )}
      <Paper withBorder p="md">
        <Can method="materials.deliver">
          <Group align="end" mb="sm">
            <PersonPicker label="登记领取人" value={who} onChange={(p) => form.setFieldValue('who', p)} />
            <Select
              label="方式"
              w={150}
              data={[...DELIVERY_WAYS]}
              allowDeselect={false}
              {...form.getInputProps('how')}
            />
            <Button
              disabled={!who}
              onClick={() => who && give([who.id], form.getValues().how, () => form.setFieldValue('who', null))}
            >
              登记
            </Button>
          </Group>
        </Can>
        <DataTable<MaterialView['deliveries'][number]>
          records={m.deliveries}
          idAccessor="personId"
          striped
          minHeight={m.deliveries.length ? undefined : 120}
          noRecordsText="还没有人领取"
          columns={[
            { accessor: 'name', title: '姓名' },
            { accessor: 'receivedOn', title: '日期' },
            { accessor: 'how', title: '方式' },
            { accessor: 'recordedBy', title: '登记人' },
          ]}
          onRowOpen={(d) => navigate(`/people/${d.personId}`)}
        />
      </Paper>
    </Stack>
  );
}
