import { Alert, Badge, Checkbox, Table, Text } from '@mantine/core';
import type { ImportPreview } from '../../../src-main/api/contract';
import type { Exclusions } from '../../pages/ImportPage';

/** Every sheet, with its rows; hidden sheets and rows are shown as such and imported unless excluded. */
export function SheetsStep({ preview, exclusions, onChange }: { preview: ImportPreview; exclusions: Exclusions; onChange: (e: Exclusions) => void }) {
  const hidden = preview.sheets.some((s) => s.hidden || s.hiddenRows > 0);
  return (
    <>
      {hidden && (
        <Alert color="yellow" mt="md">
          文件中有隐藏的工作表或行（常用来存放已故人员），默认一并导入；不需要的可以不勾选。
        </Alert>
      )}
      <Table mt="md" withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>导入</Table.Th>
            <Table.Th>工作表</Table.Th>
            <Table.Th>总行数</Table.Th>
            <Table.Th>人员数据行</Table.Th>
            <Table.Th>隐藏行</Table.Th>
            <Table.Th>表头</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.sheets.map((s) => (
            <Table.Tr key={s.name}>
              <Table.Td>
                <Checkbox
                  aria-label={`导入工作表${s.name}`}
                  checked={!exclusions.sheets.includes(s.name)}
                  disabled={!s.header}
                  onChange={(e) =>
                    onChange({
                      ...exclusions,
                      sheets: e.currentTarget.checked ? exclusions.sheets.filter((x) => x !== s.name) : [...exclusions.sheets, s.name],
                    })
                  }
                />
              </Table.Td>
              <Table.Td>
                {s.name}
                {s.hidden && (
                  <Badge ml="xs" color="gray" variant="outline">
                    隐藏
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{s.rowCount}</Table.Td>
              <Table.Td>{s.dataRows}</Table.Td>
              <Table.Td>{s.hiddenRows || ''}</Table.Td>
              <Table.Td>
                {s.header ? (
                  <Text size="sm">
                    第 {s.header.firstRow + 1}
                    {s.header.lastRow > s.header.firstRow ? `–${s.header.lastRow + 1}` : ''} 行
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    未找到（不像人员名单）
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
