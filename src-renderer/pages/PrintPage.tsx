// Pages made for paper: the batch's summary sheet (报销汇总表) with the total in capitals, and a
// person's year statement. Shown alone (no menu), printed with the browser's print (or to PDF).
// Their tables are paper, not lists to work in: plain tables, every row on the sheet. Each is read
// through its method for paper (batches.printSheet …), which the access log records as printed.
import { Alert, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { ApiError } from '../api';
import type { AppInfo } from '../../src-main/contract/app';
import { formatChineseDate, todayIso } from '../../src-main/shared/dates';
import { formatYuan } from '../../src-main/shared/money';
import { useRpc } from '../kit/rpc';
import { StatementSummary, StatementTable } from './claims/StatementView';
import { giftText } from './VisitsPage';

function Sheet({ title, children, info }: { title: string; children: React.ReactNode; info: AppInfo }) {
  return (
    <Stack gap="md" p="xl" className="print-sheet">
      <Group className="no-print">
        <Button onClick={() => window.print()}>打印</Button>
        <Button variant="default" onClick={() => window.history.back()}>
          返回
        </Button>
      </Group>
      <Title order={2} ta="center">
        {title}
      </Title>
      {children}
      <Group justify="space-between" mt="xl">
        <Text>制表：{info.operatorName}</Text>
        <Text>审核：</Text>
        <Text>负责人：</Text>
      </Group>
      <Text ta="right">
        {info.orgName}
        <br />
        {formatChineseDate(todayIso())}
      </Text>
    </Stack>
  );
}

/** Paper shows what is on file at the moment it is printed: read afresh each time, never cached. */
const FRESH = { staleTime: 0, gcTime: 0 };

/** While the sheet is read: a spinner, or why it cannot be printed. */
function NotYet({ error }: { error: ApiError | null }) {
  if (!error) return <Loader m="xl" />;
  return (
    <Alert color="red" m="xl" title="无法打印">
      {error.message}
      <Group mt="md">
        <Button variant="default" onClick={() => window.history.back()}>
          返回
        </Button>
      </Group>
    </Alert>
  );
}

function BatchSheet({ id, info }: { id: number; info: AppInfo }) {
  const { data: b, error } = useRpc('batches.printSheet', { id }, FRESH);
  if (!b) return <NotYet error={error} />;
  return (
    <Sheet title={`${info.orgName}${b.purpose}汇总表`} info={info}>
      <Text>
        发放批次：{b.name}　　共 {b.rows.length} 笔
      </Text>
      <Table withTableBorder withColumnBorders verticalSpacing={6} fz="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>序号</Table.Th>
            <Table.Th>姓名</Table.Th>
            <Table.Th>身份证号</Table.Th>
            <Table.Th>银行账号</Table.Th>
            <Table.Th ta="right">金额（元）</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {b.rows.map((r, i) => (
            <Table.Tr key={`${r.source}-${r.itemId}`}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td>{r.idNumber}</Table.Td>
              <Table.Td>{r.bankAccount}</Table.Td>
              <Table.Td ta="right">{formatYuan(r.payFen)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td colSpan={4} fw={700}>
              合计
            </Table.Td>
            <Table.Td ta="right" fw={700}>
              {formatYuan(b.totalFen)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text fw={700} size="lg" data-testid="capital-total">
        合计金额（大写）：人民币{b.totalCapital}
      </Text>
    </Sheet>
  );
}

function StatementSheet({ personId, year, info }: { personId: number; year: number; info: AppInfo }) {
  const { data: s, error } = useRpc('claims.printStatement', { personId, year }, FRESH);
  if (!s) return <NotYet error={error} />;
  return (
    <Sheet title={`${year} 年度药费报销结算单`} info={info}>
      <Text size="lg">
        {s.name}（{s.category}，身份证号 {s.idNumberMasked ?? '—'}）：
      </Text>
      <StatementSummary s={s} />
      <StatementTable s={s} />
    </Sheet>
  );
}

function VisitBatchSheet({ id, info }: { id: number; info: AppInfo }) {
  const { data: b, error } = useRpc('visits.printBatch', { id }, FRESH);
  if (!b) return <NotYet error={error} />;
  return (
    <Sheet title="慰问品签领表" info={info}>
      <Text>
        {b.name}（{b.kind}，{formatChineseDate(b.date)}）
      </Text>
      <Table withTableBorder withColumnBorders verticalSpacing={10} fz="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>序号</Table.Th>
            <Table.Th w={110}>姓名</Table.Th>
            <Table.Th>地址</Table.Th>
            <Table.Th>金额/物品</Table.Th>
            <Table.Th w={140}>签字</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {b.rows.map((r, i) => (
            <Table.Tr key={r.visitId}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td>{r.address}</Table.Td>
              <Table.Td>{giftText(b)}</Table.Td>
              <Table.Td />
            </Table.Tr>
          ))}
          {/* The survivors visited in the batch sign too, after the retirees, marked as such. */}
          {b.survivors.map((s, i) => (
            <Table.Tr key={`s${s.visitId}`}>
              <Table.Td>{b.rows.length + i + 1}</Table.Td>
              <Table.Td>
                {s.name}（遗属，{s.deceasedName}的{s.relation}）
              </Table.Td>
              <Table.Td>{s.address}</Table.Td>
              <Table.Td>{giftText(b)}</Table.Td>
              <Table.Td />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Sheet>
  );
}

export function PrintPage({ path, params, info }: { path: string[]; params: URLSearchParams; info: AppInfo }) {
  const [, kind, id] = path;
  if (kind === 'batch' && id) return <BatchSheet id={Number(id)} info={info} />;
  if (kind === 'visit-batch' && id) return <VisitBatchSheet id={Number(id)} info={info} />;
  if (kind === 'statement')
    return <StatementSheet personId={Number(params.get('person'))} year={Number(params.get('year'))} info={info} />;
  return <Text p="xl">无法打印：地址不正确</Text>;
}
