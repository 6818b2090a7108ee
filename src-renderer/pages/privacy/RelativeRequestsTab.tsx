// 近亲属查阅、复制 (Art. 49): a close relative of a deceased retiree asks to see or copy the file for a
// lawful, legitimate interest of their own. The request is recorded, answered once (a reason where
// it is not given in full), and a copy is the file exported as a workbook; each step is in the
// deceased's history.
import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import {
  ANSWERS,
  RELATIONS,
  RelativeAnswerInput,
  RelativeRequestInput,
  type RelativeRequestView,
  WANTS,
} from '../../../src-main/contract/privacy';
import { formatChineseDate, todayIso } from '../../../src-main/shared/dates';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { download } from '../../files';
import { DataTable } from '../../kit/DataTable';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';

const INVALIDATES = ['privacy.relativeRequests', 'retirees.history'] as const;

export function RelativeRequestsTab() {
  const list = useRpc('privacy.relativeRequests', {});
  const [adding, add] = useDisclosure(false);
  const [answering, answer] = useDisclosure(false);
  const answerForm = useForm<AnswerValues>({
    mode: 'controlled',
    initialValues: { id: 0, who: '', answeredOn: todayIso(), answer: '已提供', note: '' },
    validate: zod4Resolver(RelativeAnswerInput.omit({ id: true }) as never),
  });
  const exportFile = useRpcMutation('privacy.relativeExport', {
    invalidates: ['retirees.history'],
    onSuccess: (f) => download(f.fileName, f.dataBase64),
  });
  const openAnswer = (r: RelativeRequestView) => {
    answerForm.setValues({ id: r.id, who: `${r.requester}（${r.relation}）申请${r.wants}${r.personName}的档案` });
    answer.open();
  };
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          仅限已故人员：近亲属（配偶、子女、父母、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女）为自身合法、正当利益，可查阅、复制逝者的档案信息。
        </Text>
        <Can method="privacy.addRelativeRequest">
          <Button leftSection={<IconPlus size={18} />} onClick={add.open}>
            登记申请
          </Button>
        </Can>
      </Group>
      <DataTable<RelativeRequestView>
        records={list.data ?? []}
        fetching={list.isPending}
        minHeight={list.data?.length ? undefined : 150}
        noRecordsText="还没有近亲属查阅申请"
        striped
        columns={[
          { accessor: 'requestedOn', title: '申请日期', width: 140, render: (r) => formatChineseDate(r.requestedOn) },
          { accessor: 'personName', title: '逝者', width: 100 },
          { accessor: 'requester', title: '申请人', render: (r) => `${r.requester}（${r.relation}）` },
          { accessor: 'wants', title: '事项', width: 70 },
          { accessor: 'purpose', title: '用途' },
          {
            accessor: 'answer',
            title: '答复',
            width: 200,
            render: (r) =>
              r.answer ? `${r.answer}（${formatChineseDate(r.answeredOn)}，${r.answeredBy ?? ''}）` : '待答复',
          },
          {
            accessor: 'actions',
            title: '',
            width: 130,
            render: (r) =>
              !r.answer ? (
                <Can method="privacy.answerRelativeRequest">
                  <Button size="xs" variant="light" onClick={() => openAnswer(r)}>
                    答复
                  </Button>
                </Can>
              ) : r.answer !== '不予提供' ? (
                <Can method="privacy.relativeExport">
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconDownload size={14} />}
                    loading={exportFile.isPending && exportFile.variables?.id === r.id}
                    onClick={() => exportFile.mutate({ id: r.id })}
                  >
                    导出档案
                  </Button>
                </Can>
              ) : null,
          },
        ]}
        rowLabel={(r) => `${r.personName}，${r.requester}（${r.relation}）申请${r.wants}，${r.answer ?? '待答复'}`}
      />
      <NewRequestModal opened={adding} onClose={add.close} />
      <AnswerModal opened={answering} onClose={answer.close} form={answerForm} />
    </Stack>
  );
}

