import { Alert, Button, Card, Group, Loader, SimpleGrid, Text, Title } from '@mantine/core';
import { formatChineseDate } from '../../src-main/shared/dates';
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
