// The people list's exports through a template (issue 19 item 6): 按模板导出, a menu of the
// templates by recipient, each one click away (masked, as a list sent outside should be); and in
// the export dialog, the template beside the masked / full choice, for a full list.
import { Button, Menu, Select } from '@mantine/core';
import { IconChevronDown, IconTemplate } from '@tabler/icons-react';
import type { ExportTemplate } from '../../../src-main/contract/exportTemplates';
import { useRpc } from '../../kit/rpc';
import { navigate } from '../../route';

/** The templates grouped by recipient, in the order the list gives them (by recipient, then name). */
function byRecipient(templates: ExportTemplate[]): [string, ExportTemplate[]][] {
  const groups = new Map<string, ExportTemplate[]>();
  for (const t of templates) groups.set(t.recipient, [...(groups.get(t.recipient) ?? []), t]);
  return [...groups];
}

export function TemplateExportMenu({
  loading,
  onExport,
}: {
  loading: boolean;
  onExport: (templateId: number) => void;
}) {
  const templates = useRpc('exportTemplates.list', {}).data ?? [];
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconTemplate size={18} />}
          rightSection={<IconChevronDown size={16} />}
          loading={loading}
        >
          按模板导出
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {templates.length === 0 && <Menu.Label>还没有导出模板</Menu.Label>}
        {byRecipient(templates).map(([recipient, list]) => [
          <Menu.Label key={`label-${recipient}`}>{recipient}</Menu.Label>,
          ...list.map((t) => (
            <Menu.Item key={t.id} onClick={() => onExport(t.id)}>
              {t.name}
            </Menu.Item>
          )),
        ])}
        <Menu.Divider />
        <Menu.Label>以上均为脱敏导出；完整导出请用“导出 Excel”</Menu.Label>
        <Menu.Item onClick={() => navigate('/settings')}>管理导出模板……</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function TemplateSelect({ value, onChange }: { value: number | null; onChange: (id: number | null) => void }) {
  const templates = useRpc('exportTemplates.list', {}).data ?? [];
  return (
    <Select
      label="导出模板"
      placeholder="不用模板（全部列）"
      clearable
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v === null ? null : Number(v))}
      data={byRecipient(templates).map(([recipient, list]) => ({
        group: recipient,
        items: list.map((t) => ({ value: String(t.id), label: t.name })),
      }))}
    />
  );
}
