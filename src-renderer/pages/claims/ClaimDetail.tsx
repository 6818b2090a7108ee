// One claim: its invoices, the computation of each line in words once approved, and the moves its
// status allows (提交审核, 批准, 退回 with a reason, 重新提交, 冲销更正 for an approved claim).
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { z } from 'zod';
import type { ClaimFile, ClaimLineView } from '../../../src-main/contract/claims';
import { contract } from '../../../src-main/contract';
import { AttachmentsTab } from '../../components/AttachmentsTab';
import { DataTable } from '../../kit/DataTable';
import { MaskedValue } from '../../kit/Reveal';
import { FormModal } from '../../kit/FormModal';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';
import { PolicyGapNotice, visitYears } from './PolicyGapNotice';
import { done, failed, LoadFailed, StatusBadge, yuan } from './shared';

/** What a move or a reversal makes stale: the claim, the lists it is in, the person's year, the year's figures. */
const MOVED = ['claims.get', 'claims.list', 'claims.statement', 'claims.report'] as const;

const DONE_WORDS = { 审核: '已提交审核', 批准: '已批准，报销金额已计算', 退回: '已退回', 登记: '已重新提交' } as const;

/** A claim goes back only with a reason (the main process refuses it without: 退回报销单须填写原因). */
const ReturnReason = z.object({ reason: z.string().trim().min(1, '请填写退回原因').max(200, '不能超过 200 个字') });
/** The contract's own reason for a reversal. */
const ReverseReason = contract['claims.reverse'].input.pick({ reason: true });

export function ClaimDetail({ id }: { id: number }) {
  const query = useRpc('claims.get', { id });
  const [asking, setAsking] = useState<'退回' | '冲销' | null>(null);
  const move = useRpcMutation('claims.move', {
    invalidates: [...MOVED],
    onSuccess: (_, input) => done(DONE_WORDS[input.to]),
    // 退回 is asked in a dialog, which shows its own refusal.
    onError: (e, input) => input.to !== '退回' && failed(e),
  });
  const reverse = useRpcMutation('claims.reverse', {
    invalidates: [...MOVED, 'batches.get'],
    onSuccess: (r) => {
      done(`已冲销（第 ${r.reversal.id} 号冲销单），请在第 ${r.correction.id} 号报销单中更正后重新提交`);
      navigate(`/claims/${r.correction.id}`);
    },
    onError: () => {},
  });
  const returnForm = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: zod4Resolver(ReturnReason),
  });
  const reverseForm = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: zod4Resolver(ReverseReason),
  });

  if (query.error) return <LoadFailed error={query.error} />;
  const claim = query.data;
  if (!claim) return null;
  const go = (to: keyof typeof DONE_WORDS) => move.mutate({ id: claim.id, version: claim.version, to });
  const moving = (to: keyof typeof DONE_WORDS) => move.isPending && move.variables?.to === to;

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
            <Can method="claims.update">
              <Button variant="default" onClick={() => navigate(`/claims/edit/${claim.id}`)}>
                修改
              </Button>
            </Can>
          )}
          <Can method="claims.move">
            {claim.status === '登记' && (
              <Button loading={moving('审核')} disabled={move.isPending} onClick={() => go('审核')}>
                提交审核
              </Button>
            )}
            {claim.status === '审核' && (
              <Button color="green" loading={moving('批准')} disabled={move.isPending} onClick={() => go('批准')}>
                批准
              </Button>
            )}
            {(claim.status === '登记' || claim.status === '审核') && (
              <Button color="orange" variant="light" onClick={() => setAsking('退回')}>
                退回
              </Button>
            )}
            {claim.status === '退回' && (
              <Button loading={moving('登记')} disabled={move.isPending} onClick={() => go('登记')}>
                重新提交
              </Button>
            )}
          </Can>
          <Can method="claims.reverse">
            {approved && claim.source !== '冲销' && claim.reversedBy === null && (
              <Button color="red" variant="light" onClick={() => setAsking('冲销')}>
                冲销更正
              </Button>
            )}
          </Can>
          <Button
            variant="subtle"
            onClick={() =>
              navigate('/claims/statement', {
                person: String(claim.personId),
                year: claim.lines[0]?.visitDate.slice(0, 4),
              })
            }
          >
            本年度结算
          </Button>
        </Group>
      </Group>
      {!approved && claim.source !== '冲销' && (
        <PolicyGapNotice personId={claim.personId} years={visitYears(claim.lines.map((l) => l.visitDate))} />
      )}
      {claim.returnReason && claim.status === '退回' && <Alert color="orange">退回原因：{claim.returnReason}</Alert>}
      {claim.reversedBy !== null && <Alert color="red">本报销单已由第 {claim.reversedBy} 号冲销单冲销。</Alert>}
      {claim.reversalOf !== null && (
        <Alert color="red">
          冲销第 {claim.reversalOf} 号报销单。原因：{claim.note}
        </Alert>
      )}
      {claim.corrects !== null && <Alert color="blue">本报销单更正第 {claim.corrects} 号报销单。</Alert>}
      <Paper withBorder p="md">
        <SimpleGrid cols={4} spacing="sm">
          <Text>
            报销人：
            <Anchor component="button" fw={600} onClick={() => navigate(`/people/${claim.personId}`)}>
              {claim.personName}
            </Anchor>
          </Text>
          <Text>人员类别：{claim.category}</Text>
          <Group gap={4}>
            <Text>身份证号：</Text>
            {claim.idNumberMasked ? (
              <MaskedValue personId={claim.personId} field="idNumber" what="身份证号" value={claim.idNumberMasked} />
            ) : (
              <Text>—</Text>
            )}
          </Group>
          <Text>收件日期：{claim.receivedDate}</Text>
          <Text>登记：{claim.createdBy}</Text>
          <Text>批准：{claim.approvedBy ? `${claim.approvedBy}（${claim.approvedAt?.slice(0, 10)}）` : '—'}</Text>
          <Text>符合报销金额：{yuan(claim.eligibleFen)}</Text>
          <Text fw={700}>报销金额：{yuan(claim.payFen)}</Text>
        </SimpleGrid>
        {claim.note && claim.reversalOf === null && <Text mt="sm">备注：{claim.note}</Text>}
      </Paper>
      <Lines claim={claim} />
      {!approved && <Text c="dimmed">报销金额在批准时按当年政策和本人已报销情况计算，批准后不再改动。</Text>}
      <Paper withBorder p="md">
        <Title order={4} mb="sm">
          票据扫描件
        </Title>
        <AttachmentsTab
          personId={claim.personId}
          claimId={claim.id}
          attachments={claim.attachments}
          onChanged={() => void query.refetch()}
        />
      </Paper>
      <FormModal
        opened={asking === '退回'}
        onClose={() => setAsking(null)}
        title="退回报销单"
        form={returnForm}
        submitLabel="确定退回"
        submitColor="orange"
        onSubmit={async ({ reason }) => {
          await move.mutateAsync({ id: claim.id, version: claim.version, to: '退回', reason });
        }}
      >
        <Textarea label="退回原因" autosize minRows={2} data-autofocus {...returnForm.getInputProps('reason')} />
      </FormModal>
      <FormModal
        opened={asking === '冲销'}
        onClose={() => setAsking(null)}
        title="冲销更正"
        form={reverseForm}
        submitLabel="确定冲销"
        submitColor="red"
        onSubmit={({ reason }) => reverse.mutateAsync({ id: claim.id, version: claim.version, reason })}
      >
        <Text>将生成一张冲销单抵消本报销单的全部金额，并复制一张新的报销单供更正后重新提交。原报销单保持不变。</Text>
        <Textarea label="冲销原因" autosize minRows={2} data-autofocus {...reverseForm.getInputProps('reason')} />
      </FormModal>
    </Stack>
  );
}

