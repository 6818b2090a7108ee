// 档案信息: the fields of a person's file, on the form of the file page. Every field shows the
// router's refusal of it beside it.
import { Checkbox, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { OrgUnit } from '../../../src-main/api/contract';
import {
  CATEGORIES,
  DISABILITY_LEVELS,
  GENDERS,
  HEALTH_CHOICES,
  LIVING_ARRANGEMENTS,
  POLITICAL_STATUSES,
  STAFF_TYPES,
  STATUSES,
} from '../../../src-main/shared/person';
import { FormDateField } from '../../kit/FormDateField';
import { PhonesField, Section, textField } from './fields';
import { IdNumberField } from './IdNumberField';
import type { PersonDraft } from './personDraft';

type UnitField = 'partyBranchId' | 'partyGroupId' | 'adminGroupId' | 'adminSubgroupId';

export function PersonFields({ form, units, personId }: { form: UseFormReturnType<PersonDraft>; units: OrgUnit[]; personId: number | null }) {
  const v = form.getValues();
  const text = (path: keyof PersonDraft) => textField(form, path);
  const unitSelect = (label: string, kind: string, field: UnitField, parent?: number | null) => (
    <Select
      label={label}
      clearable
      searchable
      data={units
        .filter((u) => u.kind === kind && (parent === undefined || parent === null || u.parentId === parent))
        .map((u) => ({ value: String(u.id), label: u.name }))}
      value={v[field] ? String(v[field]) : null}
      error={form.errors[field]}
      onChange={(id) => form.setFieldValue(field, id ? Number(id) : null)}
    />
  );
  return (
    <Stack gap="md">
      <Section title="基本情况">
        <SimpleGrid cols={{ base: 2, lg: 4 }}>
          <TextInput label="姓名" required {...form.getInputProps('name')} />
          <Select label="性别" data={[...GENDERS]} clearable {...form.getInputProps('gender')} />
          <TextInput label="民族" {...text('ethnicity')} />
          <FormDateField partial empty={null} form={form} path="birthDate" label="出生日期" />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, lg: 2 }} mt="sm">
          <IdNumberField form={form} personId={personId} />
          <SimpleGrid cols={2}>
            <Select label="人员类别" required data={[...CATEGORIES]} allowDeselect={false} {...form.getInputProps('category')} />
            <Select label="身份" data={[...STAFF_TYPES]} clearable {...form.getInputProps('staffType')} />
          </SimpleGrid>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, lg: 4 }} mt="sm">
          <FormDateField partial empty={null} form={form} path="workStartDate" label="参加工作时间" />
          <FormDateField partial empty={null} form={form} path="retirementDate" label="离退休时间" />
          <TextInput label="原单位/部门" {...text('formerUnit')} />
          <TextInput label="原职务/职称" {...text('formerPosition')} />
        </SimpleGrid>
        <Group mt="sm" gap="xl" align="end">
          <NumberInput
            label="缴费年限（年）"
            description="含视同缴费年限，调资核对用"
            w={220}
            min={0}
            max={70}
            allowDecimal={false}
            value={v.contributionYears ?? ''}
            error={form.errors.contributionYears}
            onChange={(n) => form.setFieldValue('contributionYears', typeof n === 'number' ? n : null)}
          />
          <Checkbox mb={8} label="艰苦边远地区（调资倾斜）" {...form.getInputProps('remoteArea', { type: 'checkbox' })} />
        </Group>
      </Section>
      <Section title="政治面貌与组织">
        <SimpleGrid cols={{ base: 2, lg: 5 }}>
          <Select label="政治面貌" data={[...POLITICAL_STATUSES]} clearable {...form.getInputProps('politicalStatus')} />
          {unitSelect('党支部', '党支部', 'partyBranchId')}
          {unitSelect('党小组', '党小组', 'partyGroupId', v.partyBranchId)}
          {unitSelect('行政大组', '行政大组', 'adminGroupId')}
          {unitSelect('行政小组', '行政小组', 'adminSubgroupId', v.adminGroupId)}
        </SimpleGrid>
      </Section>
      <Section title="健康与居住">
        <SimpleGrid cols={{ base: 2, lg: 4 }}>
          <Select label="健康状况" data={[...HEALTH_CHOICES]} clearable {...form.getInputProps('health')} />
          <Select label="居住情况" data={[...LIVING_ARRANGEMENTS]} clearable {...form.getInputProps('living')} />
          <Select label="失能情况" placeholder="无" data={[...DISABILITY_LEVELS]} clearable {...form.getInputProps('careDisability')} />
        </SimpleGrid>
        <Group mt="md" gap="xl">
          <Text size="sm" fw={500}>
            重点关爱：
          </Text>
          <Checkbox label="孤寡" {...form.getInputProps('careAloneChildless', { type: 'checkbox' })} />
          <Checkbox label="生活困难" {...form.getInputProps('careHardship', { type: 'checkbox' })} />
          <Checkbox label="空巢" {...form.getInputProps('careEmptyNest', { type: 'checkbox' })} />
          <Checkbox label="异地居住" {...form.getInputProps('remote', { type: 'checkbox' })} />
          {v.remote && <TextInput placeholder="居住城市" aria-label="异地居住城市" {...text('remoteCity')} />}
        </Group>
      </Section>
      <Section title="联系方式与住址">
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <PhonesField value={v.phones ?? []} onChange={(phones) => form.setFieldValue('phones', phones)} errorOf={(i) => form.errors[`phones.${i}.number`]} />
          <Stack gap="sm">
            <TextInput label="住址" {...text('address')} />
            <SimpleGrid cols={4}>
              <TextInput label="邮编" {...text('postcode')} />
              <TextInput label="片区" {...text('area')} />
              <TextInput label="楼栋" {...text('building')} />
              <TextInput label="社区" {...text('community')} />
            </SimpleGrid>
          </Stack>
        </SimpleGrid>
      </Section>
      <Section title="银行账户与人员状态">
        <SimpleGrid cols={{ base: 2, lg: 4 }}>
          <TextInput label="开户行" {...text('bankName')} />
          <TextInput label="银行账号" description="用于报销款发放" ff="monospace" {...text('bankAccount')} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              状态
            </Text>
            <SegmentedControl data={[...STATUSES]} value={v.status ?? '在册'} onChange={(s) => form.setFieldValue('status', s as PersonDraft['status'])} />
          </Stack>
          {v.status !== '在册' && <FormDateField partial empty={null} form={form} path="statusDate" label={v.status === '已故' ? '去世日期' : '迁出日期'} />}
        </SimpleGrid>
        <Textarea mt="sm" label="备注" autosize minRows={2} {...text('note')} />
      </Section>
    </Stack>
  );
}
