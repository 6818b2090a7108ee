// 报销政策: each category's policy for a year. Saving adds a version; claims already approved keep
// the version they were computed under, and the page says so before it is changed.
import { Alert, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { CATEGORIES } from '../../../src-main/shared/person';
import { useRpc } from '../../kit/rpc';
import { PolicyEditor } from './PolicyEditor';
import { LoadFailed, THIS_YEAR, validYear } from './shared';

export function PoliciesTab() {
  const [year, setYear] = useState(THIS_YEAR);
  const policies = useRpc('claims.policies', validYear(year) === null ? null : { year });

  return (
    <Stack gap="md" mt="md">
      <Group justify="space-between">
        <Title order={2}>报销政策</Title>
        <NumberInput
          label="年度"
          w={120}
          min={1990}
          max={2100}
          value={year}
          onChange={(v) => setYear(Number(v) || THIS_YEAR)}
        />
      </Group>
      {policies.error && <LoadFailed error={policies.error} />}
      {policies.data &&
        CATEGORIES.map((category) => {
          const p = policies.data.find((x) => x.category === category);
          return (
            <Paper key={category} withBorder p="md">
              <Group justify="space-between" mb="sm">
                <Title order={4}>
                  {year} 年度 · {category}人员
                </Title>
                <Text c="dimmed">
                  {p?.isDefault
                    ? '未设置，按离休默认：不设起付线、100%、不设封顶'
                    : p
                      ? `${p.savedAt?.replace('T', ' ')} ${p.savedBy} 保存${p.note ? `（${p.note}）` : ''}`
                      : '尚未设置：该类人员的报销单不能批准'}
                </Text>
              </Group>
              {p && p.usedByLines > 0 && (
                <Alert color="orange" mb="sm">
                  已有 {p.usedByLines}{' '}
                  张票据按现行规定计算并批准。修改后，已批准的报销单不变，只对此后批准的报销单生效。
                </Alert>
              )}
              {/* A new version in force (saved here or elsewhere) is a new form, loaded from it. */}
              <PolicyEditor
                key={`${year}-${p?.versionId ?? 'none'}`}
                year={year}
                category={category}
                view={p}
                onReload={() => void policies.refetch()}
              />
            </Paper>
          );
        })}
    </Stack>
  );
}
