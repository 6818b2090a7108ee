// One claim: its invoices, the computation of each line in words once approved, and the moves its
// status allows (提交审核, 批准, 退回 with a reason, 重新提交, 冲销更正 for an approved claim).
import { Alert, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { Fragment, useCallback, useEffect, useState } from 'react';
import type { ClaimFile } from '../../../src-main/api/contract';
import { call } from '../../api';
import { AttachmentsTab } from '../../components/AttachmentsTab';
import { navigate } from '../../route';
import { done, failed, StatusBadge, yuan } from './shared';
import { PolicyGapNotice, visitYears } from './PolicyGapNotice';

export function ClaimDetail({ id }: { id: number }) {
  const [claim, setClaim] = useState<ClaimFile | null>(null);
  const [asking, setAsking] = useState<'退回' | '冲销' | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => call('claims.get', { id }).then(setClaim, failed), [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!claim) return null;

  const move = async (to: '审核' | '批准' | '退回' | '登记', why: string | null = null) => {
    setBusy(true);
    try {
      setClaim(await call('claims.move', { id: claim.id, version: claim.version, to, reason: why }));
      done({ 审核: '已提交审核', 批准: '已批准，报销金额已计算', 退回: '已退回', 登记: '已重新提交' }[to]);
      setAsking(null);
      setReason('');
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };
  const reverse = async () => {
    setBusy(true);
    try {
      const r = await call('claims.reverse', { id: claim.id, version: claim.version, reason });
      done(`已冲销（第 ${r.reversal.id} 号冲销单），请在第 ${r.correction.id} 号报销单中更正后重新提交`);
      navigate(`/claims/${r.correction.id}`);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const approved = claim.approvalSeq !== null;
  const editable = claim.status === '登记' || claim.status === '退回';
  return (
    <Stack gap="md" mt="md">
      <Group justify="space-between">
        <Group>
          <Title order={2}>
            第 {claim.id} 号{claim.source === '冲销' ? '冲销单' : '报销单'}
          </Title>
          <StatusBadge status={claim.status} source={claim.source} />
        </Group>
        <Group>
          {editable && (
            <Button variant="default" onClick={() => navigate(`/claims/edit/${claim.id}`)}>
              修改
            </Button>
          )}
          {claim.status === '登记' && (
            <Button loading={busy} onClick={() => move('审核')}>
              提交审核
            </Button>
          )}
          {claim.status === '审核' && (
            <Button color="green" loading={busy} onClick={() => move('批准')}>
              批准
            </Button>
          )}
          {(claim.status === '登记' || claim.status === '审核') && (
            <Button color="orange" variant="light" onClick={() => setAsking('退回')}>
              退回
            </Button>
          )}
          {claim.status === '退回' && (
            <Button loading={busy} onClick={() => move('登记')}>
              重新提交
            </Button>
          )}
          {approved && claim.source !== '冲销' && claim.reversedBy === null && (
            <Button color="red" variant="light" onClick={() => setAsking('冲销')}>
              冲销更正
            </Button>
          )}
          <Button variant="subtle" onClick={() => navigate('/claims/statement', { person: String(claim.personId), year: claim.lines[0]?.visitDate.slice(0, 4) })}>
            本年度结算
          </Button>
        </Group>
      </Group>
      {!approved && claim.source !== '冲销' && <PolicyGapNotice personId={claim.personId} years={visitYears(claim.lines.map((l) => l.visitDate))} />}
      {claim.returnReason && claim.status === '退回' && <Alert color="orange">退回原因：{claim.returnReason}</Alert>}
      {claim.reversedBy !== null && (
        <Alert color="red">
          本报销单已由第 {claim.reversedBy} 号冲销单冲销。
        </Alert>
      )}
      {claim.reversalOf !== null && <Alert color="red">冲销第 {claim.reversalOf} 号报销单。原因：{claim.note}</Alert>}
      {claim.corrects !== null && <Alert color="blue">本报销单更正第 {claim.corrects} 号报销单。</Alert>}
      <Paper withBorder p="md">
        <SimpleGrid cols={4} spacing="sm">
          <Text>
            报销人：
            <Text span fw={600} style={{ cursor: 'pointer' }} c="blue.8" onClick={() => navigate(`/people/${claim.personId}`)}>
              {claim.personName}
            </Text>
          </Text>
          <Text>人员类别：{claim.category}</Text>
          <Text>身份证号：{claim.idNumberMasked ?? '—'}</Text>
          <Text>收件日期：{claim.receivedDate}</Text>
          <Text>登记：{claim.createdBy}</Text>
          <Text>批准：{claim.approvedBy ? `${claim.approvedBy}（${claim.approvedAt?.slice(0, 10)}）` : '—'}</Text>
          <Text>符合报销金额：{yuan(claim.eligibleFen)}</Text>
          <Text fw={700}>报销金额：{yuan(claim.payFen)}</Text>
        </SimpleGrid>
        {claim.note && claim.reversalOf === null && <Text mt="sm">备注：{claim.note}</Text>}
      </Paper>
      <Table withTableBorder verticalSpacing="sm" fz="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>票据</Table.Th>
            <Table.Th>医疗机构</Table.Th>
            <Table.Th>就医日期</Table.Th>
            <Table.Th>类别</Table.Th>
            <Table.Th ta="right">总金额</Table.Th>
            <Table.Th ta="right">个人自付</Table.Th>
            <Table.Th ta="right">符合报销</Table.Th>
            <Table.Th ta="right">报销</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {claim.lines.map((l) => (
            <Fragment key={l.id}>
              <Table.Tr>
                <Table.Td>{[l.invoiceCode, l.invoiceNo].filter(Boolean).join(' ')}</Table.Td>
                <Table.Td>{l.hospital}</Table.Td>
                <Table.Td>{l.visitDate}</Table.Td>
                <Table.Td>{l.kind}</Table.Td>
                <Table.Td ta="right">{yuan(l.totalFen)}</Table.Td>
                <Table.Td ta="right">{yuan(l.selfFen)}</Table.Td>
                <Table.Td ta="right">
                  {yuan(l.eligibleFen)}
                  {l.eligibleReason && (
                    <Text size="xs" c="dimmed">
                      {l.eligibleReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {yuan(l.payFen)}
                </Table.Td>
              </Table.Tr>
              {l.explanation && (
                <Table.Tr>
                  <Table.Td colSpan={8} c="dimmed" data-testid="breakdown">
                    计算：{l.explanation}
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
      {!approved && <Text c="dimmed">报销金额在批准时按当年政策和本人已报销情况计算，批准后不再改动。</Text>}
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          票据扫描件
        </Title>
        <AttachmentsTab personId={claim.personId} claimId={claim.id} attachments={claim.attachments} onChanged={() => void load()} />
      </Paper>
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title={asking === '退回' ? '退回报销单' : '冲销更正'} size="lg">
        <Stack>
          {asking === '冲销' && <Text>将生成一张冲销单抵消本报销单的全部金额，并复制一张新的报销单供更正后重新提交。原报销单保持不变。</Text>}
          <Textarea label={asking === '退回' ? '退回原因' : '冲销原因'} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              取消
            </Button>
            <Button color={asking === '冲销' ? 'red' : 'orange'} loading={busy} disabled={!reason.trim()} onClick={() => (asking === '退回' ? move('退回', reason) : reverse())}>
              确定
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
