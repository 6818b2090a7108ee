// A festival batch for the people the list shows: one visit each with the same gift (only people
// on the roll are included, whatever the filter). Choosing a festival dates the batch by it (春节 and
// 重阳 by the lunar calendar, worked out in the main process) and names it as the office would.
import { Button, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconGift } from '@tabler/icons-react';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { contract, type InputOf } from '../../../src-main/contract';
import { VISIT_KINDS } from '../../../src-main/shared/care';
import { formatChineseDate, todayIso } from '../../../src-main/shared/dates';
import { FormModal } from '../../kit/FormModal';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';
import { FormDateField } from '../../kit/FormDateField';
import { textField } from './fields';

// The form holds everything but the list's query, which the button adds.
const BatchInput = contract['visits.createBatch'].input.omit({ query: true });

/**
 * `count`: how many the list keeps, as it says it (1,234, or 1,000+ for a search). A batch of
 * survivors alone (遗属慰问) has no query and the survivors' ids.
 */
export function VisitBatchButton({
  query,
  count,
  survivorIds = [],
}: {
  query: InputOf<'retirees.list'> | null;
  count: string;
  survivorIds?: number[];
}) {
  const [open, dialog] = useDisclosure(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: '',
      kind: '节日慰问' as string,
      date: todayIso() as string | null,
      money: null as string | null,
      items: null as string | null,
      visitors: null as string | null,
    },
    validate: zod4Resolver(BatchInput as never),
  });
  const create = useRpcMutation('visits.createBatch', {
    invalidates: ['visits.batches', 'visits.list', 'reminders.get'],
    onSuccess: (batch) => navigate(`/visits/${batch.id}`),
    onError: () => {},
  });
  const festivals = useRpc('visits.festivals', {}, { enabled: open });
  // The festival chosen is the one the batch is still named after: renaming the batch unpicks it.
  const festival = festivals.data?.find((f) => f.batchName === form.values.name)?.name ?? null;
  const pickFestival = (name: string | null) => {
    const f = festivals.data?.find((x) => x.name === name);
    if (f) form.setValues({ name: f.batchName, kind: '节日慰问', date: f.on });
    else if (festival) form.setValues({ name: '' });
  };
  const close = () => {
    form.reset();
    dialog.close();
  };
  return (
    <>
      <Button variant="default" leftSection={<IconGift size={18} />} onClick={dialog.open} disabled={count === '0'}>
        建立慰问批次
      </Button>
      <FormModal
        opened={open}
        onClose={close}
        title={query ? '为当前筛选的人员建立慰问批次' : '为遗属建立慰问批次'}
        submitLabel="建立"
        form={form}
        onSubmit={(v) =>
          create.mutateAsync({
            ...(v as never as Omit<InputOf<'visits.createBatch'>, 'query'>),
            query: query && { ...query, page: 1 },
            survivorIds,
          })
        }
      >
        <Text size="sm">
          {query
            ? `按当前筛选条件，为其中的在册人员（共 ${count} 人中的在册者）各记一次慰问，慰问品相同；之后可打印慰问信和慰问品签领表。`
            : `为领取补助的 ${count} 位遗属各记一次慰问，慰问品相同；之后可打印慰问信和慰问品签领表。`}
        </Text>
        <Select
          label="节日"
          placeholder="按节日定日期和名称（可不选）"
          clearable
          value={festival}
          onChange={pickFestival}
          data={(festivals.data ?? []).map((f) => ({
            value: f.name,
            label: `${f.name}　${formatChineseDate(f.on)}${f.lunar ? `（${f.lunar}）` : ''}`,
          }))}
        />
        <SimpleGrid cols={2}>
          <TextInput label="批次名称" placeholder="如 2027年春节慰问" {...form.getInputProps('name')} />
          <Select label="类别" data={[...VISIT_KINDS]} allowDeselect={false} {...form.getInputProps('kind')} />
          <FormDateField form={form} path="date" label="慰问日期" />
          <TextInput label="慰问金（元）" {...textField(form, 'money')} />
          <TextInput label="慰问品" {...textField(form, 'items')} />
          <TextInput label="走访人" {...textField(form, 'visitors')} />
        </SimpleGrid>
      </FormModal>
    </>
  );
}
