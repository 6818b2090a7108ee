// 丧葬抚恤参数, typed by the administrator like the adjustment rule: B per province and year of death
// (the province's previous-year 城镇居民月人均可支配收入), the national previous-year 城镇居民人均可支配收入
// per year of death (annual, for 民发〔2011〕192号), and which rule applies to whom from which day of
// death. Each change is audited; amounts already saved on a death record do not change with them.
import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { AppliedRule } from '../../../src-main/contract/deathBenefits';
import { formatChineseDate } from '../../../src-main/shared/dates';
import { BENEFIT_GROUPS, NATIONWIDE, RULE_KIND_LABELS, type DeathRule } from '../../../src-main/shared/deathBenefits';
import { formatYuan, parseYuan } from '../../../src-main/shared/money';
import { DataTable } from '../../kit/DataTable';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { textField, validatedAs } from '../person/fields';

const GROUP_LABELS: Record<string, string> = { 企业: '企业', 机关: '机关', 事业: '事业单位', 离休: '离休干部' };

export function DeathBenefitParamsSection() {
  const params = useRpc('deathBenefits.parameters', {}).data;
  const [open, setOpen] = useState<'base' | 'income' | 'rule' | null>(null);
  const [editing, setEditing] = useState<AppliedRule | null>(null);
  // A row typed in error (a province misspelt) is taken out; each removal is audited.
  const dropBase = useRpcMutation('deathBenefits.deleteBase', { invalidates: ['deathBenefits.parameters'] });
  const dropIncome = useRpcMutation('deathBenefits.deleteIncome', { invalidates: ['deathBenefits.parameters'] });
  if (!params) return null;
  return (
    <Paper withBorder p="md" aria-label="丧葬抚恤参数">
      <Title order={4} mb="xs">
        丧葬抚恤参数
      </Title>
      <Text c="dimmed" size="sm" mb="sm">
        按省份和去世年份录入计发基数
        B（省上年度城镇居民月人均可支配收入）；机关人员另需全国上年度城镇居民人均可支配收入（年）。已核定的金额不随这里的修改而变。
      </Text>
      <Stack>
        <Group justify="space-between">
          <Title order={5}>计发基数 B</Title>
          <Button size="compact-md" variant="light" onClick={() => setOpen('base')}>
            录入计发基数
          </Button>
        </Group>
        <DataTable
          records={params.bases}
          idAccessor={(b) => `${b.province}-${b.year}`}
          noRecordsText="尚未录入"
          minHeight={120}
          columns={[
            { accessor: 'province', title: '省份' },
            { accessor: 'year', title: '适用于去世年份' },
            { accessor: 'baseFen', title: 'B（元/月）', render: (b) => formatYuan(b.baseFen) },
            { accessor: 'savedBy', title: '录入人', render: (b) => `${b.savedBy} ${b.savedAt.slice(0, 10)}` },
            {
              accessor: 'actions',
              title: '',
              render: (b) => (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  onClick={() => dropBase.mutate({ province: b.province, year: b.year })}
                >
                  删除
                </Button>
              ),
            },
          ]}
        />
        <Group justify="space-between">
          <Title order={5}>全国上年度城镇居民人均可支配收入</Title>
          <Button size="compact-md" variant="light" onClick={() => setOpen('income')}>
            录入
          </Button>
        </Group>
        <DataTable
          records={params.incomes}
          idAccessor="year"
          noRecordsText="尚未录入"
          minHeight={120}
          columns={[
            { accessor: 'year', title: '适用于去世年份' },
            { accessor: 'incomeFen', title: '金额（元/年）', render: (i) => formatYuan(i.incomeFen) },
            { accessor: 'savedBy', title: '录入人', render: (i) => `${i.savedBy} ${i.savedAt.slice(0, 10)}` },
            {
              accessor: 'actions',
              title: '',
              render: (i) => (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  onClick={() => dropIncome.mutate({ year: i.year })}
                >
                  删除
                </Button>
              ),
            },
          ]}
        />
        <Group justify="space-between">
          <Title order={5}>计发办法</Title>
          <Button
            size="compact-md"
            variant="light"
            onClick={() => {
              setEditing(null);
              setOpen('rule');
            }}
          >
            新增计发办法
          </Button>
        </Group>
        <DataTable
          records={params.rules}
          idAccessor="id"
          minHeight={120}
          onRowOpen={(r) => {
            setEditing(r);
            setOpen('rule');
          }}
          onRowClick={({ record }) => {
            setEditing(record);
            setOpen('rule');
          }}
          columns={[
            { accessor: 'group', title: '人员类别', render: (r) => GROUP_LABELS[r.group] },
            { accessor: 'province', title: '省份' },
            { accessor: 'fromDate', title: '适用于此日及以后去世', render: (r) => formatChineseDate(r.fromDate) },
            { accessor: 'text', title: '计发办法' },
          ]}
        />
      </Stack>
      <BaseForm opened={open === 'base'} onClose={() => setOpen(null)} />
      <IncomeForm opened={open === 'income'} onClose={() => setOpen(null)} />
      <RuleForm key={editing?.id ?? 'new'} opened={open === 'rule'} rule={editing} onClose={() => setOpen(null)} />
    </Paper>
  );
}

const thisYear = () => new Date().getFullYear();

function BaseForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { province: null as string | null, year: thisYear(), base: null as string | null },
    validate: validatedAs('deathBenefits.saveBase'),
  });
  const save = useRpcMutation('deathBenefits.saveBase', {
    invalidates: ['deathBenefits.parameters'],
    onError: () => {},
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="录入计发基数 B"
      size="md"
      form={form}
      onSubmit={(v) => save.mutateAsync(v as never)}
    >
      <TextInput label="省份" placeholder="如 山东" {...textField(form, 'province')} />
      <NumberInput label="适用于去世年份" allowDecimal={false} {...form.getInputProps('year')} />
      <TextInput
        label="B：省上年度城镇居民月人均可支配收入（元）"
        placeholder="如 2,818.50"
        {...textField(form, 'base')}
      />
    </FormModal>
  );
}

function IncomeForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { year: thisYear(), income: null as string | null },
    validate: validatedAs('deathBenefits.saveIncome'),
  });
  const save = useRpcMutation('deathBenefits.saveIncome', {
    invalidates: ['deathBenefits.parameters'],
    onError: () => {},
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="录入全国上年度城镇居民人均可支配收入"
      size="md"
      form={form}
      onSubmit={(v) => save.mutateAsync(v as never)}
    >
      <NumberInput label="适用于去世年份" allowDecimal={false} {...form.getInputProps('year')} />
      <TextInput label="上年度全国城镇居民人均可支配收入（元/年）" {...textField(form, 'income')} />
    </FormModal>
  );
}

type RuleValues = {
  id: number | null;
  group: string | null;
  province: string | null;
  fromDate: string | null;
  kind: DeathRule['kind'];
  basis: string | null;
  incomeTimes: number;
  reliefMonths: number;
  reliefFixed: string | null;
  funeralMonths: number;
  funeralFixed: string | null;
};

const fenOf = (s: string | null) => {
  try {
    return s ? parseYuan(s) : 0;
  } catch {
    return Number.NaN;
  }
};

/** The form's values as the contract's input: the amounts typed in yuan, to fen. */
function ruleInput(v: RuleValues) {
  const rule =
    v.kind === 'standard2021'
      ? { kind: v.kind, basis: v.basis }
      : {
          kind: v.kind,
          basis: v.basis,
          incomeTimes: v.incomeTimes,
          reliefMonths: v.reliefMonths,
          reliefFixedFen: fenOf(v.reliefFixed),
          funeralMonths: v.funeralMonths,
          funeralFixedFen: fenOf(v.funeralFixed),
        };
  return { id: v.id, group: v.group, province: v.province, fromDate: v.fromDate, rule };
}

function RuleForm({ opened, rule, onClose }: { opened: boolean; rule: AppliedRule | null; onClose: () => void }) {
  const r = rule?.rule;
  const p = r?.kind === 'pension' ? r : null;
  const form = useForm<RuleValues>({
    mode: 'controlled',
    initialValues: {
      id: rule?.id ?? null,
      group: rule?.group ?? null,
      province: rule?.province ?? NATIONWIDE,
      fromDate: rule?.fromDate ?? null,
      kind: r?.kind ?? 'pension',
      basis: r?.basis ?? null,
      incomeTimes: p?.incomeTimes ?? 0,
      reliefMonths: p?.reliefMonths ?? 0,
      reliefFixed: p ? formatYuan(p.reliefFixedFen) : null,
      funeralMonths: p?.funeralMonths ?? 0,
      funeralFixed: p ? formatYuan(p.funeralFixedFen) : null,
    },
    validate: (v) => {
      const errors = validatedAs('deathBenefits.saveRule')(ruleInput(v) as never) as Record<string, string>;
      // The rule's own fields are typed under other names here: each error beside its field.
      const names: Record<string, string> = {
        'rule.reliefFixedFen': 'reliefFixed',
        'rule.funeralFixedFen': 'funeralFixed',
        'rule.kind': 'kind',
      };
      return Object.fromEntries(Object.entries(errors).map(([k, m]) => [names[k] ?? k.replace(/^rule\./, ''), m]));
    },
  });
  const save = useRpcMutation('deathBenefits.saveRule', {
    invalidates: ['deathBenefits.parameters'],
    onError: () => {},
  });
  const v = form.getValues();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={rule ? '修改计发办法' : '新增计发办法'}
      form={form}
      onSubmit={(values) => save.mutateAsync(ruleInput(values) as never)}
    >
      <SimpleGrid cols={3}>
        <Select
          label="人员类别"
          data={BENEFIT_GROUPS.map((g) => ({ value: g, label: GROUP_LABELS[g] }))}
          {...form.getInputProps('group')}
        />
        <TextInput label="省份" description="全国通用填“全国”" {...textField(form, 'province')} />
        <FormDateField form={form} path="fromDate" label="适用于此日及以后去世" empty={null} />
      </SimpleGrid>
      <Select
        label="计发办法"
        allowDeselect={false}
        data={Object.entries(RULE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
        {...form.getInputProps('kind')}
      />
      <TextInput label="依据文号" placeholder="如 民发〔2011〕192号" {...textField(form, 'basis')} />
      {v.kind === 'pension' && (
        <SimpleGrid cols={2}>
          <NumberInput
            label="抚恤金：全国上年度城镇居民人均可支配收入的倍数"
            min={0}
            allowDecimal={false}
            {...form.getInputProps('incomeTimes')}
          />
          <NumberInput
            label="抚恤金：本人月基本养老金的月数"
            min={0}
            allowDecimal={false}
            {...form.getInputProps('reliefMonths')}
          />
          <TextInput label="抚恤金：另加固定金额（元）" {...textField(form, 'reliefFixed')} />
          <NumberInput
            label="丧葬补助金：月基本养老金的月数"
            min={0}
            allowDecimal={false}
            {...form.getInputProps('funeralMonths')}
          />
          <TextInput label="丧葬补助金：固定金额（元）" {...textField(form, 'funeralFixed')} />
        </SimpleGrid>
      )}
    </FormModal>
  );
}
