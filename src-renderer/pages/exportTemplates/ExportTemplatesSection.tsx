// 导出模板 (in 设置): the templates per recipient, made and edited by those who may export lists,
// used by everyone; each saved as a small .json file for a colleague's workstation, and such a file
// imported here, a name the recipient already has asking to replace it or keep both.
import { Button, FileButton, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { IconFileExport, IconFileImport, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import {
  TEMPLATE_FILE_MAX_CHARS,
  exportColumnLabel,
  type ExportTemplate,
  type TemplateImport,
} from '../../../src-main/contract/exportTemplates';
import { DATE_FORMATS, ID_FORMATS } from '../../../src-main/shared/exportFormats';
import { download } from '../../files';
import { DataTable } from '../../kit/DataTable';
import { Can, useCan } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done, failed } from '../../notify';
import { TemplateEditor } from './TemplateEditor';

type Clash = Extract<TemplateImport, { clash: unknown }>['clash'];

function ImportTemplateButton() {
  const [pending, setPending] = useState<{ text: string; clash: Clash } | null>(null);
  const importFile = useRpcMutation('exportTemplates.import', {
    invalidates: ['exportTemplates.list'],
    onSuccess: (r, input) => {
      if ('clash' in r) return setPending({ text: input.text, clash: r.clash });
      setPending(null);
      done(`已导入导出模板“${r.saved.recipient} / ${r.saved.name}”${r.replaced ? '（已替换原模板）' : ''}`);
    },
  });
  const pick = async (file: File | null) => {
    if (!file) return;
    // A template file is a few hundred bytes: a large file is refused before it is read.
    if (file.size > TEMPLATE_FILE_MAX_CHARS * 4)
      return failed(new Error('这个文件太大，不是导出模板文件（模板文件只有几百字节），未导入任何内容'));
    importFile.mutate({ text: await file.text() });
  };
  return (
    <>
      <FileButton onChange={(f) => void pick(f)} accept=".json,application/json">
        {(props) => (
          <Button
            variant="default"
            leftSection={<IconFileImport size={18} />}
            loading={importFile.isPending}
            {...props}
          >
            导入模板文件
          </Button>
        )}
      </FileButton>
      <Modal opened={pending !== null} onClose={() => setPending(null)} title="已有同名模板" size="lg">
        {pending && (
          <Stack>
            <Text>
              接收单位“{pending.clash.recipient}”已有名为“{pending.clash.name}
              ”的导出模板。要替换原模板，还是两个都保留？
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                取消
              </Button>
              <Button variant="default" onClick={() => importFile.mutate({ text: pending.text, onClash: 'keepBoth' })}>
                都保留（导入为“{pending.clash.keepBothAs}”）
              </Button>
              <Button color="orange" onClick={() => importFile.mutate({ text: pending.text, onClash: 'replace' })}>
                替换原模板
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

export function ExportTemplatesSection() {
  const templates = useRpc('exportTemplates.list', {});
  const mayEdit = useCan('exportTemplates.save');
  // undefined: no editor open; null: a new template.
  const [editing, setEditing] = useState<ExportTemplate | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<ExportTemplate | null>(null);
  const fileOf = useRpcMutation('exportTemplates.export', {
    onSuccess: (f) => download(f.fileName, f.dataBase64, 'application/json'),
  });
  const remove = useRpcMutation('exportTemplates.delete', {
    invalidates: ['exportTemplates.list'],
    onSuccess: () => {
      done(`已删除导出模板“${deleting?.name ?? ''}”`);
      setDeleting(null);
    },
  });
  const list = templates.data ?? [];
  return (
    <Paper withBorder p="md" id="export-templates">
      <Group justify="space-between" mb="sm">
        <Title order={4}>导出模板</Title>
        <Can method="exportTemplates.save">
          <Group>
            <ImportTemplateButton />
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing(null)}>
              新建导出模板
            </Button>
          </Group>
        </Can>
      </Group>
      <Text c="dimmed" size="sm" mb="sm">
        按接收单位保存要导出的列、顺序、列标题、身份证号和日期格式以及表格标题；在“人员档案”中点“按模板导出”即可一键导出。
        模板可存为文件，带到别的电脑导入。
      </Text>
      <DataTable<ExportTemplate>
        records={list}
        fetching={templates.isPending}
        minHeight={list.length ? undefined : 120}
        noRecordsText="还没有导出模板"
        rowLabel={(t) => `${t.recipient}，${t.name}`}
        onRowOpen={mayEdit ? (t) => setEditing(t) : undefined}
        columns={[
          { accessor: 'recipient', title: '接收单位' },
          { accessor: 'name', title: '模板名称' },
          { accessor: 'title', title: '表格标题' },
          {
            accessor: 'columns',
            title: '导出列',
            render: (t) => (
              <Text size="sm" lineClamp={2}>
                {t.columns.map((c) => c.heading ?? exportColumnLabel(c.key)).join('、')}
              </Text>
            ),
          },
          {
            accessor: 'formats',
            title: '格式',
            render: (t) => `${ID_FORMATS[t.idFormat]}；${DATE_FORMATS[t.dateFormat].example}`,
          },
          { accessor: 'updatedBy', title: '修改人', render: (t) => `${t.updatedBy} ${t.updatedAt.slice(0, 10)}` },
          {
            accessor: 'actions',
            title: '',
            textAlign: 'right',
            render: (t) => (
              // The row opens the editor on a click: a button of the row does only what it says.
              <Group gap="xs" justify="flex-end" wrap="nowrap" onClick={(e) => e.stopPropagation()}>
                <Button
                  size="xs"
                  variant="subtle"
                  leftSection={<IconFileExport size={16} />}
                  onClick={() => fileOf.mutate({ id: t.id })}
                >
                  导出模板文件
                </Button>
                <Can method="exportTemplates.save">
                  <Button size="xs" variant="light" onClick={() => setEditing(t)}>
                    编辑
                  </Button>
                  <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(t)}>
                    删除
                  </Button>
                </Can>
              </Group>
            ),
          },
        ]}
      />
      {editing !== undefined && (
        <TemplateEditor
          key={editing?.id ?? 'new'}
          template={editing}
          recipients={[...new Set(list.map((t) => t.recipient))]}
          opened
          onClose={() => setEditing(undefined)}
        />
      )}
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="删除导出模板">
        <Stack>
          <Text>
            删除“{deleting?.recipient} / {deleting?.name}”？已导出的文件不受影响。
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              取消
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => deleting && remove.mutate({ id: deleting.id })}
            >
              删除
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
