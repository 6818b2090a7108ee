// 访问记录 (PIPL Art. 51, issue 18 part 4): who opened which file, who exported or printed which list,
// who showed a masked field in full, as the main process wrote it after each call. Administrators
// only (the router refuses the rest); filtered by operator, person, dates and kind, read a page at a
// time, exported as it is filtered (and the export is itself a row). Nothing here deletes a row.
import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import { ACCESS_KIND_LABELS, type AccessEntry, type AccessFilter } from '../../../src-main/contract/accessLog';
import { download } from '../../files';
import { DataTable } from '../../kit/DataTable';
import { DateField } from '../../kit/DateField';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';

const PAGE_SIZE = 100;
const KINDS = Object.entries(ACCESS_KIND_LABELS).map(([value, label]) => ({ value, label }));

const NO_FILTER: AccessFilter = { operator: null, person: null, from: null, to: null, kind: null };

export function AccessLogTab() {
  // The filter and the page shown, as one form's values (a new filter starts again at page 1).
  const form = useForm<AccessFilter & { page: number }>({
    mode: 'controlled',
    initialValues: { ...NO_FILTER, page: 1 },
  });
  const { page, ...filter } = form.getValues();
  const setPage = (p: number) => form.setFieldValue('page', p);
  // A name is looked up once typing pauses, not at every keystroke.
  const [person] = useDebouncedValue(filter.person, 300);
  const query = { ...filter, person, page, pageSize: PAGE_SIZE };
  const list = useRpc('accessLog.list', query, { placeholderData: (previous) => previous });
  const operators = useRpc('operators.list', {});
  const exportLog = useRpcMutation('accessLog.export', {
    // The export is a row of the log itself.
    invalidates: ['accessLog.list'],
    onSuccess: (f) => {
      download(f.fileName, f.dataBase64);
      done(`已导出 ${f.count} 条访问记录`);
    },
  });
  const change = (patch: Partial<AccessFilter>) => form.setValues({ ...patch, page: 1 });
  return (
    <Stack gap="sm">
      <Text c="dimmed" size="sm">
        记录谁在何时查看了哪份档案、导出或打印了哪份名单（条数和筛选条件）、显示了哪项完整信息。访问记录至少保存三年，本程序不提供删除。
      </Text>
      <Group align="flex-end">
        <Select
          label="操作员"
          placeholder="全部"
          clearable
          w={160}
          data={(operators.data ?? []).map((o) => o.name)}
          value={filter.operator}
          onChange={(operator) => change({ operator })}
        />
        <TextInput
          label="人员姓名"
          placeholder="输入姓名中的字"
          w={160}
          value={filter.person ?? ''}
          onChange={(e) => change({ person: e.currentTarget.value || null })}
        />
        <DateField label="起始日期" w={170} value={filter.from} onChange={(from) => change({ from })} />
        <DateField label="截止日期" w={170} value={filter.to} onChange={(to) => change({ to })} />
        <Select
          label="类别"
          placeholder="全部"
          clearable
          w={150}
          data={KINDS}
          value={filter.kind}
          onChange={(kind) => change({ kind: kind as AccessFilter['kind'] })}
        />
        <Button
          variant="light"
          leftSection={<IconDownload size={18} />}
          loading={exportLog.isPending}
          disabled={!list.data?.total}
          onClick={() => exportLog.mutate({ ...filter, person })}
        >
          导出 Excel
        </Button>
      </Group>
      {list.error && <Text c="red">{list.error.message}</Text>}
      <DataTable<AccessEntry>
        records={list.data?.rows ?? []}
        fetching={list.isFetching}
        minHeight={list.data?.rows.length ? undefined : 150}
        noRecordsText="没有符合条件的访问记录"
        striped
        totalRecords={list.data?.total ?? 0}
        recordsPerPage={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
        rowLabel={(r) => `${r.at.replace('T', ' ')}，${r.operator}，${r.what}`}
        columns={[
          { accessor: 'at', title: '时间', width: 180, render: (r) => r.at.replace('T', ' ') },
          { accessor: 'operator', title: '操作员', width: 110 },
          { accessor: 'kindLabel', title: '类别', width: 110 },
          { accessor: 'what', title: '内容', width: 240 },
          { accessor: 'personName', title: '人员', width: 100, render: (r) => r.personName ?? '' },
          { accessor: 'rows', title: '条数', width: 80, textAlign: 'right', render: (r) => r.rows ?? '' },
          {
            accessor: 'filter',
            title: '范围',
            render: (r) => (
              <Text size="sm" c="dimmed" lineClamp={2} title={r.filter ?? undefined}>
                {r.filter ?? ''}
              </Text>
            ),
          },
        ]}
      />
    </Stack>
  );
}
