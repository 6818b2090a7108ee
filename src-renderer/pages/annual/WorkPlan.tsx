// 年度工作计划: the year's items with their owner and month; each ticked off by linking the record
// that fulfilled it (a festival batch, an activity or meeting, a study material handed out), whose
// name and date then show beside it and lead to it. Overdue items and those whose record is gone
// (待核实) are named above the table. Last year's plan copied in one step; the plan printed.
// The item being linked is in the address (`link=12`), so the dialog survives a reload.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconCopy, IconLink, IconPlus, IconPrinter } from '@tabler/icons-react';
import {
  PLAN_LINK_KINDS,
  type PlanItemView,
  type PlanLinkKind,
  type PlanState,
} from '../../../src-main/contract/office';
import { formatChineseDate } from '../../../src-main/shared/dates';
import { DataTable } from '../../kit/DataTable';
import { FormModal } from '../../kit/FormModal';
import { Can, useOperator } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { navigate } from '../../route';
import { textField, validatedAs } from '../person/fields';

const PLAN_READS = ['plan.get', 'plan.candidates', 'reminders.groups'] as const;
const STATE_COLORS: Record<PlanState, string> = { 已完成: 'teal', 待核实: 'orange', 已超期: 'red', 待完成: 'gray' };
const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

export function WorkPlan({ year, params }: { year: number; params: URLSearchParams }) {
  const plan = useRpc('plan.get', { year });
  const [adding, addDialog] = useDisclosure(false);
  const [copying, copyDialog] = useDisclosure(false);
  const linking = Number(params.get('link')) || null;
  const openLink = (id: number | null) =>
    navigate('/annual/plan', { year: String(year), ...(id === null ? {} : { link: String(id) }) });
  const p = plan.data;
  const attention = p?.items.filter((i) => i.state === '已超期' || i.state === '待核实') ?? [];
  const linked = p?.items.find((i) => i.id === linking) ?? null;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="xs">
          {p &&
            (Object.keys(STATE_COLORS) as PlanState[]).map((s) => (
              <Badge key={s} color={STATE_COLORS[s]} variant="light" size="lg">
                {s} {p.counts[s]} 项
              </Badge>
            ))}
        </Group>
        <Group>
          <Can method="plan.addItem">
            <Button leftSection={<IconPlus size={18} />} onClick={addDialog.open}>
              添加计划事项
            </Button>
          </Can>
          {p && p.items.length === 0 && (
            <Can method="plan.copy">
              <Button variant="light" leftSection={<IconCopy size={18} />} onClick={copyDialog.open}>
                复制 {year - 1} 年度计划
              </Button>
            </Can>
          )}
          <Button
            variant="light"
            leftSection={<IconPrinter size={18} />}
            onClick={() => navigate('/print/plan', { year: String(year) })}
          >
            打印计划
          </Button>
        </Group>
      </Group>
      {attention.length > 0 && (
        <Alert color="red" title={`超期或待核实 ${attention.length} 项`}>
          {attention.map((i) => (
            <Text key={i.id} size="sm">
              {i.seq}. {i.content}（{i.owner}，{formatChineseDate(i.dueMonth)}）：{i.state}
              {i.state === '待核实' && `，${i.links.find((l) => l.problem)?.problem ?? ''}`}
            </Text>
          ))}
        </Alert>
      )}
      <DataTable<PlanItemView>
        records={p?.items ?? []}
        fetching={plan.isFetching}
        minHeight={p?.items.length ? undefined : 120}
        noRecordsText={`${year} 年度还没有工作计划`}
        onRowOpen={(i) => openLink(i.id)}
        rowLabel={(i) => `第 ${i.seq} 项，${i.content}，${i.state}`}
        columns={[
          { accessor: 'seq', title: '序号', width: 60 },
          {
            accessor: 'content',
            title: '工作内容',
            render: (i) => (
              <Text>
                {i.category && (
                  <Badge variant="outline" mr={6}>
                    {i.category}
                  </Badge>
                )}
                {i.content}
              </Text>
            ),
          },
          { accessor: 'owner', title: '责任人' },
          { accessor: 'dueMonth', title: '完成时限', render: (i) => formatChineseDate(i.dueMonth) },
          {
            accessor: 'state',
            title: '完成情况',
            render: (i) => (
              <Stack gap={2}>
                <Badge color={STATE_COLORS[i.state]} variant="light">
                  {i.state}
                </Badge>
                {i.links.map((l) => (
                  <Text key={l.id} size="sm" c={l.problem ? 'orange.9' : undefined}>
                    {l.kindLabel}：
                    {l.href ? (
                      <Anchor href={l.href} onClick={(e) => e.stopPropagation()}>
                        {l.name}
                      </Anchor>
                    ) : (
                      `第 ${l.recordId} 号`
                    )}
                    {l.date && `（${formatChineseDate(l.date)}）`}
                    {l.problem && `：${l.problem}`}
                  </Text>
                ))}
              </Stack>
            ),
          },
          {
            accessor: 'id',
            title: '',
            render: (i) => (
              <Can method="plan.link">
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconLink size={14} />}
                  onClick={(e) => {
                    e.stopPropagation();
                    openLink(i.id);
                  }}
                >
                  关联完成依据
                </Button>
              </Can>
            ),
          },
        ]}
      />
      <Text c="dimmed" size="sm">
        完成一项计划后，关联完成它的记录（慰问批次、活动会议、学习资料）即记为已完成；关联的记录被删除或撤销时，该项显示为“待核实”。
      </Text>
      <ItemModal year={year} opened={adding} onClose={addDialog.close} item={null} />
      <CopyModal year={year} opened={copying} onClose={copyDialog.close} />
      {linked && <LinkModal item={linked} onClose={() => openLink(null)} />}
    </Stack>
  );
}

