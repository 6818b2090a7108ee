// 资格认证: who is still to be certified this year, and who has gone more than 12 months without.
// A certification is registered on the person's file (走访慰问); Enter or a click opens it.
import { Badge, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { CertificationLists } from '../../../src-main/contract/visits';
import { DataTable } from '../../kit/DataTable';
import { useRpc } from '../../kit/rpc';
import { navigate } from '../../route';

type Due = CertificationLists['due'][number];
const PAGE_SIZE = 50;

export function Certification({ year }: { year: number }) {
  // Certifications are registered on each person's file: read again whenever the list opens.
  const lists = useRpc('certifications.lists', { year }, { refetchOnMount: 'always' });
  const [page, setPage] = useState(1);
  if (!lists.data) return null;
  const { due, overdue } = lists.data;
  const late = new Set(overdue.map((o) => o.personId));
  return (
    <Stack gap="sm">
      <Text>
        {year} 年度尚未认证 <b>{due.length}</b> 人，其中超过 12 个月未认证 <b>{overdue.length}</b>{' '}
        人。认证在人员档案的“走访慰问”页登记；已故人员不在名单中。
      </Text>
      <DataTable<Due>
        idAccessor="personId"
        records={due.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
        totalRecords={due.length}
        recordsPerPage={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
        minHeight={due.length ? undefined : 120}
        noRecordsText="本年度的认证已全部完成"
        striped
        onRowOpen={(d) => navigate(`/people/${d.personId}`)}
        rowLabel={(d) => `${d.name}，${late.has(d.personId) ? '已超期' : '本年度待认证'}`}
        columns={[
          { accessor: 'name', title: '姓名' },
          { accessor: 'lastCertified', title: '上次认证', render: (d) => d.lastCertified ?? '从未认证' },
          {
            accessor: 'personId',
            title: '情况',
            render: (d) =>
              late.has(d.personId) ? (
                <Badge color="red" size="lg">
                  已超期
                </Badge>
              ) : (
                <Badge color="gray" size="lg">
                  本年度待认证
                </Badge>
              ),
          },
        ]}
      />
    </Stack>
  );
}
