import { Alert, Button, Group, NumberInput, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ImportPreview } from '../../../src-main/api/contract';
import { CATEGORIES } from '../../../src-main/shared/person';
import { call } from '../../api';

const NOT_IMPORTED = '__note__';

/** Where the header is, which field each column is, and what unknown category words mean. */
export function ColumnsStep({ preview, excluded, onPreview }: { preview: ImportPreview; excluded: string[]; onPreview: (p: ImportPreview) => void }) {
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<ImportPreview>) => {
    setError(null);
    try {
      onPreview(await fn());
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const choices = [{ value: NOT_IMPORTED, label: '不对应字段（记入备注）' }, ...preview.fieldChoices];
  return (
    <Stack mt="md">
      {error && (
        <Alert color="red" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {preview.sheets
        .filter((s) => !excluded.includes(s.name) && s.header)
        .map((s) => (
          <Paper key={s.name} withBorder p="md">
            <Group justify="space-between" mb="sm">
              <Title order={4}>{s.name}</Title>
              <HeaderRows sheet={s.name} first={s.header!.firstRow + 1} last={s.header!.lastRow + 1} onApply={(first, last) => run(() => call('imports.setHeader', { session: preview.session, sheet: s.name, firstRow: first, lastRow: last }))} />
            </Group>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>列</Table.Th>
                  <Table.Th>文件中的表头</Table.Th>
                  <Table.Th w={320}>对应字段</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.header!.labels.map((label, c) => (
                  <Table.Tr key={c}>
                    <Table.Td>{columnName(c)}</Table.Td>
                    <Table.Td>{label || <Text c="dimmed">（无表头）</Text>}</Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`第${columnName(c)}列对应字段`}
                        data={choices}
                        value={s.header!.fields[c] ?? NOT_IMPORTED}
                        onChange={(v) => {
                          const fields = s.header!.fields.map((f, i) => (i === c ? (v === NOT_IMPORTED ? null : v) : f));
                          void run(() => call('imports.setFields', { session: preview.session, sheet: s.name, fields }));
                        }}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="sm" c="dimmed" mt="xs">
              确认后的对应关系会被记住，下次导入表头相同的文件时自动套用。
            </Text>
          </Paper>
        ))}
      {preview.unknownValues.length > 0 && (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            需要确认的取值
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            以下“人员类别”的写法程序不认识，请指明它们对应哪一类；确认后会被记住。
          </Text>
          {preview.unknownValues.map((u) => (
            <Group key={u.value} mb="xs">
              <Text w={200}>
                “{u.value}”（{u.count} 人）
              </Text>
              <Select
                aria-label={`“${u.value}”对应的人员类别`}
                w={160}
                placeholder="请选择"
                data={[...CATEGORIES]}
                onChange={(v) => v && run(() => call('imports.mapValue', { session: preview.session, field: 'category', value: u.value, target: v as (typeof CATEGORIES)[number] }))}
              />
            </Group>
          ))}
        </Paper>
      )}
    </Stack>
  );
}

function columnName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function HeaderRows({ sheet, first, last, onApply }: { sheet: string; first: number; last: number; onApply: (first: number, last: number) => void }) {
  const [a, setA] = useState<number>(first);
  const [b, setB] = useState<number>(last);
  return (
    <Group gap="xs">
      <Text size="sm">表头在第</Text>
      <NumberInput aria-label={`${sheet}表头起始行`} w={80} min={1} value={a} onChange={(v) => setA(Number(v) || 1)} />
      <Text size="sm">至</Text>
      <NumberInput aria-label={`${sheet}表头结束行`} w={80} min={1} value={b} onChange={(v) => setB(Number(v) || 1)} />
      <Text size="sm">行</Text>
      <Button size="xs" variant="light" disabled={a === first && b === last} onClick={() => onApply(a, b)}>
        重新识别
      </Button>
    </Group>
  );
}
