// The rest of a person's timeline, each read on its own: activities and study materials, the
// yearly pension adjustment check, petitions, and the letters printed for them.
import { Paper, Text, Title, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatYuan } from '../../../../src-main/shared/money';
import { useRpc } from '../../../kit/rpc';
import { navigate } from '../../../route';

function Box({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

const yuanOr = (fen: number | null, none = '—') => (fen === null ? none : formatYuan(fen));

export function ActivitiesSection({ personId }: { personId: number }) {
  const { data } = useRpc('activities.ofPerson', { personId });
  if (!data || (data.activities.length === 0 && data.materials.length === 0)) return null;
  return (
    <Box title="活动与学习">
      {data.activities.map((a) => (
        <Text key={`a${a.id}`} size="sm">
          {a.heldOn} {a.kind}“{a.title}”：{a.attended ? '到会' : a.invited ? '受邀未到会' : '—'}
        </Text>
      ))}
      {data.materials.map((m) => (
        <Text key={`m${m.id}`} size="sm">
          {m.receivedOn} 学习资料《{m.title}》：{m.how}
        </Text>
      ))}
    </Box>
  );
}

export function AdjustmentsSection({ personId }: { personId: number }) {
  const { data } = useRpc('adjustments.ofPerson', { personId });
  if (!data?.length) return null;
  return (
    <Box title="基本养老金调整核对">
      {data.map((a) => (
        <Text key={a.id} size="sm">
          {a.year} 年：调整前 {yuanOr(a.oldFen)} 元，经办机构调整额 {yuanOr(a.agencyFen)} 元，应调{' '}
          {a.expectedFen === null ? '无法计算' : `${formatYuan(a.expectedFen)} 元`}；
          {a.checkedOn ? `${a.checkedOn} 由${a.checkedBy}核对${a.checkNote ? `：${a.checkNote}` : ''}` : '尚未核对'}
        </Text>
      ))}
    </Box>
  );
}

export function AidSection({ personId }: { personId: number }) {
  const { data } = useRpc('aid.list', { personId });
  if (!data?.length) return null;
  return (
    <Box title="困难帮扶">
      {data.map((a) => (
        <UnstyledButton
          key={a.id}
          display="block"
          onClick={() => navigate('/visits', { tab: 'aid', year: a.appliedOn.slice(0, 4), aid: String(a.id) })}
        >
          <Text size="sm" c="blue.8">
            {[
              a.appliedOn,
              a.reason,
              `申请 ${formatYuan(a.askedFen)} 元`,
              a.decision === null ? '待审批' : a.decision,
              a.grantedFen !== null && `${formatYuan(a.grantedFen)} 元（${a.body}）`,
              a.paidOn && `${a.paidOn} 已发放`,
            ]
              .filter(Boolean)
              .join('　')}
          </Text>
        </UnstyledButton>
      ))}
    </Box>
  );
}

export function PetitionsSection({ personId }: { personId: number }) {
  const { data } = useRpc('petitions.list', { personId });
  if (!data?.length) return null;
  return (
    <Box title="信访记录">
      {data.map((p) => (
        <UnstyledButton key={p.id} display="block" onClick={() => navigate(`/petitions/${p.id}`)}>
          <Text size="sm" c="blue.8">
            {p.receivedOn}　{p.channel}　{p.subject}（{p.status}）
          </Text>
        </UnstyledButton>
      ))}
    </Box>
  );
}

export function LettersSection({ personId }: { personId: number }) {
  const { data } = useRpc('letters.log', { personId });
  if (!data?.length) return null;
  return (
    <Box title="信函记录">
      {data.map((l, i) => (
        <Text key={i} size="sm">
          {l.printedAt.replace('T', ' ')}　{l.title}
          {l.batch ? `（${l.batch}）` : ''}　{l.printedBy} 打印
        </Text>
      ))}
    </Box>
  );
}
