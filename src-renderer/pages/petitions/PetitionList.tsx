// The petitions, open ones first (or all), each opened with Enter or a click; registering one; the
// register book (信访登记簿) of a period, exported or printed.
import { Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDownload, IconPlus, IconPrinter } from '@tabler/icons-react';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { contract, type InputOf } from '../../../src-main/contract';
import type { Petition } from '../../../src-main/contract/petitions';
import { todayIso } from '../../../src-main/shared/dates';
import { download } from '../../files';
import { DataTable } from '../../kit/DataTable';
import { FormDateField } from '../../kit/FormDateField';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';
import { NewPetition } from './NewPetition';
import { limitText, StatusBadge } from './shared';
import { Can } from '../../kit/operator';

const PAGE_SIZE = 50;

export function PetitionList() {
  const [openOnly, setOpenOnly] = useState(true);
  const [adding, setAdding] = useState(false);
  const [page, setPage] = useState(1);
  const list = useRpc('petitions.list', { openOnly });
  const rows = list.data ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>信访接待</Title>
        <Group>
          <SegmentedControl
            data={[
              { value: 'open', label: '未办结' },
              { value: 'all', label: '全部' },
            ]}
            value={openOnly ? 'open' : 'all'}
            onChange={(v) => {
              setOpenOnly(v === 'open');
              setPage(1);
            }}
          />
          <Can method="petitions.create">
            <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
              登记信访
            </Button>
          </Can>
        </Group>
      </Group>
      <DataTable<Petition>
        records={rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
        totalRecords={rows.length}
        recordsPerPage={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
        fetching={list.isFetching}
        minHeight={rows.length ? undefined : 120}
        noRecordsText={openOnly ? '没有未办结的信访件' : '还没有信访登记'}
        striped
        onRowOpen={(p) => navigate(`/petitions/${p.id}`)}
        rowLabel={(p) => `第 ${p.id} 号，${p.petitioner}，${p.subject}，${p.status}${p.overdue ? '，已超期' : ''}`}
        columns={[
          { accessor: 'id', title: '编号', width: 96, render: (p) => `第 ${p.id} 号` },
          { accessor: 'receivedOn', title: '收到日期', width: 120 },
          { accessor: 'channel', title: '方式', width: 80 },
          { accessor: 'petitioner', title: '信访人', width: 110 },
          { accessor: 'subject', title: '事由' },
          { accessor: 'status', title: '状态', width: 180, render: (p) => <StatusBadge p={p} /> },
          {
            accessor: 'acceptBy',
            title: '期限',
            width: 240,
            render: (p) => <Text c={p.overdue ? 'red.8' : undefined}>{limitText(p)}</Text>,
          },
        ]}
      />
      <RegisterBook />
      <NewPetition opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

/** The register book of a period: this year so far, unless the office asks for another. */
function RegisterBook() {
  const period = useForm<InputOf<'petitions.register'>>({
    initialValues: { from: `${todayIso().slice(0, 4)}-01-01`, to: todayIso() },
    validate: zod4Resolver(contract['petitions.register'].input),
  });
  const exportBook = useRpcMutation('petitions.register', { onSuccess: (f) => download(f.fileName, f.dataBase64) });
  const checked = () => (period.validate().hasErrors ? null : period.getValues());
  return (
    <Paper withBorder p="md">
      <Group align="flex-start">
        <Title order={5} mt={30}>
          信访登记簿
        </Title>
        <FormDateField form={period} path="from" label="自" w={170} />
        <FormDateField form={period} path="to" label="至" w={170} />
        <Can method="petitions.register">
          <Button
            mt={25}
            variant="light"
            leftSection={<IconDownload size={18} />}
            loading={exportBook.isPending}
            onClick={() => {
              const p = checked();
              if (p) exportBook.mutate(p);
            }}
          >
            导出登记簿
          </Button>
        </Can>
        <Button
          mt={25}
          variant="light"
          leftSection={<IconPrinter size={18} />}
          onClick={() => {
            const p = checked();
            if (p) navigate('/print/register', p);
          }}
        >
          打印登记簿
        </Button>
      </Group>
    </Paper>
  );
}
