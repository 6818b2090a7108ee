import { Badge, Button, Checkbox, Group, Modal, Pagination, ScrollArea, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ImportPreview, PreviewRow } from '../../../src-main/api/contract';
import { call } from '../../api';
import type { Exclusions } from '../../pages/ImportPage';

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
  total: { label: '合计', color: 'gray' },
  note: { label: '说明', color: 'gray' },
};

const DATA = ['inserted', 'updated', 'merged', 'skipped', 'excluded', 'rejected'];

/** Every row with its outcome and its problems; a cell can be corrected, a row excluded. */
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
  const [filter, setFilter] = useState<'all' | 'problems' | 'duplicates' | 'skipped'>(preview.counts.problems > 0 ? 'problems' : 'all');
  const [sheet, setSheet] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<{ total: number; rows: PreviewRow[] }>({ total: 0, rows: [] });
  const [editing, setEditing] = useState<{ row: PreviewRow; col: number; value: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('imports.rows', { session: preview.session, sheet, filter, page }).then(setRows);
  }, [preview, sheet, filter, page]);

  const excluded = (r: PreviewRow) => exclusions.sheets.includes(r.sheet) || exclusions.rows.some((x) => x.sheet === r.sheet && x.row === r.row);
  const headerOf = (name: string) => preview.sheets.find((s) => s.name === name)?.header;
  const width = Math.max(0, ...rows.rows.map((r) => r.cells.length));

  return (
    <Stack mt="md">
      <Group>
        <SegmentedControl
          value={filter}
          onChange={(v) => {
            setFilter(v as typeof filter);
            setPage(1);
          }}
          data={[
            { value: 'all', label: '全部行' },
            { value: 'problems', label: `有问题（${preview.counts.problems}）` },
            { value: 'duplicates', label: `重复（${preview.counts.updated + preview.counts.skipped + preview.counts.merged}）` },
            { value: 'skipped', label: `非数据行（${preview.counts.nonDataRows}）` },
          ]}
        />
        {preview.sheets.length > 1 && (
          <Select aria-label="工作表" placeholder="全部工作表" clearable w={180} data={preview.sheets.map((s) => s.name)} value={sheet} onChange={(v) => (setSheet(v), setPage(1))} />
        )}
        <Text c="dimmed" size="sm">
          点击有问题的单元格可以直接修改。
        </Text>
      </Group>
      <ScrollArea>
        <Table withTableBorder striped fz="sm" miw={900} style={{ whiteSpace: 'nowrap' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>导入</Table.Th>
              <Table.Th w={90}>位置</Table.Th>
              <Table.Th w={100}>结果</Table.Th>
              <Table.Th miw={260}>问题</Table.Th>
              {Array.from({ length: width }, (_, c) => (
                <Table.Th key={c}>{headerOf(rows.rows[0]?.sheet ?? '')?.labels[c] ?? ''}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.rows.map((r) => {
              const isData = DATA.includes(String(r.outcome));
              const outcome = excluded(r) ? OUTCOME.excluded : (OUTCOME[String(r.outcome)] ?? { label: String(r.outcome), color: 'gray' });
              const problemColumns = new Set(r.issues.map((i) => i.column));
              return (
                <Table.Tr key={`${r.sheet}!${r.row}`} c={isData ? undefined : 'dimmed'}>
                  <Table.Td>
                    {isData && (
                      <Checkbox
                        aria-label={`导入第${r.row}行`}
                        checked={!excluded(r)}
                        onChange={(e) =>
                          onExclusions({
                            ...exclusions,
                            rows: e.currentTarget.checked ? exclusions.rows.filter((x) => !(x.sheet === r.sheet && x.row === r.row)) : [...exclusions.rows, { sheet: r.sheet, row: r.row }],
                          })
                        }
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    {preview.sheets.length > 1 ? `${r.sheet} ` : ''}第{r.row}行{r.hidden ? '（隐藏）' : ''}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={outcome.color} variant="light" miw={72}>
                      {outcome.label}
                    </Badge>
                  </Table.Td>
                  <Table.Td miw={260} maw={360} style={{ whiteSpace: 'normal' }}>
                    {r.issues.map((i) => (
                      <Text key={i.message} size="xs" c={r.outcome === 'rejected' ? 'red' : 'orange.9'}>
                        {i.message}
                      </Text>
                    ))}
                  </Table.Td>
                  {Array.from({ length: width }, (_, c) => {
                    const label = headerOf(r.sheet)?.labels[c] ?? '';
                    const problem = isData && problemColumns.has(label);
                    return (
                      <Table.Td
                        key={c}
                        bg={problem ? 'orange.1' : undefined}
                        style={{ cursor: isData ? 'pointer' : undefined }}
                        onClick={() => isData && setEditing({ row: r, col: c, value: r.cells[c] ?? '' })}
                        title={isData ? '点击修改' : undefined}
                      >
                        {r.cells[c] ?? ''}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {rows.total === 0 && (
        <Text c="dimmed" ta="center">
          没有符合条件的行
        </Text>
      )}
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          共 {rows.total} 行
        </Text>
        <Pagination total={Math.max(1, Math.ceil(rows.total / 100))} value={page} onChange={setPage} />
      </Group>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? `修改 ${editing.row.sheet} 第${editing.row.row}行“${headerOf(editing.row.sheet)?.labels[editing.col] ?? ''}”` : ''}>
        {editing && (
          <Stack>
            <TextInput label="新的值" data-autofocus value={editing.value} onChange={(e) => setEditing({ ...editing, value: e.currentTarget.value })} error={error} />
            <Text size="xs" c="dimmed">
              只修改本次导入的内容，原文件不变。
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setEditing(null)}>
                取消
              </Button>
              <Button
                onClick={async () => {
                  try {
                    onPreview(await call('imports.editCell', { session: preview.session, sheet: editing.row.sheet, row: editing.row.row, col: editing.col, value: editing.value }));
                    setEditing(null);
                    setError(null);
                  } catch (e) {
                    setError((e as Error).message);
                  }
                }}
              >
                确定
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
