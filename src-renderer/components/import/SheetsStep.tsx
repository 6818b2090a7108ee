import { Alert, Badge, Checkbox, Text } from '@mantine/core';
import type { ImportPreview } from '../../../src-main/contract/imports';
import { DataTable } from '../../kit/DataTable';
import type { Exclusions } from './wizard';

type Sheet = ImportPreview['sheets'][number];

/** Every sheet, with its rows; hidden sheets and rows are shown as such and imported unless excluded. */
export function SheetsStep({
  preview,
  exclusions,
  onChange,
}: {
  preview: ImportPreview;
  exclusions: Exclusions;
  onChange: (e: Exclusions) => void;
}) {
  const hidden = preview.sheets.some((s) => s.hidden || s.hiddenRows > 0);
  const included = (s: Sheet) => !exclusions.sheets.includes(s.name);
  const toggle = (s: Sheet) => {
    if (!s.header) return;
    onChange({
      ...exclusions,
      sheets: included(s) ? [...exclusions.sheets, s.name] : exclusions.sheets.filter((x) => x !== s.name),
    });
  };
  return (
    <>
      {hidden && (
        <Alert color="yellow" mt="md">
          文件中有隐藏的工作表或行（常用来存放已故人员），默认一并导入；不需要的可以不勾选。
        </Alert>
      )}
      <DataTable<Sheet>
        mt="md"
        striped
        records={preview.sheets}
        idAccessor="name"
        columns={[
          {
            accessor: 'include',
            title: '导入',
            width: 70,
            render: (s) => (
              <Checkbox
                size="md"
                aria-label={`导入工作表${s.name}`}
                checked={included(s)}
                disabled={!s.header}
                onChange={() => toggle(s)}
              />
            ),
          },
          {
            accessor: 'name',
            title: '工作表',
            render: (s) => (
              <>
                {s.name}
                {s.hidden && (
                  <Badge ml="xs" size="lg" color="gray" variant="outline">
                    隐藏
                  </Badge>
                )}
              </>
            ),
          },
          { accessor: 'rowCount', title: '总行数' },
          { accessor: 'dataRows', title: '人员数据行' },
          { accessor: 'hiddenRows', title: '隐藏行', render: (s) => s.hiddenRows || '' },
          {
            accessor: 'header',
            title: '表头',
            render: (s) =>
              s.header ? (
                `第 ${s.header.firstRow + 1}${s.header.lastRow > s.header.firstRow ? `–${s.header.lastRow + 1}` : ''} 行`
              ) : (
                <Text c="dimmed">未找到（不像人员名单）</Text>
              ),
          },
        ]}
        onRowToggle={toggle}
        rowLabel={(s) =>
          `工作表${s.name}，人员数据 ${s.dataRows} 行，${s.header ? (included(s) ? '导入' : '不导入') : '未找到表头'}`
        }
      />
    </>
  );
}
