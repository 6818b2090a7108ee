import { Paper, Radio, Select, Stack, Text, Title, Group } from '@mantine/core';
import type { ImportPreview, PreviewRow } from '../../../src-main/contract/imports';
import { fieldLabel } from '../../../src-main/shared/fields';
import { DataTable } from '../../kit/DataTable';
import { useRpc } from '../../kit/rpc';
import type { DuplicateChoices, DuplicateMode } from './wizard';

const MODES = [
  { value: 'fillEmpty', label: '只补充空白项（推荐）' },
  { value: 'overwrite', label: '用文件中的内容覆盖' },
  { value: 'skip', label: '跳过，不改动已有档案' },
];

const keyOf = (r: PreviewRow) => `${r.sheet}!${r.row}`;

/** People already on file (matched by ID number, else name and birth date): what to do, field by field. */
export function DuplicatesStep({
  preview,
  choices,
  onChange,
}: {
  preview: ImportPreview;
  choices: DuplicateChoices;
  onChange: (c: DuplicateChoices) => void;
}) {
  const duplicates = useRpc('imports.rows', { session: preview.session, filter: 'duplicates', page: 1 });
  const rows = duplicates.data?.rows ?? [];
  const onFile = rows.filter((r) => r.outcome !== 'merged');
  const inFile = rows.filter((r) => r.outcome === 'merged');
  return (
    <Stack mt="md">
      {duplicates.data && rows.length === 0 && (
        <Text>文件中的人员都是新的，没有与已有档案或文件内其他行重复的人。</Text>
      )}
      {onFile.length > 0 && (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            已有档案的人员（{onFile.length}）
          </Title>
          <Text c="dimmed" mb="sm">
            按身份证号匹配；没有身份证号时按姓名加出生日期匹配，不会只凭姓名认定为同一人。
          </Text>
          <Radio.Group
            value={choices.mode}
            onChange={(v) => onChange({ ...choices, mode: v as DuplicateMode })}
            label="默认处理方式"
          >
            <Group mt="xs">
              {MODES.map((m) => (
                <Radio key={m.value} value={m.value} label={m.label} />
              ))}
            </Group>
          </Radio.Group>
          <DataTable<PreviewRow>
            mt="md"
            records={onFile}
            idAccessor={keyOf}
            striped
            columns={[
              { accessor: 'row', title: '位置', width: 100, render: (r) => `第${r.row}行` },
              { accessor: 'name', title: '姓名', width: 110 },
              {
                accessor: 'conflicts',
                title: '不一致的项目（已有 → 文件）',
                render: (r) =>
                  r.conflicts.length === 0 ? (
                    <Text c="dimmed">无冲突</Text>
                  ) : (
                    r.conflicts.map((c) => (
                      <Text key={c.field}>
                        {fieldLabel(c.field)}：{c.existing} → {c.incoming}
                      </Text>
                    ))
                  ),
              },
              {
                accessor: 'mode',
                title: '处理',
                width: 240,
                render: (r) => (
                  <Select
                    aria-label={`第${r.row}行的处理方式`}
                    data={MODES}
                    allowDeselect={false}
                    value={choices.rows[keyOf(r)] ?? choices.mode}
                    onChange={(v) =>
                      v && onChange({ ...choices, rows: { ...choices.rows, [keyOf(r)]: v as DuplicateMode } })
                    }
                  />
                ),
              },
            ]}
            rowLabel={(r) =>
              `第${r.row}行，${r.name}，${r.conflicts.length ? `${r.conflicts.length} 项不一致` : '无冲突'}`
            }
          />
        </Paper>
      )}
      {inFile.length > 0 && (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            文件内重复出现的人员（{inFile.length}）
          </Title>
          <Text c="dimmed">
            同一人在文件中出现多次（例如在两张工作表中），只建一份档案，后面的行补充前面缺少的内容：
            {inFile.map((r) => `${r.name}（${r.sheet} 第${r.row}行）`).join('、')}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}
