import { Alert, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { OrgUnit } from '../../src-main/api/contract';
import { call } from '../api';

const PARENT: Record<string, string | null> = { 行政大组: null, 行政小组: '行政大组', 党支部: null, 党小组: '党支部' };
type Kind = '行政大组' | '行政小组' | '党支部' | '党小组';

/** The units a person can be placed in. Moving, merging and leaders come with the organisation network. */
export function OrgUnitsSection() {
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [kind, setKind] = useState<Kind>('行政大组');
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => call('org.units', {}).then(setUnits);
  useEffect(() => {
    void load();
  }, []);

  const parentKind = PARENT[kind];
  const add = async () => {
    setError(null);
    try {
      await call('org.create', { kind, name, parentId: parentId ? Number(parentId) : null });
      setName('');
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const tree = (top: string, sub: string) =>
    units
      .filter((u) => u.kind === top)
      .map((u) => (
        <Stack key={u.id} gap={2}>
          <Text fw={600}>{u.name}</Text>
          <Group gap={6} pl="md">
            {units
              .filter((c) => c.kind === sub && c.parentId === u.id)
              .map((c) => (
                <Badge key={c.id} variant="light" color="gray" size="lg">
                  {c.name}
                </Badge>
              ))}
          </Group>
        </Stack>
      ));

  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        组织单位
      </Title>
      <Text c="dimmed" size="sm" mb="sm">
        在人员档案中可把人员编入行政大组/小组和党支部/党小组。
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="md">
        <Stack gap="xs">
          <Title order={5}>行政组</Title>
          {tree('行政大组', '行政小组')}
          {!units.some((u) => u.kind === '行政大组') && <Text c="dimmed">尚未建立</Text>}
        </Stack>
        <Stack gap="xs">
          <Title order={5}>党组织</Title>
          {tree('党支部', '党小组')}
          {!units.some((u) => u.kind === '党支部') && <Text c="dimmed">尚未建立</Text>}
        </Stack>
      </SimpleGrid>
      <Group align="end">
        <Select label="类型" w={140} data={Object.keys(PARENT)} value={kind} onChange={(v) => v && (setKind(v as Kind), setParentId(null))} />
        {parentKind && (
          <Select
            label={`所属${parentKind}`}
            w={220}
            data={units.filter((u) => u.kind === parentKind).map((u) => ({ value: String(u.id), label: u.name }))}
            value={parentId}
            onChange={setParentId}
          />
        )}
        <TextInput label="名称" w={260} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Button onClick={add} disabled={!name.trim()}>
          添加
        </Button>
      </Group>
      {error && (
        <Alert color="red" mt="sm">
          {error}
        </Alert>
      )}
    </Paper>
  );
}
