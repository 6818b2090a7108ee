// 走访慰问: the festival batches, each with its people (and the survivors visited) and the gift
// sign-off sheet to print; the birthday list; the people living elsewhere, by city; hospital stays
// (住院登记); hardship aid (困难帮扶); the survivors (遗属); the visit report (走访统计). A row opens
// with Enter or a click: a batch, or a person's file.
import { Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import type { VisitBatchSummary, VisitBatchView } from '../../src-main/contract/visits';
import { formatYuan } from '../../src-main/shared/money';
import { DataTable } from '../kit/DataTable';
import { Can } from '../kit/operator';
import { useRpc, useRpcMutation } from '../kit/rpc';
import { navigate } from '../route';
import { AidTab } from './visits/AidTab';
import { BirthdayListTab } from './visits/BirthdayListTab';
import { RemoteTab } from './visits/RemoteTab';
import { StaysTab } from './visits/StaysTab';
import { SurvivorsTab } from './visits/SurvivorsTab';
import { VisitReportTab } from './visits/VisitReportTab';

const TABS = ['batches', 'stays', 'birthdays', 'remote', 'aid', 'survivors', 'report'] as const;

export const giftText = (b: { moneyFen: number; items: string | null }) =>
  [b.moneyFen ? `慰问金 ${formatYuan(b.moneyFen)} 元` : '', b.items ?? ''].filter(Boolean).join('，') || '—';

export function VisitsPage({ id, params }: { id: number | null; params: URLSearchParams }) {
  if (id !== null) return <Batch id={id} />;
  const tab = TABS.find((t) => t === params.get('tab')) ?? 'batches';
  return (
    <Stack gap="md">
      <Title order={2}>走访慰问</Title>
      <Tabs value={tab} onChange={(t) => navigate('/visits', t && t !== 'batches' ? { tab: t } : {})}>
        <Tabs.List>
          <Tabs.Tab value="batches" fz="md">
            慰问批次
          </Tabs.Tab>
          <Tabs.Tab value="stays" fz="md">
            住院登记
          </Tabs.Tab>
          <Tabs.Tab value="birthdays" fz="md">
            生日名单
          </Tabs.Tab>
          <Tabs.Tab value="remote" fz="md">
            异地居住
          </Tabs.Tab>
          <Tabs.Tab value="aid" fz="md">
            困难帮扶
          </Tabs.Tab>
          <Tabs.Tab value="survivors" fz="md">
            遗属
          </Tabs.Tab>
          <Tabs.Tab value="report" fz="md">
            走访统计
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="batches" pt="md">
          {tab === 'batches' && <BatchList />}
        </Tabs.Panel>
        <Tabs.Panel value="stays" pt="md">
          {tab === 'stays' && <StaysTab />}
        </Tabs.Panel>
        <Tabs.Panel value="birthdays" pt="md">
          {tab === 'birthdays' && <BirthdayListTab params={params} />}
        </Tabs.Panel>
        <Tabs.Panel value="remote" pt="md">
          {tab === 'remote' && <RemoteTab params={params} />}
        </Tabs.Panel>
        <Tabs.Panel value="aid" pt="md">
          {tab === 'aid' && <AidTab params={params} />}
        </Tabs.Panel>
        <Tabs.Panel value="survivors" pt="md">
          {tab === 'survivors' && <SurvivorsTab params={params} />}
        </Tabs.Panel>
        <Tabs.Panel value="report" pt="md">
          {tab === 'report' && <VisitReportTab params={params} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

type BatchSummary = VisitBatchSummary;
type BatchRow = VisitBatchView['rows'][number];
const PAGE_SIZE = 50;

function BatchList() {
  // Batches are set up from the people list (建立慰问批次): read again whenever the page opens.
  const batches = useRpc('visits.batches', {}, { refetchOnMount: 'always' });
  const rows = batches.data ?? [];
  return (
    <Stack gap="md">
      <Text c="dimmed">
        在“人员档案”中按条件筛选（如在册、80
        岁以上，或某个小组），点“建立慰问批次”即可为其中每人各记一次慰问。单人的走访记录在其档案的“走访慰问”页。
      </Text>
      <DataTable<BatchSummary>
        records={rows}
        fetching={batches.isFetching}
        minHeight={rows.length ? undefined : 120}
        noRecordsText="还没有慰问批次"
        striped
        onRowOpen={(b) => navigate(`/visits/${b.id}`)}
        rowLabel={(b) => `${b.name}，${b.date}`}
        columns={[
          { accessor: 'name', title: '批次' },
          { accessor: 'kind', title: '类别', width: 140 },
          { accessor: 'date', title: '日期', width: 120 },
          { accessor: 'moneyFen', title: '慰问品', render: (b) => giftText(b) },
          {
            accessor: 'createdAt',
            title: '建立',
            width: 200,
            render: (b) => `${b.createdAt.slice(0, 10)} ${b.createdBy}`,
          },
        ]}
      />
    </Stack>
  );
}

function Batch({ id }: { id: number }) {
  const batch = useRpc('visits.batch', { id });
  const b = batch.data;
  if (!b) return null;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>慰问批次：{b.name}</Title>
        <Group>
          <Button
            variant="light"
            leftSection={<IconPrinter size={18} />}
            onClick={() => navigate('/print/letters', { kind: 'festival', batch: String(b.id), gift: giftText(b) })}
          >
            打印慰问信
          </Button>
          <Button
            variant="light"
            leftSection={<IconPrinter size={18} />}
            onClick={() => navigate('/print/envelopes', { batch: String(b.id), size: 'DL' })}
          >
            打印信封
          </Button>
          <Button
            variant="light"
            leftSection={<IconPrinter size={18} />}
            onClick={() => navigate('/print/envelopes', { batch: String(b.id), sheet: '2x7' })}
          >
            打印地址标签
          </Button>
          <Button
            variant="light"
            leftSection={<IconPrinter size={18} />}
            onClick={() => navigate(`/print/visit-batch/${b.id}`)}
          >
            打印慰问品签领表
          </Button>
        </Group>
      </Group>
      <Text>
        {b.kind}，{b.date}，{giftText(b)}，共 {b.rows.length} 人{b.visitors ? `；走访人：${b.visitors}` : ''}
      </Text>
      <BatchPeople rows={b.rows} />
      <BatchSurvivors batch={b} />
    </Stack>
  );
}

/** 遗属慰问: the survivors receiving the allowance join the batch with its gift; their letters print apart. */
function BatchSurvivors({ batch }: { batch: VisitBatchView }) {
  const survivors = useRpc('survivors.list', { deceasedId: null });
  const add = useRpcMutation('survivors.addToBatch', { invalidates: ['visits.batch', 'survivors.get'] });
  const receiving = (survivors.data ?? []).filter((s) => s.allowance === '发放中').map((s) => s.id);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={4}>遗属慰问（{batch.survivors.length} 人）</Title>
        <Group>
          <Can method="survivors.addToBatch">
            <Button
              variant="light"
              disabled={receiving.length === 0}
              loading={add.isPending}
              onClick={() => add.mutate({ batchId: batch.id, survivorIds: receiving })}
            >
              加入领取补助的遗属（{receiving.length} 人）
            </Button>
          </Can>
          <Button
            variant="light"
            leftSection={<IconPrinter size={18} />}
            disabled={batch.survivors.length === 0}
            onClick={() => navigate('/print/survivor-letters', { batch: String(batch.id), gift: giftText(batch) })}
          >
            打印遗属慰问信
          </Button>
        </Group>
      </Group>
      {batch.survivors.length === 0 ? (
        <Text c="dimmed">本批次尚无遗属。</Text>
      ) : (
        batch.survivors.map((s, i) => (
          <Text key={s.visitId}>
            {i + 1}. {s.name}（{s.deceasedName}的{s.relation}）{s.address ? `，${s.address}` : ''}
          </Text>
        ))
      )}
    </Paper>
  );
}

function BatchPeople({ rows }: { rows: BatchRow[] }) {
  const [page, setPage] = useState(1);
  return (
    <DataTable<BatchRow & { n: number }>
      idAccessor="visitId"
      records={rows
        .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
        .map((r, i) => ({ ...r, n: (page - 1) * PAGE_SIZE + i + 1 }))}
      totalRecords={rows.length}
      recordsPerPage={PAGE_SIZE}
      page={page}
      onPageChange={setPage}
      striped
      minHeight={rows.length ? undefined : 120}
      onRowOpen={(r) => navigate(`/people/${r.personId}`)}
      rowLabel={(r) => `${r.n}，${r.name}${r.address ? '' : '，缺少地址'}`}
      columns={[
        { accessor: 'n', title: '序号', width: 70 },
        { accessor: 'name', title: '姓名', width: 110 },
        { accessor: 'address', title: '地址', render: (r) => r.address ?? <Text c="red.8">缺少地址</Text> },
        { accessor: 'phone', title: '电话', width: 200 },
      ]}
    />
  );
}
