// 党费 (组织网络 › 党费): per party branch and year, the month-by-month summary (members, due, paid, unpaid), each
// member's year (base, rate, paid, owed), the members without a base; a month's collection in one
// step; bases typed, decisions recorded, next year's bases confirmed from the adjustment check; the
// 党费交纳登记簿 printed or as .xlsx. The branch, the year and the dialog open are in the address.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconCash, IconDownload, IconPrinter, IconRefresh } from '@tabler/icons-react';
import type { DuesMemberRow } from '../../../src-main/contract/dues';
import { todayIso } from '../../../src-main/shared/dates';
import { formatYuan } from '../../../src-main/shared/money';
import { monthText } from '../../../src-main/shared/partyDues';
import { DataTable } from '../../kit/DataTable';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { download } from '../../files';
import { navigate } from '../../route';
import { BaseModal, CancelPaymentModal, CollectModal, PayMonthsModal, ReductionModal } from './DuesModals';
import { ProposalsModal } from './ProposalsModal';

const DIALOGS = ['collect', 'proposals', 'base', 'reduction', 'pay', 'cancel'] as const;
type Dialog = (typeof DIALOGS)[number];

export function DuesPage({ params }: { params: URLSearchParams }) {
  const units = useRpc('org.units', {});
  const branches = (units.data ?? []).filter((u) => u.kind === '党支部');
  const branchId = Number(params.get('branch')) || branches[0]?.id || null;
  const thisYear = Number(todayIso().slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const dialog = (DIALOGS as readonly string[]).includes(params.get('dialog') ?? '')
    ? (params.get('dialog') as Dialog)
    : null;
  const go = (next: { branch?: number | null; year?: number; dialog?: Dialog | null; person?: number }) =>
    navigate('/org', {
      view: 'dues',
      branch: String(next.branch === undefined ? (branchId ?? '') : (next.branch ?? '')),
      year: String(next.year ?? year),
      dialog: next.dialog ?? undefined,
      person: next.person === undefined ? undefined : String(next.person),
    });
  const close = () => go({ dialog: null });
  const ledger = useRpc('dues.ledger', branchId ? { branchId, year } : null);
  const exportRegister = useRpcMutation('dues.registerExport', {
    onSuccess: (f) => download(f.fileName, f.dataBase64),
  });
  const l = ledger.data;
  const member = l?.rows.find((r) => r.personId === Number(params.get('person'))) ?? null;
  const currentMonth = todayIso().slice(0, 7);
  const collectMonth = year === thisYear ? currentMonth : `${year}-01`;

  if (units.data && branches.length === 0)
    return (
      <Stack>
        <Alert color="yellow">
          尚未建立党支部。请先在 <Anchor onClick={() => navigate('/org', { view: 'party' })}>组织网络</Anchor>{' '}
          中建立党支部并编入党员。
        </Alert>
      </Stack>
    );
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>{branches.find((b) => b.id === branchId)?.name ?? ''}</Title>
        <Group>
          <Select
            aria-label="党支部"
            w={220}
            data={branches.map((b) => ({ value: String(b.id), label: b.name }))}
            value={branchId ? String(branchId) : null}
            allowDeselect={false}
            onChange={(v) => v && go({ branch: Number(v), dialog: null })}
          />
          <NumberInput
            aria-label="年度"
            w={110}
            suffix=" 年度"
            min={1990}
            max={2200}
            value={year}
            onChange={(v) => typeof v === 'number' && v >= 1990 && v <= 2200 && go({ year: v, dialog: null })}
          />
        </Group>
      </Group>
      {l && (
        <>
          <Group justify="space-between">
            <SimpleGrid cols={4} style={{ flex: 1 }}>
              <Figure label="党员" value={`${l.rows.filter((r) => r.current).length} 人`} />
              <Figure label="应交（截至目前）" value={`${formatYuan(l.dueFen)} 元`} />
              <Figure label="已交" value={`${formatYuan(l.paidFen)} 元`} />
              <Figure
                label="欠交"
                value={`${formatYuan(l.unpaidFen)} 元`}
                color={l.unpaidFen > 0 ? 'red.8' : undefined}
              />
            </SimpleGrid>
          </Group>
          <Group>
            <Can method="dues.collect">
              <Button leftSection={<IconCash size={18} />} onClick={() => go({ dialog: 'collect' })}>
                收缴党费
              </Button>
            </Can>
            <Can method="dues.confirmBases">
              <Button
                variant="default"
                leftSection={<IconRefresh size={18} />}
                onClick={() => go({ dialog: 'proposals' })}
              >
                依据调资核对确认基数
              </Button>
            </Can>
            <Button
              variant="default"
              leftSection={<IconPrinter size={18} />}
              onClick={() => navigate('/print/dues', { branch: String(l.branchId), year: String(year) })}
            >
              打印党费交纳登记簿
            </Button>
            <Can method="dues.registerExport">
              <Button
                variant="default"
                leftSection={<IconDownload size={18} />}
                loading={exportRegister.isPending}
                onClick={() => exportRegister.mutate({ branchId: l.branchId, year })}
              >
                导出 Excel
              </Button>
            </Can>
          </Group>
          {l.withoutBase.length > 0 && (
            <Alert color="yellow" title={`${l.withoutBase.length} 人尚未登记 ${year} 年度党费基数`}>
              {l.withoutBase.map((p) => p.name).join('、')}：请逐人登记基数，或依据调资核对确认。
            </Alert>
          )}
          <Title order={4}>党员交纳情况</Title>
          <DataTable<DuesMemberRow>
            idAccessor="personId"
            records={l.rows}
            rowLabel={(r) => `${r.name}，已交 ${formatYuan(r.paidFen)} 元，欠交 ${formatYuan(r.unpaidFen)} 元`}
            onRowOpen={(r) => navigate(`/people/${r.personId}`)}
            columns={[
              { accessor: 'name', title: '姓名', width: 100 },
              {
                accessor: 'base',
                title: '基数（元）',
                textAlign: 'right',
                render: (r) => (r.base?.baseFen != null ? formatYuan(r.base.baseFen) : '—'),
              },
              { accessor: 'basis', title: '比例', render: (r) => r.basis ?? <Badge color="yellow">未定</Badge> },
              {
                accessor: 'monthlyFen',
                title: '月应交',
                textAlign: 'right',
                render: (r) => (r.monthlyFen === null ? '—' : formatYuan(r.monthlyFen)),
              },
              { accessor: 'paidFen', title: '已交', textAlign: 'right', render: (r) => formatYuan(r.paidFen) },
              {
                accessor: 'unpaidFen',
                title: '欠交',
                textAlign: 'right',
                render: (r) => <Owed fen={r.unpaidFen} />,
              },
              {
                accessor: 'unpaidMonths',
                title: '欠交月份',
                render: (r) =>
                  r.unpaidMonths.length === 0
                    ? r.current
                      ? ''
                      : '已转出'
                    : r.unpaidMonths.map((m) => `${Number(m.slice(5))}月`).join('、'),
              },
              {
                accessor: 'actions',
                title: '',
                render: (r) =>
                  r.current && (
                    <Can method="dues.setBase">
                      <Group gap={4} wrap="nowrap" onClick={(e) => e.stopPropagation()}>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => go({ dialog: 'pay', person: r.personId })}
                        >
                          补交/预交
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => go({ dialog: 'base', person: r.personId })}
                        >
                          基数
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => go({ dialog: 'reduction', person: r.personId })}
                        >
                          减免
                        </Button>
                        {r.months.some((c) => c.state === 'paid') && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            onClick={() => go({ dialog: 'cancel', person: r.personId })}
                          >
                            撤销
                          </Button>
                        )}
                      </Group>
                    </Can>
                  ),
              },
            ]}
          />
          <Title order={4}>按月汇总</Title>
          <DataTable
            idAccessor="month"
            records={l.months}
            columns={[
              { accessor: 'month', title: '月份', render: (m) => monthText(m.month) },
              { accessor: 'members', title: '党员', textAlign: 'right' },
              { accessor: 'dueFen', title: '应交（元）', textAlign: 'right', render: (m) => formatYuan(m.dueFen) },
              { accessor: 'paidCount', title: '已交人数', textAlign: 'right' },
              { accessor: 'paidFen', title: '已交（元）', textAlign: 'right', render: (m) => formatYuan(m.paidFen) },
              { accessor: 'unpaidCount', title: '未交人数', textAlign: 'right' },
              {
                accessor: 'unpaidFen',
                title: '未交（元）',
                textAlign: 'right',
                render: (m) => <Owed fen={m.unpaidFen} />,
              },
            ]}
          />
          {dialog === 'collect' && <CollectModal opened onClose={close} ledger={l} month={collectMonth} />}
          {dialog === 'proposals' && <ProposalsModal opened onClose={close} branchId={l.branchId} year={year} />}
          {member && dialog === 'base' && (
            <BaseModal
              opened
              onClose={close}
              personId={member.personId}
              name={member.name}
              year={year}
              base={member.base}
            />
          )}
          {member && dialog === 'cancel' && (
            <CancelPaymentModal
              opened
              onClose={close}
              name={member.name}
              paid={member.months.filter((c) => c.state === 'paid')}
            />
          )}
          {member && dialog === 'reduction' && (
            <ReductionModal opened onClose={close} personId={member.personId} name={member.name} year={year} />
          )}
          {member && dialog === 'pay' && (
            <PayMonthsModal
              opened
              onClose={close}
              personId={member.personId}
              branchId={l.branchId}
              name={member.name}
              open={[...member.unpaidMonths, ...member.months.filter((c) => c.state === 'future').map((c) => c.month)]}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function Figure({ label, value, color }: { label: string; value: string; color?: string }) {
  return (
    <Paper withBorder p="xs" ta="center">
      <Text size="xl" fw={700} c={color}>
        {value}
      </Text>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Paper>
  );
}

/** An amount owed: red while there is one. */
function Owed({ fen }: { fen: number }) {
  return (
    <Text c={fen > 0 ? 'red.8' : undefined} span>
      {formatYuan(fen)}
    </Text>
  );
}
