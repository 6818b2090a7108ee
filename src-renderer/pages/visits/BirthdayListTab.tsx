// 生日名单: the birthdays of a year, or of one month of it, each on its Gregorian day (a lunar
// birthday converted for that year: it may fall in the next January, or twice in one year), with the
// age it brings by the office's reckoning; 整寿 only unless asked. A row opens the file; the list's
// birthday letters print in one go. Year, month and the choice are in the address.
import { Alert, Button, Checkbox, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import type { BirthdayListRow } from '../../../src-main/contract/visits';
import { formatChineseDate } from '../../../src-main/shared/dates';
import { DataTable } from '../../kit/DataTable';
import { useRpc } from '../../kit/rpc';
import { navigate } from '../../route';

const MONTHS = [
  { value: '', label: '全年' },
  ...Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: `${i + 1}月` })),
];

export function BirthdayListTab({ params }: { params: URLSearchParams }) {
  const year = Number(params.get('year') ?? new Date().getFullYear() + 1);
  const month = params.get('month') ? Number(params.get('month')) : null;
  const all = params.get('all') === '1';
  const valid = Number.isInteger(year) && year >= 1900 && year <= 2200;
  const list = useRpc('reminders.birthdayList', valid ? { year, month, milestonesOnly: !all } : null);
  const go = (change: Record<string, string | null>) => {
    const next: Record<string, string> = { tab: 'birthdays', year: String(year) };
    if (month !== null) next.month = String(month);
    if (all) next.all = '1';
    for (const [k, v] of Object.entries(change)) {
      if (v === null || v === '') delete next[k];
      else next[k] = v;
    }
    navigate('/visits', next);
  };
  const rows = list.data?.rows ?? [];
  const reckoning = list.data?.reckoning ?? '周岁';
  const people = [...new Set(rows.map((r) => String(r.personId)))];
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <NumberInput
          label="年度"
          value={year}
          min={1900}
          max={2200}
          w={120}
          allowDecimal={false}
          onChange={(v) => go({ year: String(v) })}
        />
        <Select
          label="月份"
          data={MONTHS}
          value={month === null ? '' : String(month)}
          allowDeselect={false}
          w={120}
          onChange={(m) => go({ month: m })}
        />
        <Checkbox
          mb={8}
          label="列出全部生日（不只整寿）"
          checked={all}
          onChange={(e) => go({ all: e.currentTarget.checked ? '1' : null })}
        />
        {people.length > 0 && (
          <Button
            variant="light"
            leftSection={<IconPrinter size={18} />}
            onClick={() => navigate('/print/letters', { kind: 'birthday', people: people.join(',') })}
          >
            打印生日贺信（{people.length} 封）
          </Button>
        )}
      </Group>
      <Text c="dimmed">
        按农历过生日的，按当年的公历日期列出（腊月的生日可能在次年一月，一年中也可能出现两次或没有）。年龄按{reckoning}
        计算，可在“系统设置 › 提醒规则”中改为{reckoning === '虚岁' ? '周岁' : '虚岁'}。
      </Text>
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      <DataTable<BirthdayListRow>
        records={rows}
        fetching={list.isFetching}
        minHeight={rows.length ? undefined : 120}
        noRecordsText={all ? '这段时间没有人过生日' : '这段时间没有整寿生日'}
        striped
        idAccessor={(r) => `${r.personId}-${r.on}`}
        onRowOpen={(r) => navigate(`/people/${r.personId}`)}
        rowLabel={(r) => `${r.name}，${formatChineseDate(r.on)}，${r.turning} 岁`}
        columns={[
          { accessor: 'on', title: '生日', width: 170, render: (r) => formatChineseDate(r.on) },
          { accessor: 'lunar', title: '农历', width: 150, render: (r) => r.lunar ?? '' },
          { accessor: 'name', title: '姓名' },
          { accessor: 'category', title: '类别', width: 90 },
          {
            accessor: 'turning',
            title: `年龄（${reckoning}）`,
            width: 140,
            render: (r) => `${r.turning} 岁${r.milestone ? '（整寿）' : ''}`,
          },
          { accessor: 'birthDate', title: '出生日期', width: 150, render: (r) => formatChineseDate(r.birthDate) },
        ]}
      />
    </Stack>
  );
}
