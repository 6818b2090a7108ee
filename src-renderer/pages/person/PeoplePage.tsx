// 人员档案: the list of everyone, searched and filtered, sorted and paged by the database. The
// list's state lives in the address (#/people?…), so the home page's figures open a list and
// back/forward return to it. Rows are reached by Tab, moved through with ↑/↓ and opened with Enter.
import { Badge, Button, Chip, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconDownload, IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import type { DataTableSortStatus } from 'mantine-datatable';
import { useMemo, useState } from 'react';
import type { InputOf } from '../../../src-main/contract';
import type { PersonRow } from '../../../src-main/contract/retirees';
import { CARE_FLAG_KEYS, SORT_KEYS } from '../../../src-main/contract/retirees';
import { formatAge } from '../../../src-main/shared/dates';
import { FIELD_LABELS } from '../../../src-main/shared/fields';
import { AGE_BANDS, CARE_FLAGS, CATEGORIES, STATUSES } from '../../../src-main/shared/person';
import { download } from '../../files';
import { DataTable } from '../../kit/DataTable';
import { ExportChoiceButton } from '../../kit/ExportChoice';
import { countLabel, MatchedValue } from '../../kit/SearchMatch';
import { READ_ON_OPEN } from './freshness';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done, failed } from '../../notify';
import { navigate } from '../../route';
import { AssignUnitButton } from './AssignUnitButton';
import { VisitBatchButton } from './VisitBatchButton';
import { AddToHandoverButton } from '../handover/AddToHandoverButton';
import { TemplateExportMenu, TemplateSelect } from '../exportTemplates/TemplateExport';
import { Can } from '../../kit/operator';

type Query = InputOf<'retirees.list'>;
type SortKey = NonNullable<Query['sort']>;
const PAGE_SIZE = 50;

function queryFrom(params: URLSearchParams): Query {
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : null);
  const bool = (k: string) => (params.get(k) === '1' ? true : params.get(k) === '0' ? false : null);
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    categories: params.getAll('category') as Query['categories'],
    statuses: params.getAll('status') as Query['statuses'],
    area: params.get('area'),
    building: params.get('building'),
    adminGroupId: num('group'),
    partyBranchId: num('branch'),
    partyMember: bool('party'),
    minAge: num('minAge'),
    care: params.getAll('care') as Query['care'],
    needsReview: bool('review'),
    socialized: params.get('social') === '1' ? true : null,
    statusDateFrom: params.get('from'),
    // Unset: by name, or best match first while searching (retirees/list.ts).
    sort: SORT_KEYS.includes(sort as SortKey) ? (sort as SortKey) : undefined,
    desc: params.get('desc') === '1',
    page: num('page') ?? 1,
    pageSize: PAGE_SIZE,
  };
}

function paramsOf(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const k of new Set(params.keys())) {
    const all = params.getAll(k);
    out[k] = all.length > 1 ? all : all[0];
  }
  return out;
}

/**
 * The columns the database sorts by. Age runs the other way from the birth date it is sorted by:
 * youngest first is the latest birth date first.
 */
const SORTS: Record<string, { key: SortKey; reversed?: boolean }> = {
  name: { key: 'name' },
  age: { key: 'birthDate', reversed: true },
  idNumberMasked: { key: 'idNumber' },
  formerUnit: { key: 'formerUnit' },
  place: { key: 'area' },
};

function sortStatusOf(query: Query): DataTableSortStatus<PersonRow> {
  // A search's best matches first: no column is the order, so none is marked.
  if (!query.sort && query.q?.trim()) return { columnAccessor: 'bestMatch', direction: 'asc' };
  const [column, s] = Object.entries(SORTS).find(([, s]) => s.key === (query.sort ?? 'name')) ?? ['name', SORTS.name];
  const desc = query.desc !== Boolean(s.reversed);
  return { columnAccessor: column, direction: desc ? 'desc' : 'asc' };
}

const statusColor = (s: string) => (s === '在册' ? 'green' : s === '已故' ? 'dark' : 'gray');