function ItemModal({
  year,
  opened,
  onClose,
  item,
}: {
  year: number;
  opened: boolean;
  onClose: () => void;
  /** The item to change; null adds one. */
  item: PlanItemView | null;
}) {
  const me = useOperator();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      year,
      content: item?.content ?? '',
      category: item?.category ?? null,
      owner: item?.owner ?? me?.name ?? '',
      dueMonth: item?.dueMonth ?? `${year}-12`,
      note: item?.note ?? null,
    },
    validate: validatedAs('plan.addItem'),
  });
  const add = useRpcMutation('plan.addItem', {
    invalidates: [...PLAN_READS],
    onSuccess: (i) => done(`已添加第 ${i.seq} 项计划`),
    onError: () => {},
  });
  const update = useRpcMutation('plan.updateItem', {
    invalidates: [...PLAN_READS],
    onSuccess: (i) => done(`已修改第 ${i.seq} 项计划`),
    onError: () => {},
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={item ? `修改第 ${item.seq} 项计划` : `添加 ${year} 年度工作计划事项`}
      form={form}
      onSubmit={({ year: _year, ...v }) =>
        item ? update.mutateAsync({ ...v, id: item.id }) : add.mutateAsync({ ...v, year })
      }
    >
      <Textarea label="工作内容" autosize minRows={2} data-autofocus {...form.getInputProps('content')} />
      <Group grow>
        <TextInput label="类别" placeholder="如：走访慰问、组织生活" {...textField(form, 'category')} />
        <TextInput label="责任人" {...form.getInputProps('owner')} />
        <Select
          label="完成时限"
          data={MONTHS.map((m) => ({ value: `${year}-${m}`, label: `${year}年${Number(m)}月` }))}
          allowDeselect={false}
          {...form.getInputProps('dueMonth')}
        />
      </Group>
      <TextInput label="备注" {...textField(form, 'note')} />
    </FormModal>
  );
}

function RemoveModal({ item, opened, onClose }: { item: PlanItemView; opened: boolean; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { id: item.id, reason: '' },
    validate: validatedAs('plan.removeItem'),
  });
  const remove = useRpcMutation('plan.removeItem', {
    invalidates: [...PLAN_READS],
    onSuccess: () => done(`已删除第 ${item.seq} 项计划`),
    onError: () => {},
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`删除第 ${item.seq} 项计划：${item.content}`}
      form={form}
      submitLabel="删除"
      submitColor="red"
      onSubmit={(v) => remove.mutateAsync(v)}
    >
      <TextInput label="删除原因" data-autofocus {...form.getInputProps('reason')} />
    </FormModal>
  );
}

function CopyModal({ year, opened, onClose }: { year: number; opened: boolean; onClose: () => void }) {
  const form = useForm({ initialValues: { fromYear: year - 1, toYear: year } });
  const copy = useRpcMutation('plan.copy', {
    invalidates: [...PLAN_READS],
    onSuccess: (p) => done(`已复制 ${p.items.length} 项计划，完成时限改为 ${year} 年的同一月份`),
    onError: () => {},
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`复制 ${year - 1} 年度工作计划`}
      form={form}
      submitLabel="复制"
      onSubmit={(v) => copy.mutateAsync(v)}
    >
      <Text>
        把 {year - 1} 年度的全部计划事项复制到 {year} 年度，完成时限为 {year} 年的同一月份；上年的完成依据不复制。
      </Text>
    </FormModal>
  );
}

