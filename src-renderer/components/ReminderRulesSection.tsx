// 提醒规则: which birthdays are remembered and how often each kind of person must be contacted.
import { Alert, Button, Group, NumberInput, Paper, Select, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ReminderRulesInput } from '../../src-main/contract/visits';
import { AGE_RECKONINGS, type ReminderRules } from '../../src-main/shared/care';
import { call } from '../api';
import { useContractForm } from '../kit/form';
import { rpcKey, useRpc } from '../kit/rpc';
import { done } from '../notify';

/** The form's values: the ages as typed (`80、85、90`), a number box left empty as ''. */
export type RulesValues = Omit<ReminderRules, 'milestones' | 'everyYearFrom'> & {
  milestones: string;
  everyYearFrom: number | '';
};

const MILESTONES_ERROR = '整寿年龄应为 1 到 150 之间的整数，用顿号分开';

/** `80、85，90 95` → [80, 85, 90, 95]; null when any of it is no age. */
export function readMilestones(text: string): number[] | null {
  const ages = text
    .split(/[、,，\s]+/)
    .filter(Boolean)
    .map(Number);
  return ages.every((a) => Number.isInteger(a) && a >= 1 && a <= 150) ? ages : null;
}

export const rulesOfValues = (v: RulesValues): ReminderRules => ({
  ...v,
  milestones: readMilestones(v.milestones) ?? [],
  everyYearFrom: v.everyYearFrom === '' ? null : v.everyYearFrom,
});

export const valuesOfRules = (r: ReminderRules): RulesValues => ({
  ...r,
  milestones: r.milestones.join('、'),
  everyYearFrom: r.everyYearFrom ?? '',
});

// The contract's own rules for every number; the ages checked as the text they are typed as.
const RulesForm = ReminderRulesInput.extend({
  milestones: z.string().refine((t) => readMilestones(t) !== null, MILESTONES_ERROR),
  everyYearFrom: z.preprocess((v) => (v === '' ? null : v), ReminderRulesInput.shape.everyYearFrom),
});

function RulesEditor({ rules }: { rules: ReminderRules }) {
  const client = useQueryClient();
  const f = useContractForm<RulesValues>({
    initial: valuesOfRules(rules),
    schema: RulesForm,
    what: '提醒规则',
    submit: async (values) => {
      const saved = await call('reminders.saveRules', rulesOfValues(values));
      done('提醒规则已保存');
      // The home page's reminders follow the rules.
      void client.invalidateQueries({ queryKey: ['reminders.get'] });
      client.setQueryData(rpcKey('reminders.rules', {}), saved);
      return valuesOfRules(saved);
    },
  });
  const num = (path: string) => f.form.getInputProps(path);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void f.save();
      }}
    >
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <TextInput
          label="整寿生日（岁）"
          description="用顿号分开，如 80、85、90、95、100"
          {...f.form.getInputProps('milestones')}
        />
        <NumberInput
          label="此岁数起每年都提醒"
          description="留空则不提醒"
          min={1}
          max={150}
          allowDecimal={false}
          {...num('everyYearFrom')}
        />
        <NumberInput label="提前天数" min={1} max={366} allowDecimal={false} {...num('birthdayDays')} />
        <Select
          label="寿辰年龄按"
          description="虚岁比周岁多一岁，贺信与名单同此"
          data={[...AGE_RECKONINGS]}
          allowDeselect={false}
          {...f.form.getInputProps('ageReckoning')}
        />
        <NumberInput
          label="孤寡老人至少每几天联系一次"
          min={1}
          allowDecimal={false}
          {...num('contactDays.aloneChildless')}
        />
        <NumberInput label="失能老人至少每几天联系一次" min={1} allowDecimal={false} {...num('contactDays.disabled')} />
        <NumberInput label="其他人员至少每几天联系一次" min={1} allowDecimal={false} {...num('contactDays.others')} />
        <NumberInput label="住院后几天内应探望" min={1} allowDecimal={false} {...num('hospitalDays')} />
        <NumberInput
          label="出院后第几天回访"
          description="出院登记后到期，电话接通或走访后消除"
          min={1}
          max={365}
          allowDecimal={false}
          {...num('dischargeFollowUpDays')}
        />
      </SimpleGrid>
      {f.error && (
        <Alert color="red" mt="sm" withCloseButton onClose={f.clearError}>
          {f.error}
        </Alert>
      )}
      <Group mt="md">
        <Button type="submit" disabled={!f.dirty} loading={f.saving}>
          保存提醒规则
        </Button>
        <Text size="sm" c="dimmed">
          首页的“待办提醒”按这些规则列出人员。
        </Text>
      </Group>
    </form>
  );
}

export function ReminderRulesSection() {
  const rules = useRpc('reminders.rules', {});
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        提醒规则
      </Title>
      {rules.data && <RulesEditor rules={rules.data} />}
    </Paper>
  );
}