/** The invoices, each with the computation of its amount in words once approved. */
function Lines({ claim }: { claim: ClaimFile }) {
  return (
    <DataTable<ClaimLineView>
      records={claim.lines}
      rowLabel={(l) => `票据 ${[l.invoiceCode, l.invoiceNo].filter(Boolean).join(' ')}，${l.visitDate}，${l.kind}`}
      columns={[
        { accessor: 'invoiceNo', title: '票据', render: (l) => [l.invoiceCode, l.invoiceNo].filter(Boolean).join(' ') },
        { accessor: 'hospital', title: '医疗机构' },
        { accessor: 'visitDate', title: '就医日期' },
        { accessor: 'kind', title: '类别' },
        { accessor: 'totalFen', title: '总金额', textAlign: 'right', render: (l) => yuan(l.totalFen) },
        { accessor: 'selfFen', title: '个人自付', textAlign: 'right', render: (l) => yuan(l.selfFen) },
        {
          accessor: 'eligibleFen',
          title: '符合报销',
          textAlign: 'right',
          render: (l) => (
            <>
              {yuan(l.eligibleFen)}
              {l.eligibleReason && (
                <Text size="sm" c="dimmed">
                  {l.eligibleReason}
                </Text>
              )}
            </>
          ),
        },
        {
          accessor: 'payFen',
          title: '报销',
          textAlign: 'right',
          render: (l) => <Text fw={600}>{yuan(l.payFen)}</Text>,
        },
      ]}
      rowExpansion={{
        trigger: 'always',
        expandable: ({ record }) => record.explanation !== null,
        content: ({ record }) => (
          <Text c="dimmed" px="sm" py={6} data-testid="breakdown">
            计算：{record.explanation}
          </Text>
        ),
      }}
    />
  );
}
