// 统计图表: the roll as of a date (default 31 December of last year) and the year's work (药费, 走访,
// 信访), each figure a chart whose bars open the people they count (statistics.people and
// statistics.activityPeople: the same rule as the count, in the main process), and whose table is
// exported (.xlsx) and printed. The date is what the yearly tables are made for; any past date may
// be chosen.
import { Alert, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, Title, Card } from '@mantine/core';
import type { DataTableColumn } from 'mantine-datatable';
import type { ReactNode } from 'react';
import {
  ACTIVITY_CHARTS,
  FIGURES,
  figureTitle,
  rollCharts,
  type ActivityChart,
  type ActivityPerson,
  type ChartKey,
  type ChartTable,
  type FigureKey,
  type FigurePerson,
} from '../../../src-main/contract/statistics';
import { formatChineseDate, isValidIsoDate, lastYearEnd } from '../../../src-main/shared/dates';
import { formatYuan } from '../../../src-main/shared/money';
import { ChartCard } from '../../kit/ChartCard';
import { DataTable } from '../../kit/DataTable';
import { DateField } from '../../kit/DateField';
import { useCan } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { download } from '../../files';
import { navigate } from '../../route';

/** The page's sections, and the charts of the year's work each shows. */
const SECTIONS = { roll: '人员', claims: '药费', visits: '走访', petitions: '信访' } as const;
type Section = keyof typeof SECTIONS;
const SECTION_CHARTS: Record<Exclude<Section, 'roll'>, ActivityChart[]> = {
  claims: ['claimsByMonth', 'claimsByCategory'],
  visits: ['visitsByKind', 'visitsByMonth'],
  petitions: ['petitionsByState'],
};

/** Figures whose labels are long or many: bars lie down, the labels one under another. */
const LONG_LABELS = new Set<ChartKey>(['ageBands', 'units', 'visitsByKind']);

/**
 * The section, the date, the year and the bar chosen live in the address
 * (#/statistics?asOf=2025-12-31&figure=onRoll&key=离休, #/statistics?section=claims&year=2025&figure=claimsByMonth&key=3月),
 * as the people list's filters do: a reload, the back button and a link keep them.
 */
export function ChartsTab({ params }: { params: URLSearchParams }) {
  const asked = params.get('section');
  const section: Section = asked && asked in SECTIONS ? (asked as Section) : 'roll';
  const asOf = params.get('asOf') ?? lastYearEnd();
  const valid = isValidIsoDate(asOf);
  const year = Number(params.get('year')) || Number(lastYearEnd().slice(0, 4));
  const figure = params.get('figure') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const show = (next: Record<string, string | undefined>) =>
    navigate('/statistics', {
      section: section === 'roll' ? undefined : section,
      asOf: params.get('asOf') ?? undefined,
      year: params.get('year') ?? undefined,
      figure: figure || undefined,
      key: params.get('key') ?? undefined,
      ...next,
    });
  const open = (chart: ChartKey) => (key: string) => show({ figure: chart, key, page: undefined });

  // Every chart's table leaves the same way: exported through the main process, printed on its page.
  const mayExport = useCan('statistics.chartExport');
  const exportTable = useRpcMutation('statistics.chartExport', {
    onSuccess: (f) => download(f.fileName, f.dataBase64),
  });
  const card = (t: ChartTable) => (
    <ChartCard
      key={t.chart}
      table={t}
      onBar={open(t.chart)}
      horizontal={LONG_LABELS.has(t.chart)}
      maxBars={t.chart === 'units' ? 12 : undefined}
      onExport={mayExport ? () => exportTable.mutate({ chart: t.chart, asOf, year }) : undefined}
      exporting={exportTable.isPending && exportTable.variables?.chart === t.chart}
      onPrint={() => navigate('/print/chart', { chart: t.chart, asOf, year: String(year) })}
    />
  );

  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label="统计内容"
        w="fit-content"
        data={Object.entries(SECTIONS).map(([value, label]) => ({ value, label }))}
        value={section}
        onChange={(s) =>
          show({ section: s === 'roll' ? undefined : s, figure: undefined, key: undefined, page: undefined })
        }
      />
      {section === 'roll' ? (
        <Roll
          asOf={asOf}
          valid={valid}
          card={card}
          onDate={(v) => show({ asOf: v, figure: undefined, key: undefined })}
        />
      ) : (
        <Activity
          year={year}
          charts={SECTION_CHARTS[section]}
          card={card}
          onYear={(y) => show({ year: String(y), figure: undefined, key: undefined, page: undefined })}
        />
      )}
      {section === 'roll' && figure in FIGURES && valid && (
        <People
          asOf={asOf}
          figure={figure as FigureKey}
          keyName={params.get('key') ?? ''}
          page={page}
          onPage={(p) => show({ page: String(p) })}
        />
      )}
      {section !== 'roll' && SECTION_CHARTS[section].includes(figure as ActivityChart) && (
        <ActivityPeopleList
          year={year}
          chart={figure as ActivityChart}
          keyName={params.get('key') ?? ''}
          page={page}
          onPage={(p) => show({ page: String(p) })}
        />
      )}
    </Stack>
  );
}

