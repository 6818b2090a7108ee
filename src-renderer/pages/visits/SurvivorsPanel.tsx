// The death record's 遗属 section: the survivors linked to the deceased (read with the death,
// deaths.get), each opening on the 遗属 tab, and 登记遗属.
import { Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { SurvivorSummary } from '../../../src-main/contract/survivors';
import { Can } from '../../kit/operator';
import { navigate } from '../../route';
import { SurvivorForm } from './SurvivorForm';

export function SurvivorsPanel({
  deceasedId,
  deceasedName,
  survivors: rows,
}: {
  deceasedId: number;
  deceasedName: string;
  survivors: SurvivorSummary[];
}) {
  const [adding, dialog] = useDisclosure(false);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={4}>遗属</Title>
        <Can method="survivors.create">
          <Button size="compact-md" variant="light" onClick={dialog.open}>
            登记遗属
          </Button>
        </Can>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          尚未登记遗属。
        </Text>
      ) : (
        <Table verticalSpacing="xs" fz="md">
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="compact-md"
                    onClick={() => navigate('/visits', { tab: 'survivors', survivor: String(s.id) })}
                  >
                    {s.name}
                  </Button>
                </Table.Td>
                <Table.Td>{s.relation}</Table.Td>
                <Table.Td>{s.age !== null ? `${s.age} 岁` : ''}</Table.Td>
                <Table.Td>{s.qualifications.join('、')}</Table.Td>
                <Table.Td>
                  遗属补助：{s.allowance}
                  {s.startMonth ? `（${s.startMonth} 起${s.stopMonth ? `，${s.stopMonth} 停发` : ''}）` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <SurvivorForm deceasedId={deceasedId} deceasedName={deceasedName} opened={adding} onClose={dialog.close} />
    </Paper>
  );
}
