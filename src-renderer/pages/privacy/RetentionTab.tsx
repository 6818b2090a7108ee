// 已故人员档案保存期限复核: the files of the deceased come up for review the years the office sets
// after the death, and again as many years after each review. A review records a decision; nothing
// is deleted here.
import { Button, Group, NumberInput, Select, Stack, Text, Textarea } from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { RETENTION_DECISIONS, RetentionReviewInput, type RetentionDue } from '../../../src-main/contract/privacy';
import { formatChineseDate, todayIso } from '../../../src-main/shared/dates';
import { DataTable } from '../../kit/DataTable';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { navigate } from '../../route';

export function RetentionTab() {
  const list = useRpc('privacy.retention', {});
  const years = useForm<{ years: number | string }>({ mode: 'controlled', initialValues: { years: '' } });
  const saveYears = useRpcMutation('privacy.setRetentionYears', {
    invalidates: ['privacy.retention'],
    onSuccess: (l) => {
      years.setValues({ years: '' });
      done(`已改为去世后满 ${l.years} 年复核`);
    },
    onError: (e) => years.setFieldError('years', e.message),
  });
  const [reviewing, review] = useDisclosure(false);
  const reviewForm = useForm<ReviewValues>({
    mode: 'controlled',
    initialValues: { personId: 0, name: '', reviewedOn: todayIso(), decision: '继续保存', note: '' },
    validate: zod4Resolver(RetentionReviewInput.omit({ personId: true }) as never),
  });
  const shownYears = years.getValues().years === '' ? (list.data?.years ?? '') : years.getValues().years;
  return (
    <Stack gap="sm">
      <Group align="flex-end">
        <NumberInput
          label="去世后满几年复核档案"
          min={1}
          max={100}
          w={220}
          value={shownYears}
          error={years.errors.years}
          onChange={(v) => years.setFieldValue('years', v)}
        />
        <Button
          variant="light"
          disabled={years.getValues().years === '' || Number(years.getValues().years) === list.data?.years}
          loading={saveYears.isPending}
          onClick={() => saveYears.mutate({ years: Number(years.getValues().years) })}
        >
          保存年限
        </Button>
        <Text c="dimmed" size="sm" maw={520}>
          到期的档案列在下面，由专人复核后记录结论（继续保存或移交档案室）。本程序不删除任何档案。
        </Text>
      </Group>
      <DataTable<RetentionDue>
        records={list.data?.due ?? []}
        idAccessor="personId"
        fetching={list.isPending}
        minHeight={list.data?.due.length ? undefined : 150}
        noRecordsText="没有到期需要复核的档案"
        striped
        columns={[
          { accessor: 'name', title: '姓名', width: 120 },
          { accessor: 'diedOn', title: '去世日期', width: 150, render: (d) => formatChineseDate(d.diedOn) },
          { accessor: 'dueOn', title: '应复核日期', width: 150, render: (d) => formatChineseDate(d.dueOn) },
          {
            accessor: 'lastReview',
            title: '上次复核',
            render: (d) =>
              d.lastReview
                ? `${formatChineseDate(d.lastReview.reviewedOn)} ${d.lastReview.decision}（${d.lastReview.reviewedBy}）`
                : '—',
          },
          {
            accessor: 'actions',
            title: '',
            width: 100,
            render: (d) => (
              <Button
                size="xs"
                variant="light"
                onClick={(e) => {
                  // The row itself opens the file.
                  e.stopPropagation();
                  reviewForm.setValues({ personId: d.personId, name: d.name });
                  review.open();
                }}
              >
                复核
              </Button>
            ),
          },
        ]}
        onRowOpen={(d) => navigate(`/people/${d.personId}`)}
        rowLabel={(d) => `${d.name}，${formatChineseDate(d.diedOn)}去世，应于${formatChineseDate(d.dueOn)}复核`}
      />
      <ReviewModal opened={reviewing} onClose={review.close} form={reviewForm} />
    </Stack>
  );
}

interface ReviewValues extends Record<string, unknown> {
  personId: number;
  name: string;
  reviewedOn: string | null;
  decision: string;
  note: string;
}

function ReviewModal({
  opened,
  onClose,
  form,
}: {
  opened: boolean;
  onClose: () => void;
  form: UseFormReturnType<ReviewValues>;
}) {
  const save = useRpcMutation('privacy.reviewRetention', {
    invalidates: ['privacy.retention', 'retirees.history'],
    onError: () => {},
    onSuccess: () => done('已记录复核结论'),
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`复核${form.getValues().name}的档案`}
      size="md"
      form={form}
      submitLabel="记录"
      onSubmit={(v) =>
        save.mutateAsync({
          personId: v.personId,
          reviewedOn: v.reviewedOn ?? '',
          decision: v.decision as (typeof RETENTION_DECISIONS)[number],
          note: v.note,
        })
      }
    >
      <FormDateField form={form} path="reviewedOn" label="复核日期" />
      <Select
        label="复核结论"
        data={[...RETENTION_DECISIONS]}
        allowDeselect={false}
        {...form.getInputProps('decision')}
      />
      <Textarea label="说明" autosize minRows={2} {...form.getInputProps('note')} />
    </FormModal>
  );
}
