// The home page's reminders: each a list of people, each name a link to the person's file (Tab
// reaches it, Enter opens it).
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { formatChineseDate } from '../../src-main/shared/dates';
import { formatYuan } from '../../src-main/shared/money';
import { useRpc } from '../kit/rpc';
import { limitText } from '../pages/PetitionsPage';
import { navigate } from '../route';

const SHOWN = 8;

export interface ReminderItem {
  key: string | number;
  name: string;
  detail: string;
  /** Where the name leads (`#/people/12`). */
  href: string;
  urgent?: boolean;
}

const fileOf = (personId: number) => `#/people/${personId}`;

export function ReminderCard({
  title,
  empty,
  items,
  action,
  count,
}: {
  title: string;
  empty: string;
  items: ReminderItem[];
  action?: ReactNode;
  /** How many there are, where the items are only the first of them. */
  count?: number;
}) {
  const [all, { toggle }] = useDisclosure(false);
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Text fw={700}>{title}</Text>
        <Badge variant="light" color={items.length ? 'orange' : 'gray'} size="lg" style={{ flexShrink: 0 }}>
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
            <Group key={i.key} justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
              <Anchor href={i.href} style={{ whiteSpace: 'nowrap' }}>
                {i.name}
              </Anchor>
              <Text size="sm" c={i.urgent ? 'red.8' : 'dimmed'} ta="right">
                {i.detail}
              </Text>
            </Group>
          ))}
          {items.length > SHOWN && (
            <Anchor component="button" type="button" size="sm" onClick={toggle} ta="left">
              {all ? '收起' : `全部 ${items.length} 人`}
            </Anchor>
          )}
          {action}
        </Stack>
      )}
    </Card>
  );
}

/**
 * The home page sums up what every other page (and an import, another window, the command line)
 * changes: it shows what it read last at once and reads it again each time it is opened.
 */
export const FRESH = { refetchOnMount: 'always' } as const;

export function RemindersSection() {
  const year = new Date().getFullYear();
  const reminders = useRpc('reminders.get', {}, FRESH);
  const late = useRpc('petitions.overdue', {}, FRESH);
  const certs = useRpc('certifications.lists', { year }, FRESH);
  // This year's adjustment check: who still needs checking in the newest list.
  const runs = useRpc('adjustments.runs', { year }, FRESH);
  const run = runs.data?.[0] ?? null;
  const toCheck = useRpc('adjustments.rows', run ? { runId: run.id, filter: 'toCheck' } : null, FRESH);
  const r = reminders.data;
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
              <Button
                size="compact-md"
                variant="light"
                mt="xs"
                style={{ alignSelf: 'flex-start' }}
                onClick={() =>
                  navigate('/print/letters', {
                    kind: 'birthday',
                    people: r.birthdays.map((b) => String(b.personId)).join(','),
                  })
                }
              >
                打印生日贺信（{r.birthdays.length} 封）
              </Button>
            )
          }
          items={r.birthdays.map((b) => ({
            key: b.personId,
            href: fileOf(b.personId),
            name: b.name,
            detail: `${formatChineseDate(b.on)} ${b.turning} 岁${b.inDays === 0 ? '（今天）' : `（${b.inDays} 天后）`}`,
            urgent: b.inDays <= 3,
          }))}
        />
        <ReminderCard
          title="到期回访"
          empty="没有到期的回访。"
          items={r.followUps.map((f) => ({
            key: f.visitId,
            href: fileOf(f.personId),
            name: f.name,
            detail: `${f.kind}，约定 ${f.followUpOn}${f.overdue ? '（已过期）' : ''}`,
            urgent: f.overdue,
          }))}
        />
        <ReminderCard
          title="住院后尚未探望"
          empty="没有需要探望的住院人员。"
          items={r.hospital.map((h) => ({
            key: h.personId,
            href: fileOf(h.personId),
            name: h.name,
            detail: `${h.visitDate} 住院${h.hospital ? `（${h.hospital}）` : ''}`,
            urgent: true,
          }))}
        />
        <ReminderCard
          title="信访超期"
          empty="没有超期的信访件。"
          items={(late.data ?? []).map((p) => ({
            key: `p${p.id}`,
            href: `#/petitions/${p.id}`,
            name: `第 ${p.id} 号：${p.petitioner}`,
            detail: limitText(p),
            urgent: true,
          }))}
        />
        <ReminderCard
          title={`${certs.data?.year ?? year} 年度资格认证超期`}
          empty="没有超过 12 个月未认证的人员。"
          items={(certs.data?.overdue ?? []).map((c) => ({
            key: `c${c.personId}`,
            href: fileOf(c.personId),
            name: c.name,
            detail: c.lastCertified ? `上次认证 ${c.lastCertified}` : '从未认证',
            urgent: true,
          }))}
          action={
            certs.data &&
            certs.data.due.length > 0 && (
              <Text size="sm" c="dimmed" mt="xs">
                本年度尚未认证共 {certs.data.due.length} 人
              </Text>
            )
          }
        />
        <ReminderCard
          title={`${year} 年调资待核对`}
          empty={run ? '调资名单中没有待核对的人员。' : '本年度尚未导入调资名单。'}
          items={(toCheck.data?.rows ?? []).map((a) => ({
            key: `a${a.id}`,
            href: '#/annual/adjust',
            name: a.name ?? '',
            detail:
              a.expectedFen === null
                ? '无法计算应调金额'
                : `经办机构 ${formatYuan(a.agencyFen ?? 0)} 元，应调 ${formatYuan(a.expectedFen)} 元`,
            urgent: true,
          }))}
          count={toCheck.data?.total ?? 0}
        />
        <ReminderCard
          title="久未联系"
          empty="每位在册人员都按规定联系过。"
          items={r.notContacted.map((n) => ({
            key: n.personId,
            href: fileOf(n.personId),
            name: n.name,
            detail: `${n.why}，每 ${n.allowedDays} 天至少一次；${n.lastContact ? `上次 ${n.lastContact}` : '从未记录'}`,
            urgent: n.why !== '一般',
          }))}
        />
      </SimpleGrid>
    </>
  );
}
