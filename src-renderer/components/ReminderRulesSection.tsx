// 提醒规则: which birthdays are remembered and how often each kind of person must be contacted.
import { Button, Group, NumberInput, Paper, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { ReminderRules } from '../../src-main/shared/care';
import { call } from '../api';

export function ReminderRulesSection() {
  const [rules, setRules] = useState<ReminderRules | null>(null);
  const [milestones, setMilestones] = useState('');
  useEffect(() => {
    call('reminders.rules', {}).then((r) => {
      setRules(r);
      setMilestones(r.milestones.join('、'));
    });
  }, []);
  if (!rules) return null;
  const num = (v: string | number) => Number(v) || 1;
  const save = async () => {
    const ages = milestones.split(/[、,，\s]+/).filter(Boolean).map(Number);
    if (ages.some((a) => !Number.isInteger(a) || a < 1 || a > 150)) {
      notifications.show({ color: 'red', message: '整寿年龄应为 1 到 150 之间的整数，用顿号分开' });
      return;
    }
    try {
      const saved = await call('reminders.saveRules', { ...rules, milestones: ages });
      setRules(saved);
      setMilestones(saved.milestones.join('、'));
      notifications.show({ color: 'green', message: '提醒规则已保存' });
    } catch (e) {
      notifications.show({ color: 'red', title: '未保存', message: (e as Error).message });
    }
  };
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        提醒规则
      </Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <TextInput label="整寿生日（岁）" value={milestones} onChange={(e) => setMilestones(e.currentTarget.value)} description="用顿号分开，如 80、85、90、95、100" />
        <NumberInput label="此岁数起每年都提醒" value={rules.everyYearFrom ?? ''} onChange={(v) => setRules({ ...rules, everyYearFrom: v === '' ? null : num(v) })} description="留空则不提醒" />
        <NumberInput label="提前天数" value={rules.birthdayDays} onChange={(v) => setRules({ ...rules, birthdayDays: num(v) })} />
        <NumberInput label="孤寡老人至少每几天联系一次" value={rules.contactDays.aloneChildless} onChange={(v) => setRules({ ...rules, contactDays: { ...rules.contactDays, aloneChildless: num(v) } })} />
        <NumberInput label="失能老人至少每几天联系一次" value={rules.contactDays.disabled} onChange={(v) => setRules({ ...rules, contactDays: { ...rules.contactDays, disabled: num(v) } })} />
        <NumberInput label="其他人员至少每几天联系一次" value={rules.contactDays.others} onChange={(v) => setRules({ ...rules, contactDays: { ...rules.contactDays, others: num(v) } })} />
        <NumberInput label="住院后几天内应探望" value={rules.hospitalDays} onChange={(v) => setRules({ ...rules, hospitalDays: num(v) })} />
      </SimpleGrid>
      <Group mt="md">
        <Button onClick={save}>保存提醒规则</Button>
        <Text size="sm" c="dimmed">
          首页的“待办提醒”按这些规则列出人员。
        </Text>
      </Group>
    </Paper>
  );
}
