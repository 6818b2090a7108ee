// One petition: its limit now, who brought it and what they said, what was done, its papers, and
// the buttons for the steps its status allows.
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useRpc } from '../../kit/rpc';
import { Can } from '../../kit/operator';
import { RecordAttachments } from '../../components/RecordAttachments';
import { PetitionStep, type StepKind } from './PetitionStep';
import { limitText, StatusBadge } from './shared';

export function PetitionDetail({ id }: { id: number }) {
  const petition = useRpc('petitions.get', { id });
  const [step, setStep] = useState<StepKind | null>(null);
  const p = petition.data;
  if (!p) return null;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group>
          <Title order={2}>第 {p.id} 号信访件</Title>
          <StatusBadge p={p} />
        </Group>
        <Can method="petitions.advance">
          <Group>
            {p.status === '待受理' && <Button onClick={() => setStep('accept')}>受理</Button>}
            {p.status === '待受理' && (
              <Button variant="light" color="gray" onClick={() => setStep('reject')}>
                不予受理
              </Button>
            )}
            {p.status === '办理中' && <Button onClick={() => setStep('conclude')}>办结</Button>}
            {p.status === '办理中' && p.extensionDays === null && (
              <Button variant="light" onClick={() => setStep('extend')}>
                延期
              </Button>
            )}
          </Group>
        </Can>
      </Group>
      <Alert color={p.overdue ? 'red' : 'blue'}>{limitText(p)}</Alert>
      <Paper withBorder p="md">
        <SimpleGrid cols={3} spacing="xs">
          <Text>收到日期：{p.receivedOn}</Text>
          <Text>方式：{p.channel}</Text>
          <Text>承办人：{p.handler ?? '—'}</Text>
          <Text>
            信访人：
            {p.personId ? (
              <Text component="a" href={`#/people/${p.personId}`} c="blue.8">
                {p.petitioner}
              </Text>
            ) : (
              p.petitioner
            )}
            {p.relation ? `（${p.relation}）` : ''}
          </Text>
          <Text>电话：{p.phone ?? '—'}</Text>
          <Text>登记：{p.createdBy}</Text>
        </SimpleGrid>
        <Title order={5} mt="md">
          {p.subject}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{p.content}</Text>
        {p.acceptedOn && <Text mt="sm">受理日期：{p.acceptedOn}</Text>}
        {p.extensionDays && (
          <Text>
            延期 {p.extensionDays} 天：{p.extensionReason}
          </Text>
        )}
        {p.rejectedReason && <Text mt="sm">不予受理理由：{p.rejectedReason}</Text>}
        {p.result && (
          <Text mt="sm">
            办理结果：{p.result}
            {p.satisfaction ? `（信访人${p.satisfaction}）` : ''}
          </Text>
        )}
      </Paper>
      <RecordAttachments kind="petition" id={p.id} title="附件（来信、材料）" />
      {step && <PetitionStep key={step} petition={p} step={step} onClose={() => setStep(null)} />}
    </Stack>
  );
}
