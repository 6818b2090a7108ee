// A claim whose year and category have no policy can be registered but not approved: the form and
// the claim say so at once, with the way to 报销政策.
import { Alert, Button, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { call } from '../../api';
import { navigate } from '../../route';

export function PolicyGapNotice({ personId, years }: { personId: number | null; years: number[] }) {
  const [gaps, setGaps] = useState<{ year: number; category: string }[]>([]);
  const key = [...new Set(years)].sort().join(',');
  useEffect(() => {
    if (personId === null || key === '') {
      setGaps([]);
      return;
    }
    let current = true;
    call('claims.policyGaps', { personId, years: key.split(',').map(Number) }).then(
      (g) => current && setGaps(g),
      () => current && setGaps([]),
    );
    return () => {
      current = false;
    };
  }, [personId, key]);
  if (gaps.length === 0) return null;
  const which = gaps.map((g) => `${g.year} 年度${g.category}人员`).join('、');
  return (
    <Alert color="orange" title="报销政策尚未设置" role="alert">
      <Text size="sm">{which}的报销政策尚未设置：报销单可以登记，但在设置政策之前不能批准。</Text>
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
