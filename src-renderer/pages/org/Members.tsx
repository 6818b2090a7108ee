// A unit's members (the dead left out), each opened with Enter or a click.
import { Alert, Paper, Title } from '@mantine/core';
import type { UnitMember, UnitRef } from '../../../src-main/contract/org';
import { DataTable } from '../../kit/DataTable';
import { useRpc } from '../../kit/rpc';
import { navigate } from '../../route';

export function Members({ unitRef }: { unitRef: UnitRef }) {
  // People are put into units from the people list (编入组织): read again whenever the unit opens.
  const members = useRpc('org.members', { ref: unitRef }, { refetchOnMount: 'always' });
  const rows = members.data ?? [];
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        组员（{rows.length} 人，不含已故）
      </Title>
      {members.data && rows.length === 0 ? (
        <Alert color="gray">尚无组员。在“人员档案”中按条件筛选后，点“编入组织”。</Alert>
      ) : (
        <DataTable<UnitMember>
          idAccessor="personId"
          records={rows}
          fetching={members.isFetching}
          minHeight={rows.length ? undefined : 120}
          striped
          onRowOpen={(m) => navigate(`/people/${m.personId}`)}
          rowLabel={(m) =>
            `${m.name}${m.age !== null ? `，${m.age} 岁` : ''}${m.cannotCome.length ? `，${m.cannotCome.join('、')}` : ''}`
          }
          columns={[
            { accessor: 'name', title: '姓名', width: 100, cellsStyle: () => ({ whiteSpace: 'nowrap' }) },
            { accessor: 'gender', title: '性别', width: 64 },
            { accessor: 'age', title: '年龄', width: 64 },
            { accessor: 'phones', title: '联系电话', width: 150, render: (m) => m.phones.join('、') },
            { accessor: 'address', title: '住址' },
            { accessor: 'emergency', title: '紧急联系人', width: 150 },
            { accessor: 'cannotCome', title: '需特别关照', width: 140, render: (m) => m.cannotCome.join('、') },
          ]}
        />
      )}
    </Paper>
  );
}
