// 工作概况: the figures a clerk knows (each a button to its list), the reminders grouped by urgency,
// the roll and this year's deaths as small charts whose bars open the 统计 page as of today, and
// this year's deaths by name.
import { BarChart } from '@mantine/charts';
import type { ReactNode } from 'react';
import { Alert, Anchor, Button, Card, Group, Loader, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { CATEGORIES } from '../../src-main/shared/person';
import { formatAge, formatChineseDate } from '../../src-main/shared/dates';
import type { FigureKey, HomeFigures } from '../../src-main/contract/statistics';
import { FRESH, RemindersSection } from '../components/RemindersSection';
import { useRpc } from '../kit/rpc';
import { navigate } from '../route';
import { Can } from '../kit/operator';

/** A figure that opens its list: a real button, so Tab reaches it and Enter or Space opens it. */
function Stat({ label, value, hint, onClick }: { label: string; value: number; hint?: string; onClick: () => void }) {
  return (
    <Card withBorder padding="md" className="stat-card" component="button" type="button" onClick={onClick}>
      <Text c="dimmed" size="md">
        {label}
      </Text>
      <Text fz={34} fw={700} lh={1.25}>
        {value.toLocaleString('zh-CN')}
        <Text span size="md" fw={400} c="dimmed" ml={4}>
          人
        </Text>
      </Text>
      {hint && (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

export function HomePage() {
  const figures = useRpc('retirees.figures', {}, FRESH);
  const f = figures.data;
  if (!f) return <Loader />;
  const year = f.today.slice(0, 4);
  return (
    <>
      <Group justify="space-between">
        <Title order={2}>工作概况</Title>
        <Text c="dimmed">{formatChineseDate(f.today)}</Text>
      </Group>
      {f.activeTotal === 0 && f.deathsThisYear === 0 && (
        <Alert color="blue" title="还没有人员档案">
          <Group justify="space-between">
            <Text>可以把现有的花名册（Excel 或 CSV）导入进来，也可以逐个新建档案。</Text>
            <Group>
              <Can method="imports.open">
                <Button onClick={() => navigate('/import')}>导入花名册</Button>
              </Can>
              <Can method="retirees.create">
                <Button variant="default" onClick={() => navigate('/people/new')}>
                  新建档案
                </Button>
              </Can>
            </Group>
          </Group>
        </Alert>
      )}
      <Title order={4}>在册人员</Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Stat label="在册合计" value={f.activeTotal} onClick={() => navigate('/people', { status: '在册' })} />
        {Object.entries(f.activeByCategory).map(([c, n]) => (
          <Stat
            key={c}
            label={`${c}人员`}
            value={n}
            onClick={() => navigate('/people', { status: '在册', category: c })}
          />
        ))}
      </SimpleGrid>
      <Title order={4}>高龄与变动</Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {([80, 90, 100] as const).map((age) => (
          <Stat
            key={age}
            label={`${age} 岁及以上`}
            value={f[`over${age}`]}
            hint="在册人员，按周岁计"
            onClick={() => navigate('/people', { status: '在册', minAge: String(age), sort: 'birthDate' })}
          />
        ))}
        <Stat
          label={`${year}年去世`}
          value={f.deathsThisYear}
          onClick={() => navigate('/people', { status: '已故', from: `${year}-01-01` })}
        />
      </SimpleGrid>
      {f.activeTotal > 0 && <RemindersSection />}
      {(f.activeTotal > 0 || f.deathsThisYear > 0) && <ChartsAndDeaths />}
      {f.needsReview > 0 && (
        <>
          <Title order={4}>待核实</Title>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Stat
              label="档案待核实"
              value={f.needsReview}
              hint="身份证号校验位不符等"
              onClick={() => navigate('/people', { review: '1' })}
            />
          </SimpleGrid>
        </>
      )}
    </>
  );
}

/** The 统计 page at one figure as of today (its URL state, pages/statistics/ChartsTab.tsx). */
const openFigure = (today: string, figure: FigureKey, key?: string) =>
  navigate('/statistics', { asOf: today, figure, key });

const CATEGORY_COLORS = { 离休: 'red.6', 退休: 'blue.6', 退职: 'teal.6' } as const;

/** How many of this year's deaths the home page lists by name; the rest are a click away. */
const DEATHS_SHOWN = 10;

function SmallChart({ title, onOpen, children }: { title: string; onOpen: () => void; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="xs">
        <Anchor component="button" type="button" fw={700} onClick={onOpen}>
          {title}
        </Anchor>
        <Text size="sm" c="dimmed">
          点击柱形查看名单
        </Text>
      </Group>
      {children}
    </Card>
  );
}

function ChartsAndDeaths() {
  const home = useRpc('statistics.home', {}, FRESH).data;
  if (!home) return null;
  const year = home.today.slice(0, 4);
  const bands = home.ageBands.filter((b) => b.band !== '年龄不详' || b.合计 > 0);
  return (
    <>
      <Title order={4}>图表</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SmallChart title="在册人员年龄段（按人员类别）" onOpen={() => openFigure(home.today, 'ageBands')}>
          <BarChart
            h={220}
            data={bands}
            dataKey="band"
            type="stacked"
            withLegend
            legendProps={{ verticalAlign: 'top', height: 36 }}
            series={CATEGORIES.map((c) => ({ name: c, color: CATEGORY_COLORS[c] }))}
            xAxisProps={{ interval: 0 }}
            tickLine="y"
            barProps={{
              cursor: 'pointer',
              onClick: (d: { payload?: HomeFigures['ageBands'][number] }) =>
                d.payload && openFigure(home.today, 'ageBands', d.payload.band),
            }}
          />
        </SmallChart>
        <SmallChart title={`${year}年每月去世人数`} onOpen={() => openFigure(home.today, 'died', '合计')}>
          <BarChart
            h={220}
            data={home.deathsByMonth.map((m) => ({ month: `${m.month}月`, 人数: m.count }))}
            dataKey="month"
            series={[{ name: '人数', color: 'gray.6' }]}
            withBarValueLabel
            yAxisProps={{ allowDecimals: false }}
            xAxisProps={{ interval: 0 }}
            tickLine="y"
            barProps={{ cursor: 'pointer', onClick: () => openFigure(home.today, 'died', '合计') }}
          />
        </SmallChart>
      </SimpleGrid>
      <YearDeaths home={home} />
    </>
  );
}

function YearDeaths({ home }: { home: HomeFigures }) {
  const year = home.today.slice(0, 4);
  const shown = home.deaths.slice(0, DEATHS_SHOWN);
  return (
    <Card withBorder padding="md" component="section" aria-label={`${year}年去世人员`}>
      <Group justify="space-between" mb="xs">
        <Text fw={700}>
          {year}年去世人员：{home.deaths.length} 人
        </Text>
        {home.deaths.length > DEATHS_SHOWN && (
          <Button size="compact-md" variant="default" onClick={() => openFigure(home.today, 'died', '合计')}>
            查看全部 {home.deaths.length} 人
          </Button>
        )}
      </Group>
      {shown.length === 0 ? (
        <Text c="dimmed" size="sm">
          今年还没有人员去世。
        </Text>
      ) : (
        <Table striped fz="md" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>姓名</Table.Th>
              <Table.Th>人员类别</Table.Th>
              <Table.Th>去世日期</Table.Th>
              <Table.Th>享年</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((d) => (
              <Table.Tr key={d.personId}>
                <Table.Td>
                  <Anchor href={`#/people/${d.personId}`}>{d.name}</Anchor>
                </Table.Td>
                <Table.Td>{d.category}</Table.Td>
                <Table.Td>{formatChineseDate(d.diedOn)}</Table.Td>
                <Table.Td>{d.age ? formatAge({ ...d.age, atDeath: false }) : '不详'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
