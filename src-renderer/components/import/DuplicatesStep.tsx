import { Paper, Radio, Select, Stack, Table, Text, Title, Group } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ImportPreview, PreviewRow } from '../../../src-main/api/contract';
import { FIELD_LABELS } from '../../../src-main/shared/person';
import { call } from '../../api';

export type DuplicateMode = 'fillEmpty' | 'overwrite' | 'skip';
export interface DuplicateChoices {
  mode: DuplicateMode;
  rows: Record<string, DuplicateMode>;
}

const MODES = [
  { value: 'fillEmpty', label: '只补充空白项（推荐）' },
  { value: 'overwrite', label: '用文件中的内容覆盖' },
  { value: 'skip', label: '跳过，不改动已有档案' },
];

/** People already on file (matched by ID number, else name and birth date): what to do, field by field. */
export function DuplicatesStep({ preview, choices, onChange }: { preview: ImportPreview; choices: DuplicateChoices; onChange: (c: DuplicateChoices) => void }) {
  const [rows, setRows] = useState<PreviewRow[]>([]);
  useEffect(() => {
    call('imports.rows', { session: preview.session, filter: 'duplicates', page: 1 }).then((r) => setRows(r.rows));
  }, [preview]);
  const onFile = rows.filter((r) => r.outcome !== 'merged');
  const inFile = rows.filter((r) => r.outcome === 'merged');
  return (
    <Stack mt="md">
      {rows.length === 0 && <Text>文件中的人员都是新的，没有与已有档案或文件内其他行重复的人。</Text>}
      {onFile.length > 0 && (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            已有档案的人员（{onFile.length}）
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            按身份证号匹配；没有身份证号时按姓名加出生日期匹配，不会只凭姓名认定为同一人。
          </Text>
          <Radio.Group value={choices.mode} onChange={(v) => onChange({ ...choices, mode: v as DuplicateMode })} label="默认处理方式">
            <Group mt="xs">
              {MODES.map((m) => (
                <Radio key={m.value} value={m.value} label={m.label} />
              ))}
            </Group>
          </Radio.Group>
          <Table withTableBorder mt="md" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>位置</Table.Th>
                <Table.Th>姓名</Table.Th>
                <Table.Th>不一致的项目（已有 → 文件）</Table.Th>
                <Table.Th w={240}>处理</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {onFile.map((r) => {
                const key = `${r.sheet}!${r.row}`;
                return (
                  <Table.Tr key={key}>
                    <Table.Td>第{r.row}行</Table.Td>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>
                      {r.conflicts.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          无冲突
                        </Text>
                      ) : (
                        r.conflicts.map((c) => (
                          <Text key={c.field} size="sm">
                            {FIELD_LABELS[c.field] ?? c.field}：{c.existing} → {c.incoming}
                          </Text>
                        ))
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`第${r.row}行的处理方式`}
                        data={MODES}
                        value={choices.rows[key] ?? choices.mode}
                        onChange={(v) => v && onChange({ ...choices, rows: { ...choices.rows, [key]: v as DuplicateMode } })}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {inFile.length > 0 && (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            文件内重复出现的人员（{inFile.length}）
          </Title>
          <Text size="sm" c="dimmed">
            同一人在文件中出现多次（例如在两张工作表中），只建一份档案，后面的行补充前面缺少的内容：
            {inFile.map((r) => `${r.name}（${r.sheet} 第${r.row}行）`).join('、')}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}
