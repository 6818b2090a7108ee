// What the petition pages share: the status as badges, the time limit in words, and what a change
// to a petition makes stale.
import { Badge, Group } from '@mantine/core';
import type { MethodName } from '../../../src-main/contract';
import type { Petition } from '../../../src-main/contract/petitions';

const COLORS = { 待受理: 'orange', 办理中: 'blue', 已办结: 'teal', 不予受理: 'gray' } as const;

export function StatusBadge({ p }: { p: Petition }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={COLORS[p.status]} variant="light" size="lg">
        {p.status}
      </Badge>
      {p.overdue && (
        <Badge color="red" size="lg">
          已超期
        </Badge>
      )}
    </Group>
  );
}

/** The time limit that applies now, in words. */
export { limitText } from '../../../src-main/shared/petitions';

/** A petition registered or moved on: the lists (here and in each person's file), the petition, the home page's overdue ones. */
export const PETITION_READS: MethodName[] = ['petitions.list', 'petitions.get', 'petitions.overdue'];