function Roll({
  asOf,
  valid,
  card,
  onDate,
}: {
  asOf: string;
  valid: boolean;
  card: (t: ChartTable) => ReactNode;
  onDate: (asOf: string) => void;
}) {
  const figures = useRpc('statistics.figures', valid ? { asOf } : null);
  const f = figures.data;
  return (
    <>
      <Group align="flex-end">
        <DateField
          label="统计日期"
          description="按档案及其变化记录，计算截至该日的人数"
          value={asOf}
          onChange={(v) => onDate(v ?? '')}
          w={220}
        />
        {f && (
          <Text size="lg" fw={600} pb={4}>
            截至 {formatChineseDate(f.asOf)}：在册 {f.onRoll.合计} 人（离休 {f.onRoll.离休}，退休 {f.onRoll.退休}，退职{' '}
            {f.onRoll.退职}）
          </Text>
        )}
      </Group>
      {f && f.undated > 0 && (
        <Alert color="yellow" title="有状态变化没有日期">
          {f.undated} 条状态变化在档案中没有写日期，暂按录入当天计算。请在“待核实的变化”中补上日期。
        </Alert>
      )}
      {figures.error && <Alert color="red">{figures.error.message}</Alert>}
      {f && <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>{rollCharts(f).map(card)}</SimpleGrid>}
    </>
  );
}

function Activity({
  year,
  charts,
  card,
  onYear,
}: {
  year: number;
  charts: ActivityChart[];
  card: (t: ChartTable) => ReactNode;
  onYear: (year: number) => void;
}) {
  const activity = useRpc('statistics.activity', { year });
  return (
    <>
      <NumberInput
        label="年度"
        value={year}
        onChange={(v) => typeof v === 'number' && v >= 1949 && v <= 2200 && onYear(v)}
        min={1949}
        max={2200}
        allowDecimal={false}
        w={140}
      />
      {activity.error && <Alert color="red">{activity.error.message}</Alert>}
      {activity.data && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {activity.data.charts.filter((t) => charts.includes(t.chart as ActivityChart)).map(card)}
        </SimpleGrid>
      )}
    </>
  );
}

/** What a bar of the year's work lists beside each person: their lines, visits or petitions. */
const ACTIVITY_COLUMNS: Record<ActivityChart, { count: string; amount: string | null }> = {
  claimsByMonth: { count: '票据数', amount: '报销金额（元）' },
  claimsByCategory: { count: '票据数', amount: '报销金额（元）' },
  visitsByKind: { count: '走访次数', amount: '慰问金（元）' },
  visitsByMonth: { count: '走访次数', amount: '慰问金（元）' },
  petitionsByState: { count: '信访件数', amount: null },
};

