// The mapping step of the imports that go in one trial run (the claims ledger, the pension
// adjustment list): each column of the file, the field it was recognised as and why, and a Select
// to change it. A change is a `{ 表头文字: 字段名 | null }` entry the page re-runs its trial with, and
// commits with (the main process remembers a mapping given explicitly). Where the file lacks a
// column the kind needs (no header or value recognised it), the trial reads no row and answers with
// the columns and what is missing: flagged here, for the user to say which column holds it.
import { Alert, Paper, Select, Table, Text, Title } from '@mantine/core';
import type { ImportColumns } from '../../../src-main/contract/imports';
import { missingFieldsText } from '../../../src-main/shared/importFields';

/** `{ "表头文字": "字段名" }`, null: the column is not imported. */
export type ColumnChoices = Record<string, string | null>;

const NONE = '__none__';

/** A trial that read no row because a required column is missing (see ImportColumns.missing). */
export function lacksColumns(columns: ImportColumns[] | undefined): boolean {
  return (columns ?? []).some((s) => (s.missing ?? []).length > 0);
}

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
  const many = columns.length > 1;
  return (
    <>
      {columns.map((sheet) => (
        <SheetMapping
          key={sheet.sheet}
          sheet={sheet}
          title={many ? `“${sheet.sheet}”各列的对应` : '各列的对应'}
          labelPrefix={many ? sheet.sheet : ''}
          names={names}
          disabled={disabled}
          onMap={onMap}
        />
      ))}
      <Text size="sm" c="dimmed">
        改过的对应关系适用于本文件中表头相同的所有工作表；导入后会被记住，下次导入表头相同的文件时自动套用。
      </Text>
    </>
  );
}

function SheetMapping({
  sheet,
  title,
  labelPrefix,
  names,
  disabled,
  onMap,
}: {
  sheet: ImportColumns;
  title: string;
  labelPrefix: string;
  names: Record<string, string>;
  disabled?: boolean;
  onMap: (label: string, field: string | null) => void;
}) {
  const missing = sheet.missing ?? [];
  const lacking = new Set(missing.flat());
  const choices = [
    ...Object.entries(names).map(([value, label]) => ({
      value,
      label: lacking.has(value) ? `${label}（缺少）` : label,
    })),
    { value: NONE, label: '不导入此列' },
  ];
  const missingText = missingFieldsText(missing, names);
  return (
    <Paper withBorder p="sm">
      <Title order={5} mb="xs">
        {title}
      </Title>
      {missing.length > 0 && (
        <Alert color="red" mb="xs" title={`缺少必需的列：${missingText}`}>
          表头和内容都没能认出这一列，尚未读取数据行。请在下表中找到存放它的列，在“对应字段”中选择“{missingText}
          ”，系统将重新试导入。
        </Alert>
      )}
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
            // A column is named by its header text, or where it has none by its place (第N列).
            const key = label || `第${c + 1}列`;
            return (
              <Table.Tr key={c}>
                <Table.Td>{letter}</Table.Td>
                <Table.Td>{label || <Text c="dimmed">（无表头）</Text>}</Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`${labelPrefix}第${letter}列对应字段`}
                    data={choices}
                    allowDeselect={false}
                    disabled={disabled}
                    value={field ?? NONE}
                    onChange={(v) => v && v !== (field ?? NONE) && onMap(key, v === NONE ? null : v)}
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
  );
}

function columnName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
