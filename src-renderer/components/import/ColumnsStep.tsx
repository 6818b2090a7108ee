import { Alert, Button, Group, NumberInput, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ImportPreview } from '../../../src-main/contract/imports';
import { CATEGORIES } from '../../../src-main/shared/person';
import { DataTable } from '../../kit/DataTable';
import { useRpcMutation } from '../../kit/rpc';

const NOT_IMPORTED = '__note__';

interface Column {
  c: number;
  label: string;
  field: string | null;
  /** Why it has its field, or none: 按表头：出生年月, 按内容判断：98% 为身份证号. */
  reason: string;
}

/** A column no field took whose values go to the notes (and flag the person 待核实). */
const unplaced = (col: Column) =>
  col.field === null && col.reason !== '空列' && !col.reason.endsWith('（此列没有内容）');

/**
 * Where the header is, which field each column is, and what unknown category words mean. Each
 * correction goes to the main process, which returns the preview read again; the rows shown in
 * the later steps are read again too.
 */
export function ColumnsStep({
  preview,
  excluded,
  onPreview,
}: {
  preview: ImportPreview;
  excluded: string[];
  onPreview: (p: ImportPreview) => void;
}) {
  // Errors are shown here, above the tables, not as a notification.
  const quiet = { invalidates: ['imports.rows' as const], onError: () => {} };
  const setHeader = useRpcMutation('imports.setHeader', { ...quiet, onSuccess: (p) => onPreview(p) });
  const setFields = useRpcMutation('imports.setFields', { ...quiet, onSuccess: (p) => onPreview(p) });
  const mapValue = useRpcMutation('imports.mapValue', { ...quiet, onSuccess: (p) => onPreview(p) });
  const corrections = [setHeader, setFields, mapValue];
  const error = corrections.find((m) => m.error)?.error;
  const clear = () => corrections.forEach((m) => m.reset());

  const choices = [{ value: NOT_IMPORTED, label: '不对应字段（记入备注）' }, ...preview.fieldChoices];
  return (
    <Stack mt="md">
      {error && (
        <Alert color="red" withCloseButton onClose={clear}>
          {error.message}
        </Alert>
      )}
      {preview.sheets
        .filter((s) => !excluded.includes(s.name) && s.header)
        .map((s) => {
          const header = s.header!;
          const columns: Column[] = header.labels.map((label, c) => ({
            c,
            label,
            field: header.fields[c] ?? null,
            reason: header.reasons?.[c] ?? '',
          }));
          const kept = columns.filter(unplaced);
          return (
            <Paper key={s.name} withBorder p="md">
              <Group justify="space-between" mb="sm">
                <Title order={4}>{s.name}</Title>
                <HeaderRows
                  sheet={s.name}
                  first={header.firstRow + 1}
                  last={header.lastRow + 1}
                  onApply={(firstRow, lastRow) => {
                    clear();
                    setHeader.mutate({ session: preview.session, sheet: s.name, firstRow, lastRow });
                  }}
                />
              </Group>
              {kept.length > 0 && (
                <Alert color="orange" mb="sm">
                  {kept.map((col) => `“${col.label || `${columnName(col.c)}列`}”`).join('')}{' '}
                  没有对应的字段：内容将记入备注，有内容的人员标为待核实。如能确定，请在下面指定。
                </Alert>
              )}
              <DataTable<Column>
                records={columns}
                idAccessor="c"
                columns={[
                  { accessor: 'c', title: '列', width: 80, render: (col) => columnName(col.c) },
                  {
                    accessor: 'label',
                    title: '文件中的表头',
                    render: (col) => col.label || <Text c="dimmed">（无表头）</Text>,
                  },
                  {
                    accessor: 'field',
                    title: '对应字段',
                    width: 320,
                    render: (col) => (
                      <Select
                        aria-label={`第${columnName(col.c)}列对应字段`}
                        data={choices}
                        allowDeselect={false}
                        value={col.field ?? NOT_IMPORTED}
                        onChange={(v) => {
                          const fields = header.fields.map((f, i) =>
                            i === col.c ? (v === NOT_IMPORTED ? null : v) : f,
                          );
                          clear();
                          setFields.mutate({ session: preview.session, sheet: s.name, fields });
                        }}
                      />
                    ),
                  },
                  {
                    accessor: 'reason',
                    title: '识别依据',
                    render: (col) => (
                      <Text size="sm" c={unplaced(col) ? 'orange.8' : 'dimmed'}>
                        {col.reason}
                      </Text>
                    ),
                  },
                ]}
                rowLabel={(col) =>
                  `${columnName(col.c)}列，${col.label || '无表头'}，对应${choices.find((x) => x.value === (col.field ?? NOT_IMPORTED))?.label ?? col.field}，${col.reason}`
                }
              />
              <Text c="dimmed" mt="xs">
                改过的对应关系适用于本文件中表头相同的所有工作表；导入后会被记住，下次导入表头相同的文件时自动套用。
              </Text>
            </Paper>
          );
        })}
      {preview.unknownValues.length > 0 && (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            需要确认的取值
          </Title>
          <Text c="dimmed" mb="sm">
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
                onChange={(v) => {
                  if (!v) return;
                  clear();
                  mapValue.mutate({
                    session: preview.session,
                    field: 'category',
                    value: u.value,
                    target: v as (typeof CATEGORIES)[number],
                  });
                }}
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

function HeaderRows({
  sheet,
  first,
  last,
  onApply,
}: {
  sheet: string;
  first: number;
  last: number;
  onApply: (first: number, last: number) => void;
}) {
  const form = useForm({ mode: 'controlled', initialValues: { first, last } });
  const { first: a, last: b } = form.getValues();
  const row = (v: string | number) => Number(v) || 1;
  return (
    <Group gap="xs">
      <Text>表头在第</Text>
      <NumberInput
        aria-label={`${sheet}表头起始行`}
        w={80}
        min={1}
        value={a}
        onChange={(v) => form.setFieldValue('first', row(v))}
      />
      <Text>至</Text>
      <NumberInput
        aria-label={`${sheet}表头结束行`}
        w={80}
        min={1}
        value={b}
        onChange={(v) => form.setFieldValue('last', row(v))}
      />
      <Text>行</Text>
      <Button size="sm" variant="light" disabled={a === first && b === last} onClick={() => onApply(a, b)}>
        重新识别
      </Button>
    </Group>
  );
}