function ActivityPeopleList({
  year,
  chart,
  keyName,
  page,
  onPage,
}: {
  year: number;
  chart: ActivityChart;
  keyName: string;
  page: number;
  onPage: (page: number) => void;
}) {
  const people = useRpc('statistics.activityPeople', { year, chart, key: keyName, page });
  const c = ACTIVITY_COLUMNS[chart];
  return (
    <PeopleCard<ActivityPerson>
      title={`${year}年${ACTIVITY_CHARTS[chart]} · ${keyName}（${people.data?.total ?? '…'} 人）`}
      people={people}
      page={page}
      onPage={onPage}
      columns={[
        {
          accessor: 'name',
          title: '姓名',
          width: 140,
          // A petitioner without a file is listed by the name they gave, with no file to open.
          render: (p) => (p.id === null ? `${p.name}（未建档）` : p.name),
        },
        { accessor: 'category', title: '类别', width: 80 },
        { accessor: 'count', title: c.count, width: 100, textAlign: 'right' },
        ...(c.amount
          ? [
              {
                accessor: 'amountFen',
                title: c.amount,
                width: 140,
                textAlign: 'right' as const,
                render: (p: ActivityPerson) => formatYuan(p.amountFen ?? 0),
              },
            ]
          : []),
        { accessor: 'unit', title: '所在小组' },
      ]}
    />
  );
}

function People({
  asOf,
  figure,
  keyName,
  page,
  onPage,
}: {
  asOf: string;
  figure: FigureKey;
  keyName: string;
  page: number;
  onPage: (page: number) => void;
}) {
  const people = useRpc('statistics.people', { asOf, figure, key: keyName, page });
  return (
    <PeopleCard<FigurePerson>
      title={`${figureTitle(figure, asOf)} · ${keyName}（截至 ${formatChineseDate(asOf)}，${people.data?.total ?? '…'} 人）`}
      people={people}
      page={page}
      onPage={onPage}
      columns={[
        { accessor: 'name', title: '姓名', width: 120 },
        { accessor: 'gender', title: '性别', width: 70 },
        { accessor: 'birthDate', title: '出生日期', width: 140, render: (p) => formatChineseDate(p.birthDate) },
        { accessor: 'category', title: '类别', width: 80 },
        {
          accessor: 'retirementDate',
          title: '离退休时间',
          width: 140,
          render: (p) => formatChineseDate(p.retirementDate),
        },
        { accessor: 'status', title: '现状态', width: 90 },
        { accessor: 'unit', title: '所在小组' },
      ]}
    />
  );
}

/** A bar's people, a page of them at a time with the total; a row opens the person's file. */
function PeopleCard<T extends { id: number | null; name: string }>({
  title,
  people,
  page,
  onPage,
  columns,
}: {
  title: string;
  people: { data?: { total: number; pageSize: number; people: T[] }; isPending: boolean; error: Error | null };
  page: number;
  onPage: (page: number) => void;
  columns: DataTableColumn<T>[];
}) {
  const d = people.data;
  const open = (p: T) => p.id !== null && navigate(`/people/${p.id}`);
  return (
    <Card withBorder padding="md" aria-label="名单">
      <Title order={4} mb="xs">
        {title}
      </Title>
      {people.error && <Alert color="red">{people.error.message}</Alert>}
      <DataTable<T>
        idAccessor={(p) => (p.id === null ? `#${p.name}` : p.id)}
        records={d?.people ?? []}
        fetching={people.isPending}
        minHeight={d?.people.length ? undefined : 120}
        noRecordsText="没有人员"
        striped
        totalRecords={d?.total ?? 0}
        recordsPerPage={d?.pageSize ?? 100}
        page={page}
        onPageChange={onPage}
        paginationText={({ from, to, totalRecords }) => `第 ${from}–${to} 人，共 ${totalRecords} 人`}
        onRowOpen={open}
        onRowClick={({ record }) => open(record)}
        columns={columns}
      />
    </Card>
  );
}
