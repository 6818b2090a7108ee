import { Alert, Badge, Checkbox, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import type { ImportPreview, PreviewRow } from '../../../src-main/contract/imports';
import { DataTable } from '../../kit/DataTable';
import { FormModal } from '../../kit/FormModal';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import type { Exclusions } from './wizard';

export const OUTCOME: Record<string, { label: string; color: string }> = {
  inserted: { label: '新增', color: 'green' },
  updated: { label: '更新已有', color: 'blue' },
  merged: { label: '与上文合并', color: 'cyan' },
  skipped: { label: '已有，跳过', color: 'gray' },
  excluded: { label: '排除', color: 'gray' },
  rejected: { label: '无法导入', color: 'red' },
  title: { label: '标题', color: 'gray' },
  header: { label: '表头', color: 'gray' },
  blank: { label: '空行', color: 'gray' },
  total: { label: '合计行，未导入', color: 'gray' },
  note: { label: '说明行，未导入', color: 'gray' },
};

const DATA = ['inserted', 'updated', 'merged', 'skipped', 'excluded', 'rejected'];
const PAGE_SIZE = 100;

type Filter = 'all' | 'problems' | 'duplicates' | 'skipped';
const rowKey = (r: PreviewRow) => `${r.sheet}!${r.row}`;

/**
 * Every row with its outcome and its problems; a cell can be corrected (a click on it, or Enter on
 * its row for the first cell with a problem), a row excluded (its box, or Space on the row).
 */
export function PreviewStep({
  preview,
  exclusions,
  onExclusions,
  onPreview,
}: {
  preview: ImportPreview;
  exclusions: Exclusions;
  onExclusions: (e: Exclusions) => void;
  onPreview: (p: ImportPreview) => void;
}) {
  const [view, setView] = useState<{ filter: Filter; sheet: string | null; page: number }>({
    filter: preview.counts.problems > 0 ? 'problems' : 'all',
    sheet: null,
    page: 1,
  });
  const [editing, setEditing] = useState<{ row: PreviewRow; col: number } | null>(null);
  const rows = useRpc('imports.rows', { session: preview.session, ...view }, { placeholderData: keepPreviousData });
  const cell = useForm({ mode: 'controlled', initialValues: { value: '' } });
  const editCell = useRpcMutation('imports.editCell', {
    invalidates: ['imports.rows'],
    // A refusal stays in the dialog.
    onError: () => {},
    onSuccess: (p) => onPreview(p),
  });

  const records = rows.data?.rows ?? [];
  const excluded = (r: PreviewRow) =>
    exclusions.sheets.includes(r.sheet) || exclusions.rows.some((x) => x.sheet === r.sheet && x.row === r.row);
  const isData = (r: PreviewRow) => DATA.includes(String(r.outcome));
  const headerOf = (name: string) => preview.sheets.find((s) => s.name === name)?.header;
  const labelOf = (sheet: string, c: number) => headerOf(sheet)?.labels[c] ?? '';
  const problemAt = (r: PreviewRow, c: number) => isData(r) && r.issues.some((i) => i.column === labelOf(r.sheet, c));
  const width = Math.max(0, ...records.map((r) => r.cells.length));

  const setIncluded = (r: PreviewRow, include: boolean) =>
    onExclusions({
      ...exclusions,
      rows: include
        ? exclusions.rows.filter((x) => !(x.sheet === r.sheet && x.row === r.row))
        : [...exclusions.rows, { sheet: r.sheet, row: r.row }],
    });
  const edit = (row: PreviewRow, col: number) => {
    if (!isData(row)) return;
    cell.setValues({ value: row.cells[col] ?? '' });
    setEditing({ row, col });
  };

  return (
    <Stack mt="md">
      {preview.notARoster.map((d) => (
        <Alert key={d.sheet} color="orange" title="这个表格不像花名册">
          {d.message}。导入前会再请您确认。
        </Alert>
      ))}
      {preview.totalRows + preview.noteRows > 0 && (
        <Text>
          有 {preview.totalRows} 行合计、小计和 {preview.noteRows}{' '}
          行表尾说明（如制表人、注），不作为人员导入，可在“非数据行”中查看。
        </Text>
      )}
      <Group>
        <SegmentedControl
          value={view.filter}
          onChange={(v) => setView({ ...view, filter: v as Filter, page: 1 })}
          data={[
            { value: 'all', label: '全部行' },
            { value: 'problems', label: `有问题（${preview.counts.problems}）` },
            {
              value: 'duplicates',
              label: `重复（${preview.counts.updated + preview.counts.skipped + preview.counts.merged}）`,
            },
            { value: 'skipped', label: `非数据行（${preview.counts.nonDataRows}）` },
          ]}
        />
        {preview.sheets.length > 1 && (
          <Select
            aria-label="工作表"
            placeholder="全部工作表"
            clearable
            w={180}
            data={preview.sheets.map((s) => s.name)}
            value={view.sheet}
            onChange={(sheet) => setView({ ...view, sheet, page: 1 })}
          />
        )}
        <Text c="dimmed">点击有问题的单元格可以直接修改（或在该行按回车键）。</Text>
      </Group>
      <DataTable<PreviewRow>
        records={records}
        idAccessor={rowKey}
        fetching={rows.isFetching}
        minHeight={records.length ? undefined : 150}
        noRecordsText="没有符合条件的行"
        striped
        fz="sm"
        totalRecords={rows.data?.total ?? 0}
        recordsPerPage={PAGE_SIZE}
        page={view.page}
        onPageChange={(page) => setView({ ...view, page })}
        rowColor={(r) => (isData(r) ? undefined : 'dimmed')}
        columns={[
          {
            accessor: 'include',
            title: '导入',
            width: 60,
            render: (r) =>
              isData(r) && (
                <Checkbox
                  size="md"
                  aria-label={`导入第${r.row}行`}
                  checked={!excluded(r)}
                  onChange={(e) => setIncluded(r, e.currentTarget.checked)}
                />
              ),
          },
          {
            accessor: 'row',
            title: '位置',
            noWrap: true,
            render: (r) => `${preview.sheets.length > 1 ? `${r.sheet} ` : ''}第${r.row}行${r.hidden ? '（隐藏）' : ''}`,
          },
          {
            accessor: 'outcome',
            title: '结果',
            render: (r) => {
              const outcome = excluded(r)
                ? OUTCOME.excluded
                : (OUTCOME[String(r.outcome)] ?? { label: String(r.outcome), color: 'gray' });
              return (
                <Badge size="lg" color={outcome.color} variant="light" miw={72}>
                  {outcome.label}
                </Badge>
              );
            },
          },
          {
            accessor: 'issues',
            title: '问题',
            width: 300,
            render: (r) =>
              r.issues.map((i) => (
                <Text key={i.message} size="sm" c={r.outcome === 'rejected' ? 'red.8' : 'orange.9'}>
                  {i.message}
                </Text>
              )),
          },
          ...Array.from({ length: width }, (_, c) => ({
            accessor: `cell${c}`,
            title: labelOf(records[0]?.sheet ?? '', c),
            noWrap: true as const,
            render: (r: PreviewRow) => r.cells[c] ?? '',
            cellsStyle: (r: PreviewRow) => ({
              cursor: isData(r) ? 'pointer' : undefined,
              background: problemAt(r, c) ? 'var(--mantine-color-orange-1)' : undefined,
            }),
            customCellAttributes: (r: PreviewRow) => (isData(r) ? { title: '点击修改' } : {}),
          })),
        ]}
        // A click corrects the cell clicked, not the row's first problem (which is Enter's).
        onRowClick={() => {}}
        onCellClick={({ record, columnIndex }) => columnIndex >= 4 && edit(record, columnIndex - 4)}
        onRowOpen={(r) => {
          const first = r.cells.findIndex((_, c) => problemAt(r, c));
          edit(r, Math.max(0, first));
        }}
        onRowToggle={(r) => isData(r) && setIncluded(r, excluded(r))}
        rowLabel={(r) =>
          `第${r.row}行，${OUTCOME[String(r.outcome)]?.label ?? r.outcome}${r.issues.length ? `：${r.issues.map((i) => i.message).join('；')}` : ''}`
        }
      />
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="md"
        title={
          editing ? `修改 ${editing.row.sheet} 第${editing.row.row}行“${labelOf(editing.row.sheet, editing.col)}”` : ''
        }
        form={cell}
        submitLabel="确定"
        onSubmit={({ value }) =>
          editCell.mutateAsync({
            session: preview.session,
            sheet: editing!.row.sheet,
            row: editing!.row.row,
            col: editing!.col,
            value,
          })
        }
      >
        <TextInput label="新的值" data-autofocus {...cell.getInputProps('value')} />
        <Text size="sm" c="dimmed">
          只修改本次导入的内容，原文件不变。
        </Text>
      </FormModal>
    </Stack>
  );
}
