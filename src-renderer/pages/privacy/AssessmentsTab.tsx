// 个人信息保护影响评估 (Art. 55–56): dated records under the law's three headings, kept at least three
// years; added here, printed to sign and file, never edited or deleted.
import { Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { AssessmentInput, type AssessmentView } from '../../../src-main/contract/privacy';
import { formatChineseDate, todayIso } from '../../../src-main/shared/dates';
import { DataTable } from '../../kit/DataTable';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { navigate } from '../../route';

export function AssessmentsTab() {
  const list = useRpc('privacy.assessments', {});
  const [adding, add] = useDisclosure(false);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          处理敏感个人信息、向他人提供个人信息等情形，应事前评估并记录；评估记录至少保存三年。点一行可打印。
        </Text>
        <Can method="privacy.addAssessment">
          <Button leftSection={<IconPlus size={18} />} onClick={add.open}>
            新增评估
          </Button>
        </Can>
      </Group>
      <DataTable<AssessmentView>
        records={list.data ?? []}
        fetching={list.isPending}
        minHeight={list.data?.length ? undefined : 150}
        noRecordsText="还没有影响评估记录"
        striped
        columns={[
          { accessor: 'assessedOn', title: '评估日期', width: 150, render: (a) => formatChineseDate(a.assessedOn) },
          { accessor: 'subject', title: '评估事项' },
          { accessor: 'conclusion', title: '结论' },
          { accessor: 'assessors', title: '评估人员', width: 160 },
          { accessor: 'keepUntil', title: '至少保存至', width: 150, render: (a) => formatChineseDate(a.keepUntil) },
        ]}
        onRowOpen={(a) => navigate('/print/privacy-assessment', { id: String(a.id) })}
        rowLabel={(a) => `${formatChineseDate(a.assessedOn)} ${a.subject}`}
      />
      <NewAssessmentModal opened={adding} onClose={add.close} />
    </Stack>
  );
}

interface AssessmentValues extends Record<string, unknown> {
  assessedOn: string | null;
  subject: string;
  purpose: string;
  impact: string;
  measures: string;
  conclusion: string;
  assessors: string;
}

function NewAssessmentModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useForm<AssessmentValues>({
    mode: 'controlled',
    initialValues: {
      assessedOn: todayIso(),
      subject: '',
      purpose: '',
      impact: '',
      measures: '',
      conclusion: '',
      assessors: '',
    },
    validate: zod4Resolver(AssessmentInput as never),
  });
  const create = useRpcMutation('privacy.addAssessment', {
    invalidates: ['privacy.assessments'],
    onError: () => {},
    onSuccess: (a) => done(`已记录“${a.subject}”的影响评估，至少保存至${formatChineseDate(a.keepUntil)}`),
  });
  const area = (path: 'purpose' | 'impact' | 'measures' | 'conclusion', label: string) => (
    <Textarea label={label} autosize minRows={3} maxRows={10} {...form.getInputProps(path)} />
  );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="个人信息保护影响评估"
      size="xl"
      form={form}
      submitLabel="记录"
      onSubmit={(v) => create.mutateAsync({ ...v, assessedOn: v.assessedOn ?? '' })}
    >
      <Group grow align="flex-start">
        <FormDateField form={form} path="assessedOn" label="评估日期" />
        <TextInput
          label="评估事项"
          placeholder="如：药费报销数据处理"
          data-autofocus
          {...form.getInputProps('subject')}
        />
      </Group>
      {area('purpose', '一、个人信息的处理目的、处理方式等是否合法、正当、必要')}
      {area('impact', '二、对个人权益的影响及安全风险')}
      {area('measures', '三、所采取的保护措施是否合法、有效并与风险程度相适应')}
      {area('conclusion', '四、评估结论')}
      <TextInput label="评估人员" {...form.getInputProps('assessors')} />
    </FormModal>
  );
}
