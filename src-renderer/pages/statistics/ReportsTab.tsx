// 上报报表: the fixed tables sent upward (统计年报) for a year, as the form has them — picked, seen,
// printed on A4 landscape, exported as .xlsx — with what the clerk should settle first (a work start
// date that straddles a period, no rank, no staff type) and, under a 两年数字变化 table, the people
// behind a non-zero 差, each a link to the file. The office may word the rows as its province's form
// does (行标签).
import {
  Alert,
  Anchor,
  Button,
  Group,
  List,
  Modal,
  NumberInput,
  Select,
  Spoiler,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconDownload, IconPrinter, IconTags } from '@tabler/icons-react';
import { useState } from 'react';
import { headerRows, REPORT_NAMES, UPWARD_REPORTS, type ReportName } from '../../../src-main/contract/upward';
import type { UpwardTable } from '../../../src-main/contract/statistics';
import { formatYuan } from '../../../src-main/shared/money';
import { download } from '../../files';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';

const PATH = '/statistics/reports';

const PersonLink = ({ id, name }: { id: number; name: string }) => (
  <Anchor component="button" type="button" fw={600} onClick={() => navigate(`/people/${id}`)}>
    {name || `档案 ${id}`}
  </Anchor>
);

/** The table as the form draws it: the two-row header, the rows, those apart under a double rule. */
function UpwardGrid({ t }: { t: UpwardTable }) {
  const head = headerRows(t.rowHeading, t.columns);
  return (
    <Table withTableBorder withColumnBorders fz="md" aria-label={t.title}>
      <Table.Thead>
        {head.map((r, i) => (
          <Table.Tr key={i}>
            {r.map((c, j) => (
              <Table.Th key={j} colSpan={c.colSpan} rowSpan={c.rowSpan} ta="center">
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        ))}
      </Table.Thead>
      <Table.Tbody>
        {t.rows.map((r) => (
          <Table.Tr
            key={r.key}
            fw={r.key === 'total' ? 700 : undefined}
            fs={r.apart ? 'italic' : undefined}
            style={r.apart ? { borderTop: '3px double var(--mantine-color-gray-6)' } : undefined}
          >
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.label}</Table.Td>
            {r.cells.map((n, i) => (
              <Table.Td key={i} ta="right" c={t.columns[i].key === 'difference' && n !== 0 ? 'red' : undefined}>
                {t.columns[i].money ? formatYuan(n) : n}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The rows' labels as the office words them; an empty one is the form's default. */
function RowLabels({ t, onClose }: { t: UpwardTable; onClose: () => void }) {
  const defaults = UPWARD_REPORTS[t.report].rows;
  const [labels, setLabels] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      t.rows.map((r) => [r.key, r.label === defaults.find((d) => d.key === r.key)?.label ? '' : r.label]),
    ),
  );
  const save = useRpcMutation('statistics.saveReportLabels', {
    invalidates: ['statistics.report'],
    onSuccess: onClose,
  });
  return (
    <Modal opened onClose={onClose} title={`行标签：${t.title}`} size="lg">
      <Stack gap="xs">
        <Text c="dimmed">按本省表样填写各行的名称；留空则用默认名称。</Text>
        {defaults.map((d) => (
          <TextInput
            key={d.key}
            label={d.label}
            placeholder={d.label}
            value={labels[d.key] ?? ''}
            onChange={(e) => setLabels({ ...labels, [d.key]: e.currentTarget.value })}
          />
        ))}
        {save.error && <Alert color="red">{save.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate({ report: t.report, labels })}>
            保存
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The table and year in the address (#/statistics/reports?report=lixiu-basic&year=2025), default last year's. */
export function ReportsTab({ params }: { params: URLSearchParams }) {
  const asked = params.get('report') as ReportName | null;
  const report: ReportName = asked && REPORT_NAMES.includes(asked) ? asked : 'lixiu-change';
  const year = Number(params.get('year') ?? new Date().getFullYear() - 1);
  const valid = Number.isInteger(year) && year >= 1949 && year <= 2200;
  const table = useRpc('statistics.report', valid ? { report, year } : null);
  const exported = useRpcMutation('statistics.reportExport', { onSuccess: (f) => download(f.fileName, f.dataBase64) });
  const [editing, setEditing] = useState(false);
  const t = table.data;
  const go = (next: { report?: string; year?: string }) => navigate(PATH, { report, year: String(year), ...next });
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <Select
          label="报表名称"
          w={340}
          allowDeselect={false}
          data={REPORT_NAMES.map((name) => ({ value: name, label: UPWARD_REPORTS[name].title }))}
          value={report}
          onChange={(v) => v && go({ report: v })}
        />
        <NumberInput
          label="年度"
          value={year}
          onChange={(v) => go({ year: String(v) })}
          min={1949}
          max={2200}
          w={120}
          allowDecimal={false}
        />
        <Button
          leftSection={<IconPrinter size={18} />}
          disabled={!t}
          onClick={() => navigate('/print/upward', { report, year: String(year) })}
        >
          打印
        </Button>
        <Can method="statistics.reportExport">
          <Button
            variant="light"
            leftSection={<IconDownload size={18} />}
            disabled={!t}
            loading={exported.isPending}
            onClick={() => exported.mutate({ report, year })}
          >
            导出 Excel
          </Button>
        </Can>
        <Can method="statistics.saveReportLabels">
          <Button variant="default" leftSection={<IconTags size={18} />} disabled={!t} onClick={() => setEditing(true)}>
            行标签
          </Button>
        </Can>
      </Group>
      {table.error && <Alert color="red">{table.error.message}</Alert>}
      {exported.error && <Alert color="red">{exported.error.message}</Alert>}
      {t && (
        <>
          <Stack gap={4}>
            <Title order={3} ta="center">
              {t.title}
            </Title>
            <Group justify="space-between">
              <Text>填报单位：{t.orgName || '（未填写单位名称）'}</Text>
              <Text>{t.year}年度</Text>
            </Group>
          </Stack>
          <UpwardGrid t={t} />
          {t.notes.map((n) => (
            <Text key={n} c="dimmed" size="sm">
              {n}
            </Text>
          ))}
          {t.toSettle.map((s) => (
            <Alert key={s.reason} color="orange" title={`${s.reason}（${s.total} 人）`}>
              <Spoiler maxHeight={130} showLabel="展开全部" hideLabel="收起">
                <List spacing={4}>
                  {s.people.map((p) => (
                    <List.Item key={p.personId}>
                      <PersonLink id={p.personId} name={p.name} />：{p.detail}
                    </List.Item>
                  ))}
                </List>
              </Spoiler>
              {s.total > s.people.length && <Text mt="xs">另有 {s.total - s.people.length} 人未列出。</Text>}
            </Alert>
          ))}
          {t.balance && t.balance.people.length > 0 && (
            <Stack gap="xs">
              <Title order={4}>实有数与应有数之差涉及的人员（可写入说明）</Title>
              <List spacing="xs">
                {t.balance.people.map((p) => (
                  <List.Item key={p.personId}>
                    <PersonLink id={p.personId} name={p.name} />：{p.changes.join('；')}
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
          {t.balance && t.balance.people.length === 0 && <Text>本年实有数与应有数一致。</Text>}
          {t.balance && t.balance.corrections.length > 0 && (
            <Alert color="blue" title={`${t.year}年更正的档案`}>
              <List>
                {t.balance.corrections.map((c, i) => (
                  <List.Item key={i}>
                    <PersonLink id={c.personId} name={c.name} />：{c.change}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          {editing && <RowLabels t={t} onClose={() => setEditing(false)} />}
        </>
      )}
    </Stack>
  );
}
