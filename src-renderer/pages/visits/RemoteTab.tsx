// 异地居住: the people on the roll who live elsewhere, by city, with who looks after them there (the
// local unit, 社区 and 派出所, a relative nearby), this year's certification and the last visit. For
// the city chosen: envelopes, a festival batch, the list exported. The city is in the address.
import { Alert, Badge, Button, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { IconDownload, IconMail } from '@tabler/icons-react';
import { NO_CITY, type RemoteRow } from '../../../src-main/contract/retirees';
import { formatChineseDate } from '../../../src-main/shared/dates';
import { download } from '../../files';
import { DataTable } from '../../kit/DataTable';
import { ExportChoiceButton } from '../../kit/ExportChoice';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';
import { VisitBatchButton } from '../person/VisitBatchButton';

const ALL = '';

/** 名称 电话, or what there is of them. */
const withPhone = (name: string | null, phone: string | null) => [name, phone].filter(Boolean).join('　');

function Local({ r }: { r: RemoteRow }) {
  const lines = [
    ['管理单位', withPhone(r.unit, r.unitPhone)],
    ['社区', withPhone(r.community, r.communityPhone)],
    ['派出所', withPhone(r.police, r.policePhone)],
    [
      '就近亲属',
      r.nearby
        ? withPhone(
            `${r.nearby.name}${r.nearby.relation ? `（${r.nearby.relation}）` : ''}`,
            r.nearby.phones.join('、'),
          )
        : '',
    ],
  ].filter(([, v]) => v);
  if (!lines.length)
    return (
      <Text size="sm" c="orange.9">
        未登记当地联系人
      </Text>
    );
  return (
    <Stack gap={2}>
      {lines.map(([k, v]) => (
        <Text key={k} size="sm">
          {k}：{v}
        </Text>
      ))}
    </Stack>
  );
}

export function RemoteTab({ params }: { params: URLSearchParams }) {
  const city = params.get('city') || null;
  const uncertified = params.get('uncertified') === '1';
  const list = useRpc('retirees.remote', { city });
  const go = (change: Record<string, string | null>) => {
    const next: Record<string, string> = { tab: 'remote' };
    if (city) next.city = city;
    if (uncertified) next.uncertified = '1';
    for (const [k, v] of Object.entries(change)) {
      if (v === null || v === '') delete next[k];
      else next[k] = v;
    }
    navigate('/visits', next);
  };
  const exportList = useRpcMutation('retirees.remoteExport', {
    onSuccess: (f) => download(f.fileName, f.dataBase64),
  });
  const all = list.data?.rows ?? [];
  const rows = uncertified ? all.filter((r) => !r.certifiedOn) : all;
  const cities = list.data?.cities ?? [];
  const total = cities.reduce((n, c) => n + c.count, 0);
  const year = list.data?.year;
  const people = rows.map((r) => String(r.personId));
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <Select
          label="居住城市"
          w={260}
          allowDeselect={false}
          value={city ?? ALL}
          data={[
            { value: ALL, label: `全部城市（${total} 人）` },
            ...cities.map((c) => ({ value: c.city, label: `${c.city}（${c.count} 人）` })),
          ]}
          onChange={(c) => go({ city: c })}
        />
        <Checkbox
          mb={8}
          label={`只列本年未认证的${year ? `（${year}年）` : ''}`}
          checked={uncertified}
          onChange={(e) => go({ uncertified: e.currentTarget.checked ? '1' : null })}
        />
        <Button
          variant="light"
          leftSection={<IconMail size={18} />}
          disabled={!people.length}
          onClick={() => navigate('/print/envelopes', { people: people.join(','), size: 'DL' })}
        >
          打印信封（{people.length} 个）
        </Button>
        <Can method="visits.createBatch">
          <VisitBatchButton
            query={{
              statuses: ['在册'],
              care: ['remote'],
              remoteCity: city,
            }}
            count={String(all.length)}
          />
        </Can>
        <Can method="retirees.remoteExport">
          <ExportChoiceButton
            title="导出异地居住人员名单"
            leftSection={<IconDownload size={18} />}
            loading={exportList.isPending}
            onExport={(full) => exportList.mutate({ city, full })}
          >
            导出名单
          </ExportChoiceButton>
        </Can>
      </Group>
      <Text c="dimmed">
        档案中勾选“异地居住”并填写居住城市的在册人员按城市列出。当地管理单位、社区、派出所在档案“健康与居住”中填写；
        住在附近的亲属在“家属及联系人”中勾选“住在附近”。
      </Text>
      {cities.some((c) => c.city === NO_CITY) && (
        <Alert color="orange">
          有 {cities.find((c) => c.city === NO_CITY)?.count} 人标为异地居住但未填居住城市，请在“{NO_CITY}”中逐一补充。
        </Alert>
      )}
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      <DataTable<RemoteRow>
        records={rows}
        fetching={list.isFetching}
        minHeight={rows.length ? undefined : 120}
        noRecordsText={uncertified ? '没有本年未认证的异地居住人员' : '没有异地居住的在册人员'}
        striped
        idAccessor="personId"
        onRowOpen={(r) => navigate(`/people/${r.personId}`)}
        rowLabel={(r) => `${r.name}，${r.city}`}
        columns={[
          { accessor: 'city', title: '居住城市', width: 130 },
          { accessor: 'name', title: '姓名', width: 100 },
          { accessor: 'age', title: '年龄', width: 70, render: (r) => (r.age === null ? '' : `${r.age}`) },
          {
            accessor: 'address',
            title: '住址与电话',
            render: (r) => (
              <Stack gap={2}>
                <Text size="sm">{r.address ?? '（未填住址）'}</Text>
                <Text size="sm" c="dimmed">
                  {r.phones.join('、')}
                </Text>
              </Stack>
            ),
          },
          { accessor: 'unit', title: '当地联系', render: (r) => <Local r={r} /> },
          {
            accessor: 'certifiedOn',
            title: '本年资格认证',
            width: 150,
            render: (r) =>
              r.certifiedOn ? (
                <Text size="sm">{formatChineseDate(r.certifiedOn)}</Text>
              ) : (
                <Badge color="orange" variant="light">
                  未认证
                </Badge>
              ),
          },
          {
            accessor: 'lastVisit',
            title: '最近走访',
            width: 150,
            render: (r) => (r.lastVisit ? formatChineseDate(r.lastVisit) : '—'),
          },
        ]}
      />
    </Stack>
  );
}
