// The home page's reminders: each a list of people, each name opening the person's file.
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import type { AdjustmentRowView, AdjustmentRunView, CertificationLists, Petition, Reminders } from '../../src-main/api/contract';
import { limitText } from '../pages/PetitionsPage';
import { formatChineseDate } from '../../src-main/shared/dates';
import { formatYuan } from '../../src-main/shared/money';
import { call } from '../api';
import { navigate } from '../route';

const SHOWN = 8;

function ReminderCard({
  title,
  empty,
  items,
  action,
  count,
  open = (i) => navigate(`/people/${i.personId}`),
}: {
  title: string;
  empty: string;
  items: { key: string | number; personId: number; name: string; detail: string; urgent?: boolean }[];
  action?: ReactNode;
  /** How many there are, where the items are only the first of them. */
  count?: number;
  /** Where a name leads; the person's file unless said otherwise. */
  open?: (item: { key: string | number; personId: number }) => void;
}) {
  const [all, setAll] = useState(false);
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="xs">
        <Text fw={700}>{title}</Text>
        <Badge variant="light" color={items.length ? 'orange' : 'gray'} size="lg">
          {count ?? items.length} 人
        </Badge>
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        <Stack gap={4}>
          {(all ? items : items.slice(0, SHOWN)).map((i) => (
            <Group key={i.key} justify="space-between" wrap="nowrap">
              <Anchor onClick={() => open(i)}>{i.name}</Anchor>
              <Text size="sm" c={i.urgent ? 'red.8' : 'dimmed'}>
                {i.detail}
              </Text>
            </Group>
          ))}
          {items.length > SHOWN && (
            <Anchor size="sm" onClick={() => setAll(!all)}>
              {all ? '收起' : `全部 ${items.length} 人`}
            </Anchor>
          )}
          {action}
        </Stack>
      )}
    </Card>
  );
}

export function RemindersSection() {
  const [r, setR] = useState<Reminders | null>(null);
  const [late, setLate] = useState<Petition[]>([]);
  const [certs, setCerts] = useState<CertificationLists | null>(null);
  const [adjust, setAdjust] = useState<{ run: AdjustmentRunView | null; total: number; rows: AdjustmentRowView[] }>({ run: null, total: 0, rows: [] });
  useEffect(() => {
    call('reminders.get', {}).then(setR);
    call('petitions.overdue', {}).then(setLate);
    call('certifications.lists', { year: new Date().getFullYear() }).then(setCerts);
    // This year's adjustment check: who still needs checking in the newest list.
    call('adjustments.runs', { year: new Date().getFullYear() }).then(async ([run]) => {
      if (run) setAdjust({ run, ...(await call('adjustments.rows', { runId: run.id, filter: 'toCheck' })) });
    });
  }, []);
  if (!r) return null;
  return (
    <>
      <Title order={4}>待办提醒</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ReminderCard
          title="近期整寿生日"
          empty="近期没有整寿生日。"
          action={
            r.birthdays.length > 0 && (
              <Button size="compact-sm" variant="light" mt="xs" onClick={() => navigate('/print/letters', { kind: 'birthday', people: r.birthdays.map((b) => String(b.personId)).join(',') })}>
                打印生日贺信（{r.birthdays.length} 封）
              </Button>
            )
          }
          items={r.birthdays.map((b) => ({
            key: b.personId,
            personId: b.personId,
            name: b.name,
            detail: `${formatChineseDate(b.on)} ${b.turning} 岁${b.inDays === 0 ? '（今天）' : `（${b.inDays} 天后）`}`,
            urgent: b.inDays <= 3,
          }))}
        />
        <ReminderCard
          title="到期回访"
          empty="没有到期的回访。"
          items={r.followUps.map((f) => ({ key: f.visitId, personId: f.personId, name: f.name, detail: `${f.kind}，约定 ${f.followUpOn}${f.overdue ? '（已过期）' : ''}`, urgent: f.overdue }))}
        />
        <ReminderCard
          title="住院后尚未探望"
          empty="没有需要探望的住院人员。"
          items={r.hospital.map((h) => ({ key: h.personId, personId: h.personId, name: h.name, detail: `${h.visitDate} 住院${h.hospital ? `（${h.hospital}）` : ''}`, urgent: true }))}
        />
        <ReminderCard
          title="信访超期"
          empty="没有超期的信访件。"
          items={late.map((p) => ({ key: `p${p.id}`, personId: p.personId ?? 0, name: `第 ${p.id} 号：${p.petitioner}`, detail: limitText(p), urgent: true }))}
          open={(i) => navigate(`/petitions/${String(i.key).slice(1)}`)}
        />
        <ReminderCard
          title={`${certs?.year ?? ''} 年度资格认证超期`}
          empty="没有超过 12 个月未认证的人员。"
          items={(certs?.overdue ?? []).map((c) => ({ key: `c${c.personId}`, personId: c.personId, name: c.name, detail: c.lastCertified ? `上次认证 ${c.lastCertified}` : '从未认证', urgent: true }))}
          action={certs && certs.due.length > 0 && <Text size="sm" c="dimmed" mt="xs">本年度尚未认证共 {certs.due.length} 人</Text>}
        />
        <ReminderCard
          title={`${new Date().getFullYear()} 年调资待核对`}
          empty={adjust.run ? '调资名单中没有待核对的人员。' : '本年度尚未导入调资名单。'}
          items={adjust.rows.map((a) => ({
            key: `a${a.id}`,
            personId: a.personId ?? 0,
            name: a.name ?? '',
            detail: a.expectedFen === null ? '无法计算应调金额' : `经办机构 ${formatYuan(a.agencyFen ?? 0)} 元，应调 ${formatYuan(a.expectedFen)} 元`,
            urgent: true,
          }))}
          count={adjust.total}
          open={() => navigate('/annual/adjust')}
        />
        <ReminderCard
          title="久未联系"
          empty="每位在册人员都按规定联系过。"
          items={r.notContacted.map((n) => ({
            key: n.personId,
            personId: n.personId,
            name: n.name,
            detail: `${n.why}，每 ${n.allowedDays} 天至少一次；${n.lastContact ? `上次 ${n.lastContact}` : '从未记录'}`,
            urgent: n.why !== '一般',
          }))}
        />
      </SimpleGrid>
    </>
  );
}
