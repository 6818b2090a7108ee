// The home page's reminders, a group per kind in the order the main process gives them
// (home/reminderGroups.ts): what is due today or overdue and concerns one person first, the mass
// lists (资格认证超期, 久未联系) one line each until opened. Every name is a link to the file (Tab
// reaches it, Enter opens it); an opened group is read a page at a time.
import { Anchor, Badge, Button, Card, Divider, Group, Pagination, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ReminderGroup, ReminderItem } from '../../src-main/contract/visits';
import { useRpc } from '../kit/rpc';

/**
 * The home page sums up what every other page (and an import, another window, the command line)
 * changes: it shows what it read last at once and reads it again each time it is opened.
 */
export const FRESH = { refetchOnMount: 'always' } as const;

/** Opens an address the main process gave (`#/annual/certify`). */
const go = (href: string) => {
  window.location.hash = href;
};

function ItemLine({ item }: { item: ReminderItem }) {
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
      <Anchor href={item.href} style={{ whiteSpace: 'nowrap' }}>
        {item.name}
      </Anchor>
      <Text size="sm" c={item.urgent ? 'red.8' : 'dimmed'} ta="right">
        {item.detail}
      </Text>
    </Group>
  );
}

/** An opened group: all its items, a page at a time. */
function AllItems({ group }: { group: ReminderGroup }) {
  const [page, setPage] = useState(1);
  const items = useRpc('reminders.group', { kind: group.kind, page });
  const d = items.data;
  return (
    <Stack gap={4}>
      {(d?.items ?? group.items).map((i) => (
        <ItemLine key={i.key} item={i} />
      ))}
      {d && d.total > d.pageSize && (
        <Pagination
          size="sm"
          mt="xs"
          total={Math.ceil(d.total / d.pageSize)}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({ 'aria-label': control === 'next' ? '下一页' : '上一页' })}
        />
      )}
    </Stack>
  );
}

function GroupLine({ group }: { group: ReminderGroup }) {
  const [open, setOpen] = useState(false);
  const pressing = group.urgent > 0 && !group.mass;
  const more = group.count > group.items.length;
  return (
    <Stack component="section" aria-label={group.title} gap={6}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="wrap" align="baseline" style={{ minWidth: 0 }}>
          <Text fw={700}>{group.title}</Text>
          <Badge variant={pressing ? 'filled' : 'light'} color={pressing ? 'red' : 'orange'} size="lg">
            {group.count} {group.unit}
          </Badge>
          {pressing && group.urgentWords && (
            <Text size="sm" c="red.8">
              {group.urgentWords}
            </Text>
          )}
          {group.note && (
            <Text size="sm" c="dimmed">
              {group.note}
            </Text>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          {/* Buttons, as before the grouping: a group's links are its people. */}
          {group.action && (
            <Button size="compact-md" variant="light" onClick={() => go(group.action!.href)}>
              {group.action.label}
            </Button>
          )}
          {group.page && (
            <Button size="compact-md" variant="subtle" onClick={() => go(group.page!.href)}>
              到{group.page.label}
            </Button>
          )}
          {(more || (group.mass && open)) && (
            <Button size="compact-md" variant="default" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
              {open ? '收起' : `展开全部 ${group.count} ${group.unit}`}
            </Button>
          )}
        </Group>
      </Group>
      {open ? (
        <AllItems group={group} />
      ) : group.mass ? (
        // One line: the first names, the rest behind 展开.
        <Text size="sm" c="dimmed" lineClamp={2}>
          {group.items.map((i, n) => (
            <span key={i.key}>
              {n > 0 && '、'}
              <Anchor href={i.href} size="sm">
                {i.name}
              </Anchor>
            </span>
          ))}
          {more && ' 等'}
        </Text>
      ) : (
        <Stack gap={4}>
          {group.items.map((i) => (
            <ItemLine key={i.key} item={i} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

export function RemindersSection() {
  const groups = useRpc('reminders.groups', {}, FRESH).data;
  if (!groups) return null;
  const todo = groups.filter((g) => g.count > 0);
  const none = groups.filter((g) => g.count === 0);
  return (
    <>
      <Title order={4}>待办提醒</Title>
      <Card withBorder padding="md" component="section" aria-label="待办提醒">
        <Stack gap="sm">
          {todo.map((g, n) => (
            <Stack key={g.kind} gap="sm">
              {n > 0 && <Divider />}
              <GroupLine group={g} />
            </Stack>
          ))}
          {none.length > 0 && (
            <>
              {todo.length > 0 && <Divider />}
              <Text size="sm" c="dimmed">
                {none.map((g) => g.empty).join(' ')}
              </Text>
            </>
          )}
        </Stack>
      </Card>
    </>
  );
}
