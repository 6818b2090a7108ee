// A claim for a year whose policy is not set can be registered but not approved: the form and
// the claim say so at once, with the way to 报销政策.
import { Alert, Button, Text } from '@mantine/core';
import { useRpc } from '../../kit/rpc';
import { navigate } from '../../route';

export function PolicyGapNotice({ personId, years }: { personId: number | null; years: number[] }) {
  const distinct = [...new Set(years)].sort();
  // Keyed by the person and the years: a reply for what the form showed before is never shown.
  const gaps = useRpc(
    'claims.policyGaps',
    personId === null || distinct.length === 0 ? null : { personId, years: distinct },
  );
  if (personId === null || distinct.length === 0 || !gaps.data || gaps.data.length === 0) return null;
  const which = gaps.data.map((g) => `${g.year} 年度${g.category}人员`).join('、');
  return (
    <Alert color="orange" title="报销政策尚未设置" role="alert">
      <Text>{which}的报销政策尚未设置：报销单可以登记，但在设置政策之前不能批准。</Text>
      <Button mt="xs" size="compact-md" variant="white" color="orange" onClick={() => navigate('/claims/policies')}>
        去设置报销政策
      </Button>
    </Alert>
  );
}

/** The years a claim's visit dates fall in (complete dates only). */
export function visitYears(dates: string[]): number[] {
  return dates.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).map((d) => Number(d.slice(0, 4)));
}