interface RequestValues extends Record<string, unknown> {
  person: PickedPerson | null;
  requester: string;
  relation: string | null;
  requesterIdNumber: string;
  phone: string;
  requestedOn: string | null;
  wants: string;
  purpose: string;
}

function NewRequestModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useForm<RequestValues>({
    mode: 'controlled',
    initialValues: {
      person: null,
      requester: '',
      relation: null,
      requesterIdNumber: '',
      phone: '',
      requestedOn: todayIso(),
      wants: '查阅',
      purpose: '',
    },
    validate: (v) => {
      const errors = zod4Resolver(RelativeRequestInput.omit({ personId: true }) as never)(v);
      return v.person ? errors : { ...errors, person: '请选择已故人员' };
    },
  });
  const create = useRpcMutation('privacy.addRelativeRequest', {
    invalidates: [...INVALIDATES],
    onError: () => {},
    onSuccess: (r) => done(`已登记${r.requester}（${r.relation}）的申请`),
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="登记近亲属查阅、复制申请"
      size="lg"
      form={form}
      submitLabel="登记"
      onSubmit={(v) =>
        create.mutateAsync({
          personId: v.person?.id ?? 0,
          requester: v.requester,
          relation: v.relation as (typeof RELATIONS)[number],
          requesterIdNumber: v.requesterIdNumber,
          phone: v.phone,
          requestedOn: v.requestedOn ?? '',
          wants: v.wants as (typeof WANTS)[number],
          purpose: v.purpose,
        })
      }
    >
      <PersonPicker
        label="已故人员"
        value={form.getValues().person}
        onChange={(p) => form.setFieldValue('person', p)}
        error={(form.errors.person ?? form.errors.personId) as string | undefined}
      />
      <SimpleGrid cols={2}>
        <TextInput label="申请人姓名" {...form.getInputProps('requester')} />
        <Select label="与逝者关系" data={[...RELATIONS]} {...form.getInputProps('relation')} />
        <TextInput label="申请人身份证号" {...form.getInputProps('requesterIdNumber')} />
        <TextInput label="联系电话" {...form.getInputProps('phone')} />
        <FormDateField form={form} path="requestedOn" label="申请日期" />
        <Select label="申请事项" data={[...WANTS]} allowDeselect={false} {...form.getInputProps('wants')} />
      </SimpleGrid>
      <Textarea
        label="申请用途"
        placeholder="如：办理遗产继承、抚恤待遇"
        autosize
        minRows={2}
        {...form.getInputProps('purpose')}
      />
    </FormModal>
  );
}

interface AnswerValues extends Record<string, unknown> {
  id: number;
  who: string;
  answeredOn: string | null;
  answer: string;
  note: string;
}

function AnswerModal({
  opened,
  onClose,
  form,
}: {
  opened: boolean;
  onClose: () => void;
  form: UseFormReturnType<AnswerValues>;
}) {
  const answer = useRpcMutation('privacy.answerRelativeRequest', {
    invalidates: [...INVALIDATES],
    onError: () => {},
    onSuccess: (r) => done(`已答复：${r.answer}`),
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="答复近亲属申请"
      size="md"
      form={form}
      submitLabel="答复"
      onSubmit={(v) =>
        answer.mutateAsync({
          id: v.id,
          answeredOn: v.answeredOn ?? '',
          answer: v.answer as (typeof ANSWERS)[number],
          note: v.note,
        })
      }
    >
      <Text>{form.getValues().who}</Text>
      <FormDateField form={form} path="answeredOn" label="答复日期" />
      <Select label="答复结果" data={[...ANSWERS]} allowDeselect={false} {...form.getInputProps('answer')} />
      <Textarea
        label="说明"
        description="部分提供或不予提供时写明理由"
        autosize
        minRows={2}
        {...form.getInputProps('note')}
      />
    </FormModal>
  );
}
