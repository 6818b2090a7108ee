// 政策测算: a year's approved claims recomputed, in approval order, under a draft policy, against
// what was paid: how an office prices next year's policy. Nothing is saved.
import { Button, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SimulationResult } from '../../../src-main/api/contract';
import type { CategoryPolicy } from '../../../src-main/shared/claimPolicy';
import { CATEGORIES, type Category } from '../../../src-main/shared/person';
import { call } from '../../api';
import { BLANK_POLICY, PolicyEditor } from './PolicyEditor';
import { failed, THIS_YEAR, yuan } from './shared';


export function SimulationTab() {
  const [year, setYear] = useState(THIS_YEAR - 1);
  const [draft, setDraft] = useState<Partial<Record<Category, CategoryPolicy>>>({});
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    // The draft starts as the year's policies, to be changed.
    call('claims.policies', { year }).then((ps) => setDraft(Object.fromEntries(ps.map((p) => [p.category, p.rules]))), failed);
    setResult(null);
  }, [year]);

  const run = async () => {
    setBusy(true);
    try {
      setResult(await call('claims.simulate', { policy: { year, categories: draft } }));
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };
  const diff = result ? result.total.simulatedFen - result.total.paidFen : 0;

  return (
    <Stack gap="md" mt="md">
      <Group justify="space-between">
        <Title order={2}>政策测算</Title>
        <NumberInput label="按哪一年度的报销单测算" w={200} min={1990} max={2100} value={year} onChange={(v) => setYear(Number(v) || THIS_YEAR - 1)} />
      </Group>
      <Text c="dimmed">调整下列测算政策后点“测算”：按批准顺序重新计算该年度全部已批准的报销单，与实际报销金额对比。测算不保存、不影响任何报销单。</Text>
      {CATEGORIES.map((c) => (
        <Paper key={c} withBorder p="md">
          <Title order={4} mb="sm">
            {c}人员（测算）
          </Title>
          {!draft[c] && (
            <Text c="dimmed" size="sm" mb="sm">
              {year} 年度尚未设置{c}人员的政策：填写后点“采用此测算规定”纳入测算；不填则测算中遇到该类人员会提示。
            </Text>
          )}
          <PolicyEditor value={draft[c] ?? BLANK_POLICY} saveLabel="采用此测算规定" onSave={(rules) => setDraft((d) => ({ ...d, [c]: rules }))} />
        </Paper>
      ))}
      <Group>
        <Button size="md" onClick={run} loading={busy}>
          测算
        </Button>
      </Group>
      {result && (
        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            {result.year} 年度测算结果：实际报销 {yuan(result.total.paidFen)}，按测算政策 {yuan(result.total.simulatedFen)}，{diff >= 0 ? '增加' : '减少'} {yuan(Math.abs(diff))}
          </Title>
          <Table striped verticalSpacing="xs" fz="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>姓名</Table.Th>
                <Table.Th>人员类别</Table.Th>
                <Table.Th ta="right">实际报销</Table.Th>
                <Table.Th ta="right">测算</Table.Th>
                <Table.Th ta="right">差额</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.people.map((p) => (
                <Table.Tr key={p.personId}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{p.category}</Table.Td>
                  <Table.Td ta="right">{yuan(p.paidFen)}</Table.Td>
                  <Table.Td ta="right">{yuan(p.simulatedFen)}</Table.Td>
                  <Table.Td ta="right">{yuan(p.simulatedFen - p.paidFen)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
