// 报销政策: each category's policy for a year. Saving adds a version; claims already approved keep
// the version they were computed under, and the page says so before it is changed.
import { Alert, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { PolicyView } from '../../../src-main/api/contract';
import type { CategoryPolicy } from '../../../src-main/shared/claimPolicy';
import { CATEGORIES } from '../../../src-main/shared/person';
import { call } from '../../api';
import { BLANK_POLICY, PolicyEditor } from './PolicyEditor';
import { done, failed, THIS_YEAR } from './shared';


export function PoliciesTab() {
  const [year, setYear] = useState(THIS_YEAR);
  const [policies, setPolicies] = useState<PolicyView[]>([]);
  const [saving, setSaving] = useState<string | null>(null);
  const load = useCallback(() => call('claims.policies', { year }).then(setPolicies, failed), [year]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (category: (typeof CATEGORIES)[number], rules: CategoryPolicy, note: string, loaded: PolicyView | undefined) => {
    setSaving(category);
    try {
      await call('claims.savePolicy', { year, category, rules, note: note || null, loaded: loaded?.versionId ? loaded.rules : null });
      done(`已保存 ${year} 年度${category}人员报销政策`);
      await load();
    } catch (e) {
      failed(e);
    } finally {
      setSaving(null);
    }
  };

  return (
    <Stack gap="md" mt="md">
      <Group justify="space-between">
        <Title order={2}>报销政策</Title>
        <NumberInput label="年度" w={120} min={1990} max={2100} value={year} onChange={(v) => setYear(Number(v) || THIS_YEAR)} />
      </Group>
      {CATEGORIES.map((category) => {
        const p = policies.find((x) => x.category === category);
        return (
          <Paper key={category} withBorder p="md">
            <Group justify="space-between" mb="sm">
              <Title order={4}>
                {year} 年度 · {category}人员
              </Title>
              <Text c="dimmed" size="sm">
                {p?.isDefault ? '未设置，按离休默认：不设起付线、100%、不设封顶' : p ? `${p.savedAt?.replace('T', ' ')} ${p.savedBy} 保存${p.note ? `（${p.note}）` : ''}` : '尚未设置：该类人员的报销单不能批准'}
              </Text>
            </Group>
            {p && p.usedByLines > 0 && (
              <Alert color="orange" mb="sm">
                已有 {p.usedByLines} 张票据按现行规定计算并批准。修改后，已批准的报销单不变，只对此后批准的报销单生效。
              </Alert>
            )}
            <PolicyEditor value={p?.rules ?? BLANK_POLICY} busy={saving === category} saveLabel="保存政策" onSave={(rules, note) => save(category, rules, note, p)} />
          </Paper>
        );
      })}
    </Stack>
  );
}
