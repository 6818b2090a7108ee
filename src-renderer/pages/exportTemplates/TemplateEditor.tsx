// 新建 / 编辑导出模板: the recipient, the name and title, the ID and date formats, and the columns
// picked and put in order (上移 / 下移 buttons, reachable by Tab and pressed with Enter or Space),
// each under the recipient's own heading if it has one; the first rows of the roster shown as the
// template will write them (masked), so the clerk sees the list before a recipient does.
import {
  ActionIcon,
  Autocomplete,
  Group,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import {
  COMMON_RECIPIENTS,
  TemplateInput,
  exportColumnLabel,
  type ExportColumnKey,
  type ExportTemplate,
} from '../../../src-main/contract/exportTemplates';
import { EXPORT_COLUMN_KEYS } from '../../../src-main/contract/retirees';
import { DATE_FORMATS, ID_FORMATS, type DateFormat, type IdFormat } from '../../../src-main/shared/exportFormats';
import { FormModal } from '../../kit/FormModal';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';

export interface TemplateValues extends Record<string, unknown> {
  list: 'roster';
  recipient: string;
  name: string;
  title: string;
  columns: { key: ExportColumnKey; heading: string }[];
  idFormat: IdFormat;
  dateFormat: DateFormat;
}

const DEFAULT_COLUMNS: ExportColumnKey[] = ['name', 'gender', 'idNumber', 'birthDate', 'category', 'address', 'phone'];

export function templateValues(t: ExportTemplate | null): TemplateValues {
  if (!t)
    return {
      list: 'roster',
      recipient: '',
      name: '',
      title: '',
      columns: DEFAULT_COLUMNS.map((key) => ({ key, heading: '' })),
      idFormat: 'full',
      dateFormat: 'iso',
    };
  return {
    list: t.list,
    recipient: t.recipient,
    name: t.name,
    title: t.title,
    columns: t.columns.map((c) => ({ key: c.key, heading: c.heading ?? '' })),
    idFormat: t.idFormat,
    dateFormat: t.dateFormat,
  };
}

export const ID_FORMAT_OPTIONS = Object.entries(ID_FORMATS).map(([value, label]) => ({ value, label }));
export const DATE_FORMAT_OPTIONS = Object.entries(DATE_FORMATS).map(([value, f]) => ({
  value,
  label: `${f.example}（${f.words}）`,
}));

/** The columns picked, in order: each moved up or down, headed as the recipient words it, or removed. */
function ColumnsPicker({ form }: { form: UseFormReturnType<TemplateValues> }) {
  const columns = form.getValues().columns;
  const unused = EXPORT_COLUMN_KEYS.filter((k) => !columns.some((c) => c.key === k));
  return (
    <Stack gap={6}>
      <Text fw={500} size="sm">
        导出列（按顺序；列标题不填则用程序的名称）
      </Text>
      {columns.map((c, i) => {
        const label = exportColumnLabel(c.key);
        return (
          <Group key={c.key} gap="xs" wrap="nowrap" data-testid="template-column">
            <Text w={28} c="dimmed" ta="right">
              {i + 1}
            </Text>
            <Text w={110}>{label}</Text>
            <TextInput
              flex={1}
              size="sm"
              placeholder={label}
              aria-label={`“${label}”的列标题`}
              {...form.getInputProps(`columns.${i}.heading`)}
            />
            <ActionIcon
              variant="default"
              aria-label={`上移“${label}”`}
              disabled={i === 0}
              onClick={() => form.reorderListItem('columns', { from: i, to: i - 1 })}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label={`下移“${label}”`}
              disabled={i === columns.length - 1}
              onClick={() => form.reorderListItem('columns', { from: i, to: i + 1 })}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
            <ActionIcon
              variant="default"
              color="red"
              aria-label={`去掉“${label}”`}
              onClick={() => form.removeListItem('columns', i)}
            >
              <IconX size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      {form.errors.columns && (
        <Text c="red.8" size="sm" role="alert">
          {form.errors.columns}
        </Text>
      )}
      <Select
        label="添加一列"
        placeholder={unused.length ? '选择要添加的列' : '已选全部列'}
        disabled={unused.length === 0}
        searchable
        value={null}
        data={unused.map((k) => ({ value: k, label: exportColumnLabel(k) }))}
        onChange={(k) => k && form.insertListItem('columns', { key: k as ExportColumnKey, heading: '' })}
      />
    </Stack>
  );
}

/** The first rows of the roster as the template writes them (masked). */
function Preview({ values }: { values: TemplateValues }) {
  const [debounced] = useDebouncedValue(values, 400);
  const parsed = TemplateInput.safeParse(debounced);
  const preview = useRpc('exportTemplates.preview', parsed.success ? { template: debounced } : null);
  return (
    <Paper withBorder p="sm">
      <Text fw={500} size="sm" mb={4}>
        预览（前 5 人，脱敏）
      </Text>
      {!parsed.success ? (
        <Text c="dimmed" size="sm">
          填好接收单位、名称、标题并至少选一列后显示
        </Text>
      ) : preview.data ? (
        <ScrollArea type="auto">
          <Text ta="center" fw={700}>
            {preview.data.title}
          </Text>
          <Table withTableBorder withColumnBorders striped fz="sm" aria-label="导出预览">
            <Table.Thead>
              <Table.Tr>
                {preview.data.headings.map((h, i) => (
                  <Table.Th key={i} style={{ whiteSpace: 'nowrap' }}>
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.data.rows.map((r, i) => (
                <Table.Tr key={i}>
                  {r.map((v, j) => (
                    <Table.Td key={j} style={{ whiteSpace: 'nowrap' }}>
                      {v ?? ''}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      ) : (
        <Text c="dimmed" size="sm">
          正在读取……
        </Text>
      )}
    </Paper>
  );
}

export function TemplateEditor({
  template,
  recipients,
  opened,
  onClose,
}: {
  /** null: a new template. */
  template: ExportTemplate | null;
  recipients: string[];
  opened: boolean;
  onClose: () => void;
}) {
  const form = useForm<TemplateValues>({
    mode: 'controlled',
    initialValues: templateValues(template),
    validate: zod4Resolver(TemplateInput as never),
  });
  const save = useRpcMutation('exportTemplates.save', {
    invalidates: ['exportTemplates.list'],
    // Refusals stay in the dialog, beside their fields (FormModal).
    onError: () => {},
    onSuccess: (t) => done(`已保存导出模板“${t.name}”`),
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={template ? `编辑导出模板：${template.name}` : '新建导出模板'}
      form={form}
      size="xl"
      onSubmit={(v) =>
        save.mutateAsync(template ? { id: template.id, version: template.version, template: v } : { template: v })
      }
    >
      <SimpleGrid cols={2}>
        <Autocomplete
          label="接收单位"
          placeholder="如：社保中心"
          data-autofocus
          data={[...new Set([...COMMON_RECIPIENTS, ...recipients])]}
          {...form.getInputProps('recipient')}
        />
        <TextInput label="模板名称" placeholder="如：年度资格认证名单" {...form.getInputProps('name')} />
      </SimpleGrid>
      <TextInput label="表格标题" description="表格第一行的标题，也是文件名" {...form.getInputProps('title')} />
      <SimpleGrid cols={2}>
        <Select
          label="身份证号"
          description="脱敏导出时仍按脱敏规则显示"
          data={ID_FORMAT_OPTIONS}
          allowDeselect={false}
          {...form.getInputProps('idFormat')}
        />
        <Select
          label="日期格式"
          data={DATE_FORMAT_OPTIONS}
          allowDeselect={false}
          {...form.getInputProps('dateFormat')}
        />
      </SimpleGrid>
      <ColumnsPicker form={form} />
      <Preview values={form.getValues()} />
    </FormModal>
  );
}
