// 档案信息: the fields of a person's file, on the form of the file page. Every field shows the
// router's refusal of it beside it.
import {
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { OrgUnit } from '../../../src-main/contract/org';
import {
  CATEGORIES,
  DISABILITY_LEVELS,
  GENDERS,
  HEALTH_CHOICES,
  LIVING_ARRANGEMENTS,
  POLITICAL_STATUSES,
  RANKS,
  STAFF_TYPES,
  STATUSES,
  UNIT_NATURES,
} from '../../../src-main/shared/person';
import { FIELD_LABELS as L } from '../../../src-main/shared/fields';
import type { GroupKind } from '../../../src-main/shared/org';
import { FormDateField } from '../../kit/FormDateField';
import { PhonesField, revealFor, Section, textField } from './fields';
import { IdNumberField } from './IdNumberField';
import { LunarBirthdayField } from './LunarBirthdayField';
import type { PersonDraft } from './personDraft';

type UnitField = 'partyBranchId' | 'partyGroupId' | 'adminGroupId' | 'adminSubgroupId';

export function PersonFields({
  form,
  units,
  personId,
}: {
  form: UseFormReturnType<PersonDraft>;
  units: OrgUnit[];
  personId: number | null;
}) {
  const v = form.getValues();
  const text = (path: keyof PersonDraft) => textField(form, path);
  const unitSelect = (kind: GroupKind, field: UnitField, parent?: number | null) => (
    <Select
      label={L[field]}
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
          <TextInput label={L.name} required {...form.getInputProps('name')} />
          <Select label={L.gender} data={[...GENDERS]} clearable {...form.getInputProps('gender')} />
          <TextInput label={L.ethnicity} {...text('ethnicity')} />
          <FormDateField partial empty={null} form={form} path="birthDate" label={L.birthDate} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, lg: 2 }} mt="sm">
          <IdNumberField form={form} personId={personId} />
          <SimpleGrid cols={2}>
            <Select
              label={L.category}
              required
              data={[...CATEGORIES]}
              allowDeselect={false}
              {...form.getInputProps('category')}
            />
            <Select label={L.staffType} data={[...STAFF_TYPES]} clearable {...form.getInputProps('staffType')} />
          </SimpleGrid>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, lg: 2 }} mt="sm">
          <LunarBirthdayField form={form} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, lg: 4 }} mt="sm">
          <FormDateField partial empty={null} form={form} path="workStartDate" label={L.workStartDate} />
          <FormDateField partial empty={null} form={form} path="retirementDate" label={L.retirementDate} />
          <TextInput label={L.formerUnit} {...text('formerUnit')} />
          <TextInput label={L.formerPosition} {...text('formerPosition')} />
        </SimpleGrid>
        <Group mt="sm" gap="xl" align="end">
          <NumberInput
            label={`${L.contributionYears}（年）`}
            description="含视同缴费年限，调资核对用"
            w={220}
            min={0}
            max={70}
            allowDecimal={false}
            value={v.contributionYears ?? ''}
            error={form.errors.contributionYears}
            onChange={(n) => form.setFieldValue('contributionYears', typeof n === 'number' ? n : null)}
          />
          <NumberInput
            label={`${L.contributionMonths}（个月）`}
            description="不足一年的月数，丧葬抚恤计发用"
            w={220}
            min={0}
            max={11}
            allowDecimal={false}
            value={v.contributionMonths ?? ''}
            error={form.errors.contributionMonths}
            onChange={(n) => form.setFieldValue('contributionMonths', typeof n === 'number' ? n : null)}
          />
          <Checkbox
            mb={8}
            label={`${L.remoteArea}（调资倾斜）`}
            {...form.getInputProps('remoteArea', { type: 'checkbox' })}
          />
        </Group>
      </Section>
      <Section title="政治面貌与组织">
        <SimpleGrid cols={{ base: 2, lg: 5 }}>
          <Select
            label={L.politicalStatus}
            data={[...POLITICAL_STATUSES]}
            clearable
            {...form.getInputProps('politicalStatus')}
          />
          {unitSelect('党支部', 'partyBranchId')}
          {unitSelect('党小组', 'partyGroupId', v.partyBranchId)}
          {unitSelect('行政大组', 'adminGroupId')}
          {unitSelect('行政小组', 'adminSubgroupId', v.adminGroupId)}
        </SimpleGrid>
      </Section>
      <Section title="统计信息">
        <SimpleGrid cols={{ base: 2, lg: 4 }}>
          <Select label={L.unitNature} data={[...UNIT_NATURES]} clearable {...form.getInputProps('unitNature')} />
          <Select label={L.rank} data={[...RANKS]} clearable {...form.getInputProps('rank')} />
          <TextInput label={L.level} placeholder="如：集团本部、二级单位" {...text('level')} />
          <Checkbox
            mt={28}
            label="计入统计"
            description="不计入的人员不出现在上报报表中"
            {...form.getInputProps('counted', { type: 'checkbox' })}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, lg: 4 }} mt="sm">
          <TextInput label={L.treatment} placeholder="如：正县处级待遇" {...text('treatment')} />
          <FormDateField partial empty={null} form={form} path="treatmentApprovedOn" label={L.treatmentApprovedOn} />
          <TextInput label={L.treatmentApprovalNo} {...text('treatmentApprovalNo')} />
        </SimpleGrid>
      </Section>
      <Section title="健康与居住">
        <SimpleGrid cols={{ base: 2, lg: 4 }}>
          <Select label={L.health} data={[...HEALTH_CHOICES]} clearable {...form.getInputProps('health')} />
          <Select label={L.living} data={[...LIVING_ARRANGEMENTS]} clearable {...form.getInputProps('living')} />
          <Select
            label={L.careDisability}
            placeholder="无"
            data={[...DISABILITY_LEVELS]}
            clearable
            {...form.getInputProps('careDisability')}
          />
        </SimpleGrid>
        <Group mt="md" gap="xl">
          <Text size="sm" fw={500}>
            {L.care}：
          </Text>
          <Checkbox label={L.careAloneChildless} {...form.getInputProps('careAloneChildless', { type: 'checkbox' })} />
          <Checkbox label={L.careHardship} {...form.getInputProps('careHardship', { type: 'checkbox' })} />
          <Checkbox label={L.careEmptyNest} {...form.getInputProps('careEmptyNest', { type: 'checkbox' })} />
          <Checkbox label={L.remote} {...form.getInputProps('remote', { type: 'checkbox' })} />
          {v.remote && <TextInput placeholder="居住城市" aria-label={L.remoteCity} {...text('remoteCity')} />}
        </Group>
        {v.remote && (
          <>
            <SimpleGrid cols={{ base: 2, lg: 4 }} mt="sm">
              <TextInput label={L.remoteUnit} placeholder="接收单位或当地管理单位" {...text('remoteUnit')} />
              <TextInput label={L.remoteUnitPhone} {...text('remoteUnitPhone')} />
              <TextInput
                label={L.remoteCommunity}
                placeholder="如：朝阳区八里庄街道某某社区"
                {...text('remoteCommunity')}
              />
              <TextInput label={L.remoteCommunityPhone} {...text('remoteCommunityPhone')} />
              <TextInput label={L.remotePolice} {...text('remotePolice')} />
              <TextInput label={L.remotePolicePhone} {...text('remotePolicePhone')} />
            </SimpleGrid>
            <Text size="sm" c="dimmed" mt="xs">
              住在附近、可就近照应的亲属，请在“家属及联系人”中添加并勾选“住在附近”。
            </Text>
          </>
        )}
      </Section>
      <Section title="联系方式与住址">
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <PhonesField
            value={v.phones ?? []}
            onChange={(phones) => form.setFieldValue('phones', phones)}
            errorOf={(i) => form.errors[`phones.${i}.number`]}
            reveal={(i, shown) =>
              revealFor(personId, `phone:${i}`, '电话', shown, form.getInitialValues().phones?.[i]?.number)
            }
          />
          <Stack gap="sm">
            <TextInput label={L.address} {...text('address')} />
            <SimpleGrid cols={4}>
              <TextInput label={L.postcode} {...text('postcode')} />
              <TextInput label={L.area} {...text('area')} />
              <TextInput label={L.building} {...text('building')} />
              <TextInput label={L.community} {...text('community')} />
            </SimpleGrid>
          </Stack>
        </SimpleGrid>
      </Section>
      <Section title="银行账户与人员状态">
        <SimpleGrid cols={{ base: 2, lg: 4 }}>
          <TextInput label={L.bankName} {...text('bankName')} />
          <TextInput
            label={L.bankAccount}
            description="用于报销款发放"
            ff="monospace"
            {...text('bankAccount')}
            rightSection={revealFor(
              personId,
              'bankAccount',
              L.bankAccount,
              v.bankAccount,
              form.getInitialValues().bankAccount,
            )}
            rightSectionWidth={64}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {L.status}
            </Text>
            <SegmentedControl
              data={[...STATUSES]}
              value={v.status ?? '在册'}
              onChange={(s) => form.setFieldValue('status', s as PersonDraft['status'])}
            />
          </Stack>
          {v.status !== '在册' && (
            <FormDateField
              partial
              empty={null}
              form={form}
              path="statusDate"
              label={v.status === '已故' ? '去世日期' : '迁出日期'}
            />
          )}
        </SimpleGrid>
        <Textarea mt="sm" label={L.note} autosize minRows={2} {...text('note')} />
      </Section>
    </Stack>
  );
}
