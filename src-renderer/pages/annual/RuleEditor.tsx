// The year's adjustment rule, filled in from the province's notice. Saved by the save rule: the
// rule is sent with the rule as the form loaded it (`loaded`), so the router puts on the rule as it
// is now only what this form changed, and refuses a field someone else changed meanwhile.
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { emptyRule, type AdjustmentRule } from '../../../src-main/shared/adjustment';
import { CATEGORIES } from '../../../src-main/shared/person';
import { FormDateField } from '../../kit/FormDateField';
import { useContractForm } from '../../kit/form';
import { useRpcMutation } from '../../kit/rpc';
import { SaveBar } from '../../kit/SaveBar';
import { done } from '../../notify';
import { ruleSchema, ruleValues, type RuleValues } from './ruleForm';

export function RuleEditor({
  year,
  rule,
  onSaved,
  onCancel,
}: {
  year: number;
  rule: AdjustmentRule | null;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const schema = useMemo(() => ruleSchema(year), [year]);
  // The form shows the refusal itself (beside its field, or under the form).
  const saveRule = useRpcMutation('adjustments.saveRule', { invalidates: ['adjustments.rule'], onError: () => {} });
  const f = useContractForm<RuleValues>({
    initial: ruleValues(rule ?? emptyRule(year)),
    schema,
    what: `${year} 年调资规则`,
    submit: async (values) => {
      const saved = await saveRule.mutateAsync({ rule: schema.parse(values), loaded: rule });
      done(`${year} 年调资规则已保存`);
      return ruleValues(saved);
    },
  });
  const { form } = f;
  const v = form.getValues();
  const save = async () => {
    if (await f.save()) onSaved();
  };
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, lg: 4 }}>
        <FormDateField form={form} path="effectiveFrom" label="执行时间" />
        <FormDateField form={form} path="retiredBy" label="退休截止日期" description="此日以后退休的不参加调整" />
        <FormDateField form={form} path="ageOn" label="年龄计算截至" />
        <Checkbox.Group label="调整范围" {...form.getInputProps('categories')}>
          <Group mt={8}>
            {CATEGORIES.map((c) => (
              <Checkbox key={c} value={c} label={c} />
            ))}
          </Group>
        </Checkbox.Group>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, lg: 4 }}>
        <TextInput label="定额调整（元/月）" {...form.getInputProps('fixedFen')} />
        <TextInput label="挂钩：每满一年缴费年限（元）" {...form.getInputProps('perYearFen')} />
        <TextInput label="挂钩：本人基本养老金的（%）" {...form.getInputProps('percentBp')} />
        <TextInput label="艰苦边远地区（元/月）" {...form.getInputProps('remoteFen')} />
      </SimpleGrid>
      <Text fw={500}>倾斜调整（高龄）：按年满的最高年龄段计发</Text>
      {v.ageBands.map((_, i) => (
        <Group key={i} gap="xs" align="flex-start">
          <Text mt={6}>年满</Text>
          <NumberInput
            aria-label="起始年龄"
            w={90}
            min={50}
            max={120}
            {...form.getInputProps(`ageBands.${i}.fromAge`)}
          />
          <Text mt={6}>周岁，每月增加</Text>
          <TextInput aria-label="增加金额" w={200} {...form.getInputProps(`ageBands.${i}.fen`)} />
          <Text mt={6}>元</Text>
          <ActionIcon
            mt={4}
            variant="subtle"
            color="red"
            aria-label="删除年龄段"
            onClick={() => form.removeListItem('ageBands', i)}
          >
            <IconTrash size={18} />
          </ActionIcon>
        </Group>
      ))}
      {form.errors.ageBands && (
        <Text c="red.8" size="sm" role="alert">
          {form.errors.ageBands}
        </Text>
      )}
      <Group gap="xs" align="flex-start">
        <Button
          variant="default"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            form.insertListItem('ageBands', { fromAge: (Number(v.ageBands.at(-1)?.fromAge) || 65) + 5, fen: '' })
          }
        >
          增加年龄段
        </Button>
        <Text ml="lg" mt={6}>
          此后：年满
        </Text>
        <NumberInput
          aria-label="每增一岁起算年龄"
          w={90}
          min={50}
          max={120}
          placeholder="不设"
          {...form.getInputProps('ageStep.fromAge')}
        />
        <Text mt={6}>周岁后每增加一岁再增加</Text>
        <TextInput aria-label="每增一岁增加" w={200} {...form.getInputProps('ageStep.fenPerYear')} />
        <Text mt={6}>元</Text>
      </Group>
      <Textarea label="依据文件及说明" autosize minRows={1} {...form.getInputProps('note')} />
      <SaveBar dirty={f.dirty} saving={f.saving} onSave={save} canSave={f.dirty || rule === null}>
        {/* In the bar, beside 保存: a refusal is seen wherever the form is scrolled. */}
        {f.error && (
          <Text c="red.8" fw={500} role="alert" maw={720}>
            未能保存：{f.error}
          </Text>
        )}
        {onCancel && (
          <Button
            variant="default"
            onClick={() => {
              f.release();
              onCancel();
            }}
          >
            取消修改
          </Button>
        )}
      </SaveBar>
    </Stack>
  );
}
