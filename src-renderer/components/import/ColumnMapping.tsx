// The mapping step of the imports that go in one trial run (the claims ledger, the pension
// adjustment list): each column of the file, the field it was recognised as and why, and a Select
// to change it. A change is a `{ 表头文字: 字段名 | null }` entry the page re-runs its trial with, and
// commits with (the main process remembers a mapping given explicitly).
import { Paper, Select, Table, Text, Title } from '@mantine/core';
import type { ImportColumns } from '../../../src-main/contract/imports';

/** `{ "表头文字": "字段名" }`, null: the column is not imported. */
export type ColumnChoices = Record<string, string | null>;

const NONE = '__none__';

export function ColumnMapping({
  columns,
  names,
  disabled,
  onMap,
}: {
  columns: ImportColumns[];
  /** The kind's fields and their Chinese names, in the order offered. */
  names: Record<string, string>;
  disabled?: boolean;
  onMap: (label: string, field: string | null) => void;
}) {
  const choices = [...Object.entries(names).map(([value, label]) => ({ value, label })), { value: NONE, label: '不导入此列' }];
  const many = columns.length > 1;
  return (
    <>
      {columns.map((sheet) => (
        <Paper key={sheet.sheet} withBorder p="sm">
          <Title order={5} mb="xs">
            {many ? `“${sheet.sheet}”各列的对应` : '各列的对应'}
          </Title>
          <Table striped withTableBorder={false} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>列</Table.Th>
                <Table.Th>表头</Table.Th>
                <Table.Th w={220}>对应字段</Table.Th>
                <Table.Th>识别依据</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sheet.labels.map((label, c) => {
                const field = sheet.fields[c] ?? null;
                const letter = columnName(c);
                return (
                  <Table.Tr key={c}>
                    <Table.Td>{letter}</Table.Td>
                    <Table.Td>{label || <Text c="dimmed">（无表头）</Text>}</Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`${many ? `${sheet.sheet}` : ''}第${letter}列对应字段`}
                        data={choices}
                        allowDeselect={false}
                        // A column is named by its header text: one without a header cannot be re-mapped.
                        disabled={disabled || !label}
                        value={field ?? NONE}
                        onChange={(v) => v && v !== (field ?? NONE) && onMap(label, v === NONE ? null : v)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={field === null ? 'orange.8' : 'dimmed'}>
                        {sheet.reasons[c] ?? ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
      <Text size="sm" c="dimmed">
        改过的对应关系适用于本文件中表头相同的所有工作表；导入后会被记住，下次导入表头相同的文件时自动套用。
      </Text>
    </>
  );
}

function columnName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