export function PeoplePage({ params }: { params: URLSearchParams }) {
  const query = useMemo(() => queryFrom(params), [params]);
  // The next page or filter is read while the current rows stay (dimmed) in place.
  const list = useRpc('retirees.list', query, { ...READ_ON_OPEN, placeholderData: keepPreviousData });
  const units = useRpc('org.units', {}, READ_ON_OPEN).data ?? [];
  const options = useRpc('retirees.filterOptions', {}, READ_ON_OPEN).data ?? { areas: [], buildings: [] };
  const exportList = useRpcMutation('retirees.export', {
    onSuccess: (r) => {
      download(r.fileName, r.dataBase64);
      done(`已导出 ${r.count} 人（按当前筛选和排序）`);
    },
    onError: failed,
  });
  // The export dialog's template (none: every column, the program's own headings).
  const [templateId, setTemplateId] = useState<number | null>(null);
  // What is being typed in the search box; the address follows it once typing pauses.
  const [text, setText] = useState(query.q ?? '');

  const set = (changes: Record<string, string | string[] | null | undefined>) => {
    const next = paramsOf(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete next[k];
      else next[k] = v;
    }
    if (!('page' in changes)) delete next.page;
    navigate('/people', next);
  };
  const search = useDebouncedCallback((q: string) => set({ q }), 250);

  const unitOptions = (kinds: string[]) =>
    units.filter((u) => kinds.includes(u.kind)).map((u) => ({ value: String(u.id), label: u.name }));
  const filtersOn = [...params.keys()].some((k) => !['q', 'sort', 'desc', 'page'].includes(k));
  const page = list.data;
  const total = page?.total ?? 0;
  const count = page ? countLabel(page) : '0';

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="md" align="baseline">
          <Title order={2}>人员档案</Title>
          {/* Only the count of the list now asked for, never the one before it. */}
          {page && !list.isPlaceholderData && <Text c="dimmed">共 {count} 人</Text>}
        </Group>
        <Group>
          <Can method="retirees.export">
            <TemplateExportMenu
              loading={exportList.isPending}
              onExport={(templateId) => exportList.mutate({ query: { ...query, page: 1 }, full: false, templateId })}
            />
            <ExportChoiceButton
              title="导出花名册（按当前筛选和排序）"
              leftSection={<IconDownload size={18} />}
              loading={exportList.isPending}
              options={<TemplateSelect value={templateId} onChange={setTemplateId} />}
              onExport={(full) => exportList.mutate({ query: { ...query, page: 1 }, full, templateId })}
            >
              导出 Excel
            </ExportChoiceButton>
          </Can>
          <Can method="visits.createBatch">
            <VisitBatchButton query={query} count={count} />
          </Can>
          <Can method="org.assign">
            <AssignUnitButton query={query} count={count} />
          </Can>
          <Can method="handover.addPeople">
            <AddToHandoverButton query={query} count={count} />
          </Can>
          <Can method="retirees.create">
            <Button leftSection={<IconPlus size={18} />} onClick={() => navigate('/people/new')}>
              新建档案
            </Button>
          </Can>
        </Group>
      </Group>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <TextInput
            size="md"
            leftSection={<IconSearch size={18} />}
            placeholder="输入姓名、拼音首字母（如 zgl）、全拼、身份证号或电话号码的任意部分"
            aria-label="搜索"
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              search(e.currentTarget.value);
            }}
          />
          <Group gap="xs" align="center">
            <Chip.Group multiple value={query.categories ?? []} onChange={(v) => set({ category: v })}>
              {CATEGORIES.map((c) => (
                <Chip key={c} value={c} size="sm">
                  {c}
                </Chip>
              ))}
            </Chip.Group>
            <Text c="dimmed" mx={4}>
              |
            </Text>
            <Chip.Group multiple value={query.statuses ?? []} onChange={(v) => set({ status: v })}>
              {STATUSES.map((s) => (
                <Chip key={s} value={s} size="sm" color="gray">
                  {s}
                </Chip>
              ))}
            </Chip.Group>
            <Text c="dimmed" mx={4}>
              |
            </Text>
            <Chip.Group value={query.minAge ? String(query.minAge) : ''} onChange={(v) => set({ minAge: v as string })}>
              {AGE_BANDS.map((a) => (
                <Chip key={a} value={String(a)} size="sm" color="orange">
                  {a}岁以上
                </Chip>
              ))}
            </Chip.Group>
          </Group>
          <Group gap="xs" align="center">
            <Select
              size="sm"
              w={130}
              placeholder="片区"
              data={options.areas}
              value={query.area ?? null}
              onChange={(v) => set({ area: v })}
              clearable
              aria-label="片区"
            />
            <Select
              size="sm"
              w={130}
              placeholder="楼栋"
              data={options.buildings}
              value={query.building ?? null}
              onChange={(v) => set({ building: v })}
              clearable
              searchable
              aria-label="楼栋"
            />
            <Select
              size="sm"
              w={190}
              placeholder="行政组"
              data={unitOptions(['行政大组', '行政小组'])}
              value={query.adminGroupId ? String(query.adminGroupId) : null}
              onChange={(v) => set({ group: v })}
              clearable
              aria-label="行政组"
            />
            <Select
              size="sm"
              w={190}
              placeholder="党支部"
              data={unitOptions(['党支部', '党小组'])}
              value={query.partyBranchId ? String(query.partyBranchId) : null}
              onChange={(v) => set({ branch: v })}
              clearable
              aria-label="党支部"
            />
            <Select
              size="sm"
              w={120}
              placeholder="党员"
              data={[
                { value: '1', label: '党员' },
                { value: '0', label: '非党员' },
              ]}
              value={query.partyMember === true ? '1' : query.partyMember === false ? '0' : null}
              onChange={(v) => set({ party: v })}
              clearable
              aria-label="党员"
            />
            <Chip.Group multiple value={query.care ?? []} onChange={(v) => set({ care: v })}>
              {CARE_FLAG_KEYS.map((k) => (
                <Chip key={k} value={k} size="sm" color="grape">
                  {CARE_FLAGS[k]}
                </Chip>
              ))}
            </Chip.Group>
            <Chip
              checked={query.needsReview === true}
              onChange={(on) => set({ review: on ? '1' : null })}
              size="sm"
              color="yellow"
            >
              待核实
            </Chip>
            <Chip
              checked={query.socialized === true}
              onChange={(on) => set({ social: on ? '1' : null })}
              size="sm"
              color="teal"
            >
              社会化管理
            </Chip>
            {filtersOn && (
              <Button variant="subtle" size="sm" onClick={() => navigate('/people', query.q ? { q: query.q } : {})}>
                清除筛选
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
      <DataTable<PersonRow>
        records={page?.rows ?? []}
        fetching={list.isFetching}
        minHeight={page?.rows.length ? undefined : 160}
        // The header stays in sight while the rows scroll (the window's height, less the app's header).
        maxHeight="calc(100vh - 100px)"
        striped
        noRecordsText={page ? '没有符合条件的人员' : '正在读取……'}
        rowLabel={(r) =>
          [r.name, r.category, formatAge(r.age, 'short') && `${formatAge(r.age, 'short')} 岁`, r.status]
            .filter(Boolean)
            .join('，')
        }
        onRowOpen={(r) => navigate(`/people/${r.id}`)}
        sortStatus={sortStatusOf(query)}
        onSortStatusChange={({ columnAccessor, direction }) => {
          const s = SORTS[String(columnAccessor)];
          if (!s) return;
          const desc = (direction === 'desc') !== Boolean(s.reversed);
          set({ sort: s.key, desc: desc ? '1' : null });
        }}
        totalRecords={total}
        recordsPerPage={PAGE_SIZE}
        page={query.page ?? 1}
        onPageChange={(p) => set({ page: String(p) })}
        paginationText={({ from, to }) => `第 ${from}–${to} 人`}
        columns={[
          {
            accessor: 'name',
            title: '姓名',
            sortable: true,
            render: (r) => (
              <Group gap={6} wrap="nowrap">
                <Text fw={600} span>
                  {r.name}
                </Text>
                {r.needsReview && (
                  <Badge size="lg" color="yellow" variant="light">
                    待核实
                  </Badge>
                )}
              </Group>
            ),
          },
          { accessor: 'gender', title: FIELD_LABELS.gender, width: 64 },
          { accessor: 'age', title: '年龄', sortable: true, width: 76, render: (r) => formatAge(r.age, 'short') },
          {
            accessor: 'idNumberMasked',
            title: FIELD_LABELS.idNumber,
            sortable: true,
            width: 200,
            noWrap: true,
            render: (r) =>
              r.match?.field === 'idNumber' ? (
                <MatchedValue match={r.match} />
              ) : (
                <Text ff="monospace" span>
                  {r.idNumberMasked ?? ''}
                </Text>
              ),
          },
          { accessor: 'category', title: '类别', width: 64 },
          { accessor: 'formerUnit', title: FIELD_LABELS.formerUnit, sortable: true },
          {
            accessor: 'phone',
            title: FIELD_LABELS.phones,
            width: 136,
            noWrap: true,
            render: (r) => (r.match?.field === 'phone' ? <MatchedValue match={r.match} /> : r.phone),
          },
          {
            accessor: 'place',
            title: '片区/楼栋',
            sortable: true,
            render: (r) => [r.area, r.building].filter(Boolean).join(' '),
          },
          {
            accessor: 'status',
            title: FIELD_LABELS.status,
            width: 84,
            render: (r) => (
              <Badge size="lg" color={statusColor(r.status)} variant="light">
                {r.status}
              </Badge>
            ),
          },
          {
            accessor: 'careFlags',
            title: '关爱',
            render: (r) => (
              <Group gap={4}>
                {r.careFlags.map((f) => (
                  <Badge key={f} size="lg" color="grape" variant="outline">
                    {f}
                  </Badge>
                ))}
              </Group>
            ),
          },
        ]}
      />
    </Stack>
  );
}
