// A party member's 党费 on their file: this year and the last, month by month (paid, when, by whom,
// ahead or late; owed; waived), the base and where it came from, the branch's decisions; the work
// itself is done under 组织网络 › 党费, for their branch.
import { Anchor, Badge, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import type { DuesMemberView, DuesMonthCell } from '../../../src-main/contract/dues';
import { formatChineseDate, todayIso } from '../../../src-main/shared/dates';
import { formatYuan } from '../../../src-main/shared/money';
import { monthText } from '../../../src-main/shared/partyDues';
import { useRpc } from '../../kit/rpc';
import { navigate } from '../../route';

const STATE_WORDS: Record<DuesMonthCell['state'], string> = {
  paid: '已交',
  elsewhere: '已交',
  exempt: '免交',
  unpaid: '欠交',
  future: '',
  nobase: '基数未定',
  none: '',
};

function MonthCell({ c }: { c: DuesMonthCell }) {
  if (c.state === 'paid' || c.state === 'elsewhere')
    return (
      <Tooltip
        label={`${formatChineseDate(c.paidOn)}${c.paidBy === '代交' ? `由${c.proxyName}代交` : '本人交纳'}（${c.kind}）`}
      >
        <Text span size="sm">
          {formatYuan(c.paidFen ?? 0)}
          {c.kind !== '当月' && (
            <Text span size="xs" c="dimmed">
              {c.kind === '预交' ? '预' : '补'}
            </Text>
          )}
        </Text>
      </Tooltip>
    );
  return (
    <Text span size="sm" c={c.state === 'unpaid' ? 'red.8' : 'dimmed'}>
      {STATE_WORDS[c.state]}
    </Text>
  );
}

function YearDues({ view }: { view: DuesMemberView }) {
  const r = view.row;
  return (
    <Stack gap={4}>
      <Group gap="md">
        <Title order={5}>{view.year} 年度</Title>
        <Text size="sm">
          基数：{r.base?.baseFen != null ? `${formatYuan(r.base.baseFen)} 元` : '未登记'}
          {r.base &&
            `（${r.base.source}，${r.base.confirmedBy} ${formatChineseDate(r.base.confirmedAt.slice(0, 10))}确认）`}
        </Text>
        {r.base?.fromMonth && <Text size="sm">{monthText(r.base.fromMonth)}转入，自该月起交</Text>}
        {r.base?.toMonth && <Text size="sm">转出，交至{monthText(r.base.toMonth)}</Text>}
        <Text size="sm">比例：{r.basis ?? '—'}</Text>
        <Text size="sm">月应交：{r.monthlyFen === null ? '—' : `${formatYuan(r.monthlyFen)} 元`}</Text>
        <Text size="sm">已交 {formatYuan(r.paidFen)} 元</Text>
        {r.unpaidFen > 0 && <Badge color="red">欠交 {formatYuan(r.unpaidFen)} 元</Badge>}
      </Group>
      <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            {r.months.map((c) => (
              <Table.Th key={c.month}>{Number(c.month.slice(5))}月</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            {r.months.map((c) => (
              <Table.Td key={c.month}>
                <MonthCell c={c} />
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {r.reductions.map((d) => (
        <Text key={d.id} size="sm">
          支部决定（{formatChineseDate(d.decidedOn)}，{d.decision}）：{monthText(d.fromMonth)}至{monthText(d.toMonth)}
          {d.kind === '免交' ? '免交' : `减交，每月 ${formatYuan(d.amountFen ?? 0)} 元`}
        </Text>
      ))}
    </Stack>
  );
}

export function PersonDuesTab({ personId }: { personId: number }) {
  const year = Number(todayIso().slice(0, 4));
  const last = useRpc('dues.member', { personId, year: year - 1 });
  const now = useRpc('dues.member', { personId, year });
  const view = now.data;
  return (
    <Stack gap="md">
      {view && (
        <Text>
          所在党支部：{view.branchName ?? '尚未编入党支部'}
          {view.branchId !== null && (
            <Anchor
              ml="md"
              onClick={() => navigate('/org', { view: 'dues', branch: String(view.branchId), year: String(year) })}
            >
              到组织网络 › 党费办理
            </Anchor>
          )}
        </Text>
      )}
      {view && <YearDues view={view} />}
      {last.data && <YearDues view={last.data} />}
    </Stack>
  );
}
