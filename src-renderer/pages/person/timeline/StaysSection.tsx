// A person's hospital stays (住院登记) on their timeline, the latest first: where, since when, what
// for, how it ended, who heard of it from whom; the visits made for it (住院看望) and, after
// discharge, the follow-up (出院回访). Each stay is visited, corrected and discharged from here.
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { SyntheticEvent } from 'react';
import type { Stay } from '../../../../src-main/contract/stays';
import { todayIso } from '../../../../src-main/shared/dates';
import { Can } from '../../../kit/operator';
import { useRpc } from '../../../kit/rpc';
import { DischargeForm, StayForm } from './StayForms';
import { VisitForm } from './VisitForm';
import { VisitKind, whatHappened, whoWent } from './VisitsSection';

/** 市中心医院 心内科 12床. */
export const placeOf = (s: Stay) => [s.hospital, s.department, s.bed].filter(Boolean).join(' ');

/** Where the stay stands: in hospital, or discharged and whether it has been followed up. */
export function StayState({ stay }: { stay: Stay }) {
  if (!stay.dischargedOn)
    return (
      <Badge color="red" variant="light">
        在院
      </Badge>
    );
  const f = stay.followUp!;
  if (f.doneOn)
    return (
      <Badge color="green" variant="light">
        {stay.dischargedOn} 出院，{f.doneOn} 已回访
      </Badge>
    );
  return (
    <Badge color={f.dueOn <= todayIso() ? 'orange' : 'blue'} variant="light">
      {stay.dischargedOn} 出院，应于 {f.dueOn} 回访
    </Badge>
  );
}

const stop = (e: SyntheticEvent) => e.stopPropagation();

/**
 * What is done to a stay (看望, 出院登记, 修改): its buttons and their dialogs, mounted while open.
 * In a table row, clicks and keys inside stay there (a dialog's Enter is not the row's).
 */
export function StayActions({
  stay,
  canVisit = true,
  compact = false,
}: {
  stay: Stay;
  canVisit?: boolean;
  compact?: boolean;
}) {
  const [visiting, visit] = useDisclosure(false);
  const [editing, edit] = useDisclosure(false);
  const [discharging, discharge] = useDisclosure(false);
  return (
    <Can method="stays.update">
      <span onClick={stop} onKeyDown={stop}>
        <Group gap={4} wrap="nowrap">
          {canVisit && (
            <Button size="compact-md" variant="light" onClick={visit.open}>
              {compact ? '看望' : '记录住院看望'}
            </Button>
          )}
          {!stay.dischargedOn && (
            <Button size="compact-md" variant="light" onClick={discharge.open}>
              出院登记
            </Button>
          )}
          <Button size="compact-md" variant="subtle" onClick={edit.open}>
            修改
          </Button>
        </Group>
        {visiting && <VisitForm opened personId={stay.personId} stay={stay} onClose={visit.close} />}
        {editing && <StayForm opened person={null} stay={stay} onClose={edit.close} />}
        {discharging && <DischargeForm stay={stay} onClose={discharge.close} />}
      </span>
    </Can>
  );
}

export function StaysSection({ personId, canRecord }: { personId: number; canRecord: boolean }) {
  const stays = useRpc('stays.list', { personId });
  if (!stays.data || stays.data.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        住院登记
      </Title>
      <Stack gap="sm">
        {stays.data.map((s) => (
          <Stack key={s.id} gap={4} data-testid={`stay-${s.id}`}>
            <Group gap="sm">
              <Text fw={600}>{placeOf(s)}</Text>
              <Text size="sm">{s.admittedOn} 入院</Text>
              <StayState stay={s} />
              <StayActions stay={s} canVisit={canRecord} />
            </Group>
            <Text size="sm">
              {[
                s.condition && `病情：${s.condition}`,
                s.outcome && `治疗结果：${s.outcome}`,
                (s.newsSource || s.newsDetail) &&
                  `消息来源：${[s.newsSource, s.newsDetail].filter(Boolean).join('，')}`,
                s.note && `备注：${s.note}`,
              ]
                .filter(Boolean)
                .join('；') || '—'}
            </Text>
            {s.visits.map((v) => (
              <Group key={v.id} gap="xs" pl="md">
                <Text size="sm">{v.date}</Text>
                <VisitKind visit={v} />
                <Text size="sm">
                  {whoWent(v)}；{whatHappened(v)}
                </Text>
              </Group>
            ))}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
