// 活动学习: activities and meetings with who was invited and who came; study materials with who
// received them, and the list of those to take them to (送学上门).
import { Stack, Tabs, Title } from '@mantine/core';
import { navigate } from '../../route';
import { ActivityDetail } from './ActivityDetail';
import { ActivityList } from './ActivityList';
import { MaterialDetail } from './MaterialDetail';
import { MaterialList } from './MaterialList';

export function ActivitiesPage({ path }: { path: string[] }) {
  const [first, second] = path;
  if (first === 'material' && second) return <MaterialDetail id={Number(second)} />;
  if (first && first !== 'materials') return <ActivityDetail id={Number(first)} />;
  return (
    <Stack gap="md">
      <Title order={2}>活动学习</Title>
      <Tabs
        value={first === 'materials' ? 'materials' : 'activities'}
        onChange={(t) => navigate(t === 'materials' ? '/activities/materials' : '/activities')}
      >
        <Tabs.List>
          <Tabs.Tab value="activities" fz="md">
            活动与会议
          </Tabs.Tab>
          <Tabs.Tab value="materials" fz="md">
            学习资料
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="activities" pt="md">
          <ActivityList />
        </Tabs.Panel>
        <Tabs.Panel value="materials" pt="md">
          <MaterialList />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