function LinkModal({ item, onClose }: { item: PlanItemView; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { kind: 'visit_batch' as PlanLinkKind, recordId: null as number | null },
  });
  const kind = form.values.kind;
  const candidates = useRpc('plan.candidates', { itemId: item.id, kind });
  const link = useRpcMutation('plan.link', {
    invalidates: [...PLAN_READS],
    onSuccess: (i) => done(`第 ${i.seq} 项计划${i.state === '已完成' ? '已完成' : `：${i.state}`}`),
    onError: () => {},
  });
  const unlink = useRpcMutation('plan.unlink', { invalidates: [...PLAN_READS] });
  const [editing, editDialog] = useDisclosure(false);
  const [removing, removeDialog] = useDisclosure(false);
  const taken = new Set(item.links.filter((l) => l.kind === kind).map((l) => l.recordId));
  // The dialogs of the item itself sit beside the link dialog (over it), not inside its form: a
  // submit bubbles through a portal to the forms around it in React's tree.
  return (
    <>
      <FormModal
        opened
        onClose={onClose}
        title={`第 ${item.seq} 项：${item.content}`}
        form={form}
        submitLabel="关联"
        onSubmit={(v) => {
          if (v.recordId === null) {
            form.setFieldError('recordId', '请选择完成这项计划的记录');
            return Promise.reject(new Error('请选择完成这项计划的记录'));
          }
          return link.mutateAsync({ itemId: item.id, kind: v.kind, recordId: v.recordId });
        }}
      >
        <Group gap="xs">
          <Text c="dimmed" size="sm">
            {item.owner}负责，{formatChineseDate(item.dueMonth)}完成{item.note && `；${item.note}`}
          </Text>
          <Can method="plan.updateItem">
            <Button size="compact-sm" variant="subtle" onClick={editDialog.open}>
              修改
            </Button>
          </Can>
          <Can method="plan.removeItem">
            <Button size="compact-sm" variant="subtle" color="red" onClick={removeDialog.open}>
              删除
            </Button>
          </Can>
        </Group>
        {item.links.length > 0 && (
          <Stack gap={4}>
            <Text fw={500}>已关联</Text>
            {item.links.map((l) => (
              <Group key={l.id} justify="space-between">
                <Text size="sm" c={l.problem ? 'orange.9' : undefined}>
                  {l.kindLabel}：{l.name ?? `第 ${l.recordId} 号`}
                  {l.date && `（${formatChineseDate(l.date)}）`}
                  {l.problem && `：${l.problem}`}
                </Text>
                <Can method="plan.unlink">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    loading={unlink.isPending}
                    onClick={() => unlink.mutate({ linkId: l.id })}
                  >
                    取消关联
                  </Button>
                </Can>
              </Group>
            ))}
          </Stack>
        )}
        <SegmentedControl
          aria-label="记录类别"
          data={(Object.keys(PLAN_LINK_KINDS) as PlanLinkKind[]).map((k) => ({ value: k, label: PLAN_LINK_KINDS[k] }))}
          value={kind}
          onChange={(k) => {
            form.setFieldValue('kind', k as PlanLinkKind);
            form.setFieldValue('recordId', null);
          }}
        />
        <Select
          label={`${item.year} 年度的${PLAN_LINK_KINDS[kind]}`}
          placeholder={candidates.data?.length === 0 ? `${item.year} 年度还没有${PLAN_LINK_KINDS[kind]}` : '请选择'}
          searchable
          data={(candidates.data ?? [])
            .filter((c) => !taken.has(c.recordId))
            .map((c) => ({ value: String(c.recordId), label: `${c.name}（${formatChineseDate(c.date)}）` }))}
          value={form.values.recordId === null ? null : String(form.values.recordId)}
          error={form.errors.recordId}
          onChange={(v) => form.setFieldValue('recordId', v === null ? null : Number(v))}
        />
      </FormModal>
      {editing && <ItemModal year={item.year} opened onClose={editDialog.close} item={item} />}
      {removing && <RemoveModal item={item} opened onClose={removeDialog.close} />}
    </>
  );
}
