import {
  Badge,
  Button,
  Chip,
  Group,
  Pagination,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconDownload, IconPlus, IconSearch } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { download } from '../../files';
import { useEffect, useMemo, useState } from 'react';
import type { InputOf, ListPage, OrgUnit } from '../../../src-main/api/contract';
import { CARE_FLAG_KEYS, SORT_KEYS } from '../../../src-main/api/contract';
import { AGE_BANDS, CARE_FLAGS, CATEGORIES, STATUSES } from '../../../src-main/shared/person';
import { formatAge } from '../../../src-main/shared/dates';
import { call } from '../../api';
import { navigate } from '../../route';
import { VisitBatchButton } from './VisitBatchButton';
import { AssignUnitButton } from './AssignUnitButton';

type Query = InputOf<'retirees.list'>;

/** The list's state lives in the address (#/people?…), so the home page can open a list. */
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
    statusDateFrom: params.get('from'),
    sort: SORT_KEYS.includes(sort as (typeof SORT_KEYS)[number]) ? (sort as Query['sort']) : 'name',
    desc: params.get('desc') === '1',
    page: num('page') ?? 1,
    pageSize: 50,
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

export function PeoplePage({ params }: { params: URLSearchParams }) {
  const query = useMemo(() => queryFrom(params), [params]);
  const [page, setPage] = useState<ListPage | null>(null);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [options, setOptions] = useState<{ areas: string[]; buildings: string[] }>({ areas: [], buildings: [] });
  const [text, setText] = useState(query.q ?? '');
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    call('org.units', {}).then(setUnits);
    call('retirees.filterOptions', {}).then(setOptions);
  }, []);
  useEffect(() => {
    let live = true;
    call('retirees.list', query).then((p) => live && setPage(p));
    return () => {
      live = false;
    };
  }, [query]);

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

  const sortHeader = (key: Query['sort'], label: string) => (
    <UnstyledButton
      onClick={() => set({ sort: key, desc: query.sort === key && !query.desc ? '1' : null })}
      aria-label={`按${label}排序`}
    >
      <Group gap={2} wrap="nowrap">
        <Text fw={700} size="sm">
          {label}
        </Text>
        {query.sort === key && (query.desc ? <IconArrowDown size={14} /> : <IconArrowUp size={14} />)}
      </Group>
    </UnstyledButton>
  );

  const unitOptions = (kinds: string[]) =>
    units.filter((u) => kinds.includes(u.kind)).map((u) => ({ value: String(u.id), label: u.name }));
  const filtersOn = [...params.keys()].some((k) => !['q', 'sort', 'desc', 'page'].includes(k));

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>人员档案</Title>
        <Group>
          <Button
            variant="default"
            leftSection={<IconDownload size={18} />}
            loading={exporting}
            onClick={async () => {
              setExporting(true);
              try {
                const r = await call('retirees.export', { query: { ...query, page: 1 } });
                download(r.fileName, r.dataBase64);
                notifications.show({ color: 'green', message: `已导出 ${r.count} 人（按当前筛选和排序）` });
              } catch (e) {
                notifications.show({ color: 'red', title: '导出失败', message: (e as Error).message });
              } finally {
                setExporting(false);
              }
            }}
          >
            导出 Excel
          </Button>
          <VisitBatchButton query={query} total={page?.total ?? 0} />
          <AssignUnitButton query={query} total={page?.total ?? 0} onDone={() => call('org.units', {}).then(setUnits)} />
          <Button leftSection={<IconPlus size={18} />} onClick={() => navigate('/people/new')}>
            新建档案
          </Button>
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
            <Chip.Group
              value={query.minAge ? String(query.minAge) : ''}
              onChange={(v) => set({ minAge: v as string })}
            >
              {AGE_BANDS.map((a) => (
                <Chip key={a} value={String(a)} size="sm" color="orange">
                  {a}岁以上
                </Chip>
              ))}
            </Chip.Group>
          </Group>
          <Group gap="xs" align="center">
            <Select size="sm" w={130} placeholder="片区" data={options.areas} value={query.area ?? null} onChange={(v) => set({ area: v })} clearable aria-label="片区" />
            <Select size="sm" w={130} placeholder="楼栋" data={options.buildings} value={query.building ?? null} onChange={(v) => set({ building: v })} clearable searchable aria-label="楼栋" />
            <Select size="sm" w={190} placeholder="行政组" data={unitOptions(['行政大组', '行政小组'])} value={query.adminGroupId ? String(query.adminGroupId) : null} onChange={(v) => set({ group: v })} clearable aria-label="行政组" />
            <Select size="sm" w={190} placeholder="党支部" data={unitOptions(['党支部', '党小组'])} value={query.partyBranchId ? String(query.partyBranchId) : null} onChange={(v) => set({ branch: v })} clearable aria-label="党支部" />
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
            <Chip checked={query.needsReview === true} onChange={(on) => set({ review: on ? '1' : null })} size="sm" color="yellow">
              待核实
            </Chip>
            {filtersOn && (
              <Button variant="subtle" size="xs" onClick={() => navigate('/people', query.q ? { q: query.q } : {})}>
                清除筛选
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder>
        <Table striped highlightOnHover verticalSpacing="sm" fz="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{sortHeader('name', '姓名')}</Table.Th>
              <Table.Th>性别</Table.Th>
              <Table.Th>{sortHeader('birthDate', '年龄')}</Table.Th>
              <Table.Th>{sortHeader('idNumber', '身份证号')}</Table.Th>
              <Table.Th>类别</Table.Th>
              <Table.Th>{sortHeader('formerUnit', '原单位')}</Table.Th>
              <Table.Th>联系电话</Table.Th>
              <Table.Th>{sortHeader('area', '片区/楼栋')}</Table.Th>
              <Table.Th>状态</Table.Th>
              <Table.Th>关爱</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page?.rows.map((r) => (
              <Table.Tr key={r.id} className="clickable-row" onClick={() => navigate(`/people/${r.id}`)}>
                <Table.Td fw={600}>
                  {r.name}
                  {r.needsReview && (
                    <Badge ml={6} size="sm" color="yellow" variant="light">
                      待核实
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.gender ?? ''}</Table.Td>
                <Table.Td>{formatAge(r.age, 'short')}</Table.Td>
                <Table.Td ff="monospace">{r.idNumberMasked ?? ''}</Table.Td>
                <Table.Td>{r.category}</Table.Td>
                <Table.Td>{r.formerUnit ?? ''}</Table.Td>
                <Table.Td>{r.phone ?? ''}</Table.Td>
                <Table.Td>{[r.area, r.building].filter(Boolean).join(' ')}</Table.Td>
                <Table.Td>
                  <Badge color={r.status === '在册' ? 'green' : r.status === '已故' ? 'dark' : 'gray'} variant="light">
                    {r.status}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {r.careFlags.map((f) => (
                      <Badge key={f} size="sm" color="grape" variant="outline">
                        {f}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {page && page.total === 0 && (
          <Text ta="center" c="dimmed" py="xl">
            没有符合条件的人员
          </Text>
        )}
      </Paper>
      {page && (
        <Group justify="space-between">
          <Text c="dimmed">共 {page.total.toLocaleString('zh-CN')} 人</Text>
          <Pagination
            total={Math.max(1, Math.ceil(page.total / page.pageSize))}
            value={page.page}
            onChange={(p) => set({ page: String(p) })}
            siblings={2}
          />
        </Group>
      )}
    </Stack>
  );
}
