// 个人年度结算: answering "how much do I have left this year?" for one retiree, and printing it.
import { Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconPrinter } from '@tabler/icons-react';
import type { ClaimFile, ClaimLineView } from '../../../src-main/contract/claims';
import { formatYuan } from '../../../src-main/shared/money';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { DataTable } from '../../kit/DataTable';
import { Can } from '../../kit/operator';
import { useRpc } from '../../kit/rpc';
import { navigate } from '../../route';
import { StatementSummary } from './StatementView';
import { LoadFailed, THIS_YEAR, validYear } from './shared';

type StatementLine = ClaimLineView & { claim: ClaimFile };

export function StatementTab({ params }: { params: URLSearchParams }) {
  const personId = params.get('person') ? Number(params.get('person')) : null;
  const year = Number(params.get('year') ?? THIS_YEAR);
  const query = useRpc('claims.statement', personId === null || validYear(year) === null ? null : { personId, year });
  const s = query.data?.personId === personId ? query.data : undefined;
  // The person shown is the one the statement is of: the address says who, the statement names them.
  const person: PickedPerson | null = s
    ? { id: s.personId, label: `${s.name}（${s.category}，${s.idNumberMasked ?? '无身份证号'}）` }
    : null;
  const go = (id: number | null, y = year) =>
    navigate('/claims/statement', { person: id === null ? undefined : String(id), year: String(y) });
  const lines: StatementLine[] = s ? s.claims.flatMap((claim) => claim.lines.map((l) => ({ ...l, claim }))) : [];

  return (
    <Stack gap="md" mt="md">
      <Title order={2}>个人年度结算</Title>
      <Group align="flex-end">
        <div style={{ width: 380 }}>
          <PersonPicker label="人员" value={person} onChange={(p) => go(p?.id ?? null)} />
        </div>
        <NumberInput
          label="年度"
          w={120}
          min={1990}
          max={2100}
          value={year}
          onChange={(v) => go(personId, Number(v) || THIS_YEAR)}
        />
        {s && (
          <>
            <Button
              variant="light"
              leftSection={<IconPrinter size={18} />}
              onClick={() => navigate('/print/statement', { person: String(s.personId), year: String(year) })}
            >
              打印结算单
            </Button>
            <Can method="claims.create">
              <Button
                variant="subtle"
                leftSection={<IconPlus size={18} />}
                onClick={() => navigate('/claims/new', { person: String(s.personId) })}
              >
                为其登记报销单
              </Button>
            </Can>
          </>
        )}
      </Group>
      {query.error && <LoadFailed error={query.error} />}
      {s ? (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {s.name}（{s.category}）
          </Title>
          <StatementSummary s={s} />
          {lines.length > 0 ? (
            <DataTable<StatementLine>
              mt="sm"
              records={lines}
              onRowOpen={(l) => navigate(`/claims/${l.claim.id}`)}
              rowLabel={(l) => `第 ${l.claim.id} 号报销单，${l.visitDate}，${l.kind}`}
              columns={[
                { accessor: 'claim.id', title: '报销单', render: (l) => `第 ${l.claim.id} 号` },
                { accessor: 'visitDate', title: '就医日期' },
                { accessor: 'hospital', title: '医疗机构' },
                { accessor: 'kind', title: '类别' },
                {
                  accessor: 'eligibleFen',
                  title: '符合报销',
                  textAlign: 'right',
                  render: (l) => formatYuan(l.eligibleFen),
                },
                {
                  accessor: 'payFen',
                  title: '报销',
                  textAlign: 'right',
                  render: (l) => (l.payFen === null ? '待批准' : formatYuan(l.payFen)),
                },
                {
                  accessor: 'claim.status',
                  title: '状态',
                  render: (l) => (l.claim.source === '冲销' ? '冲销' : l.claim.status),
                },
              ]}
            />
          ) : (
            <Text c="dimmed">本年度没有报销记录。</Text>
          )}
        </Paper>
      ) : (
        personId === null && <Text c="dimmed">请选择人员。</Text>
      )}
    </Stack>
  );
}
