// A person's year (个人年度结算): what was claimed, eligible and reimbursed, how much of the
// deductible is used and how much is left under the cap. On screen and on paper alike.
import { Table, Text } from '@mantine/core';
import type { YearStatement } from '../../../src-main/contract/claims';
import { formatYuan } from '../../../src-main/shared/money';
import { yuan } from './shared';

export function StatementSummary({ s }: { s: YearStatement }) {
  const p = s.policy;
  return (
    <Text size="lg" lh={1.8}>
      {s.year} 年度符合报销金额 {yuan(s.eligibleFen)}，已报销 {yuan(s.reimbursedFen)}。
      {p ? (
        <>
          起付线 {formatYuan(p.deductibleFen)} 元，已抵扣 {formatYuan(s.deductibleUsedFen)} 元；
          {s.capLeftFen === null
            ? '不设封顶。'
            : `封顶 ${formatYuan(p.capFen!)} 元，本年度还可报销 ${formatYuan(s.capLeftFen)} 元。`}
        </>
      ) : (
        `${s.year} 年度${s.category}人员的报销政策尚未设置。`
      )}
    </Text>
  );
}

export function StatementTable({ s }: { s: YearStatement }) {
  const lines = s.claims.flatMap((c) => c.lines.map((l) => ({ c, l })));
  return (
    <Table withTableBorder verticalSpacing="xs" fz="md">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>报销单</Table.Th>
          <Table.Th>就医日期</Table.Th>
          <Table.Th>医疗机构</Table.Th>
          <Table.Th>类别</Table.Th>
          <Table.Th ta="right">符合报销</Table.Th>
          <Table.Th ta="right">报销</Table.Th>
          <Table.Th>状态</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.map(({ c, l }) => (
          <Table.Tr key={l.id}>
            <Table.Td>第 {c.id} 号</Table.Td>
            <Table.Td>{l.visitDate}</Table.Td>
            <Table.Td>{l.hospital}</Table.Td>
            <Table.Td>{l.kind}</Table.Td>
            <Table.Td ta="right">{formatYuan(l.eligibleFen)}</Table.Td>
            <Table.Td ta="right">{l.payFen === null ? '待批准' : formatYuan(l.payFen)}</Table.Td>
            <Table.Td>{c.source === '冲销' ? '冲销' : c.status}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
