// After a death is registered: the office's checklist (吊唁走访, 唁函, 丧葬补助金 …), each item
// done with its date, and an amount where money is paid.
import { Alert, Button, Group, Paper, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { DeathFile } from '../../../../src-main/contract/visits';
import { PAID_DEATH_TASKS, type DeathTask } from '../../../../src-main/shared/care';
import { todayIso } from '../../../../src-main/shared/dates';
import { formatYuan } from '../../../../src-main/shared/money';
import { FormModal } from '../../../kit/FormModal';
import { Can } from '../../../kit/operator';
import { useRpc, useRpcMutation } from '../../../kit/rpc';
import { FormDateField } from '../../../kit/FormDateField';
import { textField, validatedAs } from '../fields';
import { DeathBenefitsPanel } from './DeathBenefitsPanel';
import { SurvivorsPanel } from '../../visits/SurvivorsPanel';

export function DeathSection({ personId }: { personId: number }) {
  const data = useRpc('deaths.get', { personId }).data;
  return data?.death ? (
    <>
      <DeathPanel death={data.death} />
      <DeathBenefitsPanel personId={personId} diedOn={data.death.diedOn} benefits={data.benefits} />
      <SurvivorsPanel deceasedId={personId} deceasedName={data.death.name} survivors={data.survivors} />
    </>
  ) : null;
}

function DeathPanel({ death }: { death: DeathFile }) {
  const [doing, setDoing] = useState<DeathTask | null>(null);
  const done = death.tasks.filter((t) => t.doneOn).length;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>病故后续事项</Title>
        <Text c="dimmed" size="sm">
          {death.diedOn} 去世{death.reportedBy ? `，${death.reportedBy}报告` : ''}；{death.registeredBy} 于{' '}
          {death.registeredAt.slice(0, 10)} 登记
        </Text>
      </Group>
      {done === death.tasks.length && (
        <Alert color="teal" mb="sm">
          各项已办理完毕。
        </Alert>
      )}
      <Table verticalSpacing="xs" fz="md">
        <Table.Tbody>
          {death.tasks.map((t) => (
            <Table.Tr key={t.task}>
              <Table.Td w={140}>{t.task}</Table.Td>
              <Table.Td>
                {t.doneOn ? (
                  <Text>
                    已办理：{t.doneOn}，{t.doneBy}
                    {t.amountFen !== null ? `，${formatYuan(t.amountFen)} 元` : ''}
                    {t.note ? `（${t.note}）` : ''}
                  </Text>
                ) : (
                  <Can method="deaths.task" otherwise={<Text c="dimmed">未办理</Text>}>
                    <Button size="compact-md" variant="light" onClick={() => setDoing(t.task)}>
                      办理
                    </Button>
                  </Can>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {/* A fresh form for each item. */}
      <DeathTaskForm key={doing ?? ''} personId={death.personId} task={doing} onClose={() => setDoing(null)} />
    </Paper>
  );
}

function DeathTaskForm({ personId, task, onClose }: { personId: number; task: DeathTask | null; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      personId,
      task,
      doneOn: todayIso() as string | null,
      amount: null as string | null,
      note: null as string | null,
    },
    validate: validatedAs('deaths.task'),
  });
  // The checklist is the only thing an item done changes (and the file's history).
  const record = useRpcMutation('deaths.task', { invalidates: ['deaths.get', 'retirees.history'], onError: () => {} });
  const close = () => {
    form.reset();
    onClose();
  };
  return (
    <FormModal
      opened={task !== null}
      onClose={close}
      title={`办理：${task ?? ''}`}
      size="md"
      submitLabel="确认"
      form={form}
      onSubmit={(v) => record.mutateAsync(v as never)}
    >
      <FormDateField form={form} path="doneOn" label="办理日期" />
      {task && PAID_DEATH_TASKS.includes(task) && (
        <TextInput
          label="金额（元）"
          description="已在“丧葬抚恤”中核定的，可不填，按核定金额记"
          {...textField(form, 'amount')}
        />
      )}
      <TextInput label="备注" {...textField(form, 'note')} />
    </FormModal>
  );
}
