// 统计图表: the roll as of a date (default 31 December of last year), each figure a bar chart whose
// bars open the people they count (statistics.people: the same rule as the count, in the main
// process). The date is what the yearly tables are made for; any past date may be chosen.
import { BarChart } from '@mantine/charts';
import { Alert, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { FIGURES, type FigureKey, type FigurePerson, type RollFigures } from '../../../src-main/contract/statistics';
import { formatChineseDate, isValidIsoDate, lastYearEnd } from '../../../src-main/shared/dates';
import { DataTable } from '../../kit/DataTable';
import { DateField } from '../../kit/DateField';
import { useRpc } from '../../kit/rpc';
import { navigate } from '../../route';

type Bar = { key: string; 人数: number };

/** The bars of each figure, in the order the page shows them. */
function bars(f: RollFigures): { figure: FigureKey; data: Bar[] }[] {
  const of = (r: Record<string, number>, skip?: string) =>
    Object.entries(r)
      .filter(([k]) => k !== skip)
      .map(([key, n]) => ({ key, 人数: n }));
  return [
    { figure: 'onRoll', data: of(f.onRoll, '合计') },
    { figure: 'ageBands', data: of(f.ageBands) },
    { figure: 'gender', data: of(f.gender) },
    { figure: 'party', data: of(f.party) },
    { figure: 'care', data: of(f.care) },
    { figure: 'remote', data: of(f.remote) },
    { figure: 'died', data: of(f.died, '合计') },
    { figure: 'deathsByYear', data: f.deathsByYear.map((d) => ({ key: String(d.year), 人数: d.count })) },
    { figure: 'units', data: f.units.slice(0, 12).map((u) => ({ key: u.unit, 人数: u.count })) },
  ];
}

/** Figures whose labels are long or many: bars lie down, the labels one under another. */
const LONG_LABELS = new Set<FigureKey>(['ageBands', 'units']);

/** A figure's title; the year's deaths name the year. */
const figureTitle = (figure: FigureKey, asOf: string) =>
  figure === 'died' || figure === 'movedOut' ? `${asOf.slice(0, 4)}年${FIGURES[figure].slice(2)}` : FIGURES[figure];

/**
 * The date and the bar chosen live in the address (#/statistics?asOf=2025-12-31&figure=onRoll&key=离休),
 * as the people list's filters do: a reload, the back button and a link keep them.
 */
export function ChartsTab({ params }: { params: URLSearchParams }) {
  const asOf = params.get('asOf') ?? lastYearEnd();
  const valid = isValidIsoDate(asOf);
  const figures = useRpc('statistics.figures', valid ? { asOf } : null);
  const figure = params.get('figure');
  const chosen = figure && figure in FIGURES ? { figure: figure as FigureKey, key: params.get('key') ?? '' } : null;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const show = (next: { asOf?: string; figure?: FigureKey; key?: string; page?: string }) =>
    navigate('/statistics', { asOf, figure: chosen?.figure, key: chosen?.key, ...next });
  const f = figures.data;
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <DateField
          label="统计日期"
          description="按档案及其变化记录，计算截至该日的人数"
          value={asOf}
          onChange={(v) => show({ asOf: v ?? '', figure: undefined, key: undefined })}
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
      {f && (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
          {bars(f).map(({ figure, data }) => (
            <Card key={figure} withBorder padding="md">
              <Title order={4} mb="xs">
                {figureTitle(figure, f.asOf)}
              </Title>
              <BarChart
                h={220}
                data={data}
                dataKey="key"
                series={[{ name: '人数', color: 'blue.6' }]}
                withBarValueLabel
                {...(LONG_LABELS.has(figure)
                  ? { orientation: 'vertical' as const, yAxisProps: { width: 96, interval: 0 }, tickLine: 'x' as const }
                  : { xAxisProps: { interval: 0 }, tickLine: 'y' as const })}
                barProps={{
                  cursor: 'pointer',
                  onClick: (d: { payload?: Bar }) => d.payload && show({ figure, key: d.payload.key, page: undefined }),
                }}
              />
              <Text size="sm" c="dimmed">
                点击柱形查看名单
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {chosen && valid && (
        <People
          asOf={asOf}
          figure={chosen.figure}
          keyName={chosen.key}
          page={page}
          onPage={(p) => show({ page: String(p) })}
        />
      )}
    </Stack>
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
  const d = people.data;
  return (
    <Card withBorder padding="md" aria-label="名单">
      <Title order={4} mb="xs">
        {figureTitle(figure, asOf)} · {keyName}（截至 {formatChineseDate(asOf)}，{d?.total ?? '…'} 人）
      </Title>
      <DataTable<FigurePerson>
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
        onRowOpen={(p) => navigate(`/people/${p.id}`)}
        onRowClick={({ record }) => navigate(`/people/${record.id}`)}
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
    </Card>
  );
}
