// 丧葬抚恤 on a death record: the amounts computed from the rule the office selected, with the
// formula written out and the total in capitals (大写) as the office prints it; the claimant
// (法定继承人), the materials, filed on (the three-month window), paid on, the pension to recover, and
// why anything is still unpaid. A saved amount stays as computed: recomputing asks for a reason.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState, type ReactNode } from 'react';
import type { BenefitComputation, DeathBenefitsView } from '../../../../src-main/contract/deathBenefits';
import { RELATIONS } from '../../../../src-main/contract/privacy';
import { formatChineseDate, todayIso } from '../../../../src-main/shared/dates';
import { BENEFIT_MATERIALS, NATIONWIDE, filingDeadline } from '../../../../src-main/shared/deathBenefits';
import { capitalYuan, formatYuan } from '../../../../src-main/shared/money';
import { call } from '../../../api';
import { FormDateField } from '../../../kit/FormDateField';
import { FormModal } from '../../../kit/FormModal';
import { Can } from '../../../kit/operator';
import { useRpc, useRpcMutation } from '../../../kit/rpc';
import { textField, validatedAs } from '../fields';

const yuanText = (fen: number) => `${formatYuan(fen)} 元`;

export function DeathBenefitsPanel({
  personId,
  diedOn,
  benefits,
}: {
  personId: number;
  diedOn: string;
  benefits: DeathBenefitsView | null;
}) {
  const [open, setOpen] = useState<'compute' | 'claim' | null>(null);
  return (
    <Paper withBorder p="md" aria-label="丧葬抚恤">
      <Group justify="space-between" mb="sm">
        <Title order={4}>丧葬抚恤</Title>
        <Can method="deathBenefits.compute">
          <Group>
            {benefits && (
              <Button variant="light" onClick={() => setOpen('claim')}>
                办理申领
              </Button>
            )}
            <Button variant={benefits ? 'default' : 'filled'} onClick={() => setOpen('compute')}>
              {benefits ? '重新核算' : '计算丧葬抚恤金额'}
            </Button>
          </Group>
        </Can>
      </Group>
      {benefits ? (
        <BenefitsShown b={benefits} />
      ) : (
        <Text c="dimmed">尚未核定。申报期限至 {formatChineseDate(filingDeadline(diedOn))}（去世后三个月）。</Text>
      )}
      <ComputeForm
        key={`c${benefits?.version ?? 0}`}
        opened={open === 'compute'}
        personId={personId}
        saved={benefits}
        onClose={() => setOpen(null)}
      />
      {benefits && (
        <ClaimForm key={`f${benefits.version}`} opened={open === 'claim'} b={benefits} onClose={() => setOpen(null)} />
      )}
    </Paper>
  );
}

function Formula({ c }: { c: BenefitComputation }) {
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed">
        {c.province}，{c.rule.group === '离休' ? '离休干部' : `${c.rule.group}人员`}，自{' '}
        {formatChineseDate(c.rule.fromDate)} 起（{c.rule.province === NATIONWIDE ? '全国' : c.rule.province}）：
        {c.rule.text}
      </Text>
      {c.lines.map((l) => (
        <Text key={l}>{l}</Text>
      ))}
      <Text fw={600}>
        合计 {yuanText(c.totalFen)}（大写：{capitalYuan(c.totalFen)}）
      </Text>
    </Stack>
  );
}

function BenefitsShown({ b }: { b: DeathBenefitsView }) {
  const unpaid = !b.paidOn;
  const late = !b.filedOn && todayIso() > b.filingDeadline;
  return (
    <Stack>
      <Formula c={b} />
      <Text size="sm" c="dimmed">
        {b.computedBy} 于 {b.computedAt.slice(0, 10)} 核定；此后计发基数的修改不影响已核定金额。
      </Text>
      {late && <Alert color="red">申报期限 {formatChineseDate(b.filingDeadline)} 已过，尚未申报。</Alert>}
      <Table verticalSpacing={4} fz="md">
        <Table.Tbody>
          <Row label="申领人">
            {b.claimantName
              ? `${b.claimantName}${b.claimantRelation ? `（${b.claimantRelation}）` : ''}${b.claimantIdNumber ? `，身份证号 ${b.claimantIdNumber}` : ''}${b.claimantPhone ? `，电话 ${b.claimantPhone}` : ''}`
              : '未登记'}
          </Row>
          <Row label="申领材料">
            {BENEFIT_MATERIALS.map((m) => `${b.materials.includes(m) ? '☑' : '☐'} ${m}`).join('　')}
          </Row>
          <Row label="申报日期">
            {b.filedOn ? formatChineseDate(b.filedOn) : `未申报（期限 ${formatChineseDate(b.filingDeadline)}）`}
          </Row>
          <Row label="发放日期">{b.paidOn ? formatChineseDate(b.paidOn) : '未发放'}</Row>
          <Row label="多发养老金">
            {b.overpaidFen > 0
              ? `${yuanText(b.overpaidFen)}（大写：${capitalYuan(b.overpaidFen)}），${b.overpaidRecoveredOn ? `${formatChineseDate(b.overpaidRecoveredOn)} 已追回` : '待追回'}`
              : '无'}
          </Row>
          {(unpaid || b.unpaidReason) && <Row label="未发放原因">{b.unpaidReason ?? '未说明'}</Row>}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td w={120}>{label}</Table.Td>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

/** The province, the pension where the rule needs it: a trial computation shown, then saved. */
function ComputeForm({
  opened,
  personId,
  saved,
  onClose,
}: {
  opened: boolean;
  personId: number;
  saved: DeathBenefitsView | null;
  onClose: () => void;
}) {
  // Read when the dialog opens: a death record shown is no reason to read the parameters.
  const params = useRpc('deathBenefits.parameters', opened ? {} : null).data;
  const provinces = [
    ...new Set([...(params?.bases.map((b) => b.province) ?? []), ...(params?.rules.map((r) => r.province) ?? [])]),
  ].filter((p) => p !== NATIONWIDE);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      personId,
      province: (saved?.province ?? provinces[0] ?? null) as string | null,
      monthlyPension: (saved?.inputs.monthlyPensionFen != null ? formatYuan(saved.inputs.monthlyPensionFen) : null) as
        string | null,
      version: saved?.version ?? null,
      reason: null as string | null,
    },
    validate: validatedAs('deathBenefits.compute'),
  });
  // The parameters arrive after the dialog opens: the first province is offered once they do.
  const firstProvince = provinces[0] ?? null;
  useEffect(() => {
    if (firstProvince && !form.getValues().province) form.setFieldValue('province', firstProvince);
  }, [firstProvince, form]);
  const [trial, setTrial] = useState<BenefitComputation | string | null>(null);
  const compute = useRpcMutation('deathBenefits.compute', {
    invalidates: ['deaths.get', 'retirees.history', 'reminders.get'],
    onError: () => {},
  });
  const tryIt = async () => {
    const v = form.getValues();
    try {
      setTrial(
        await call('deathBenefits.preview', { personId, province: v.province ?? '', monthlyPension: v.monthlyPension }),
      );
    } catch (e) {
      setTrial((e as Error).message);
    }
  };
  return (
    <FormModal
      opened={opened}
      onClose={() => {
        setTrial(null);
        onClose();
      }}
      title={saved ? '重新核算丧葬抚恤金额' : '计算丧葬抚恤金额'}
      submitLabel={saved ? '按新结果保存' : '保存核定结果'}
      form={form}
      onSubmit={(v) => compute.mutateAsync(v as never)}
    >
      <Select
        label="省份（计发基数所在省）"
        data={provinces}
        searchable
        allowDeselect={false}
        {...form.getInputProps('province')}
      />
      <TextInput
        label="本人生前月基本养老金（元）"
        description="按月数计发的办法（机关、事业、地方办法）需要；企业按 2021 年办法可不填"
        {...textField(form, 'monthlyPension')}
      />
      {saved && (
        <Textarea
          label="重新核算的原因"
          placeholder="如：省厅更正计发基数；档案缴费年限更正"
          {...textField(form, 'reason')}
        />
      )}
      <Group>
        <Button variant="light" onClick={() => void tryIt()}>
          试算
        </Button>
      </Group>
      {typeof trial === 'string' && <Alert color="red">{trial}</Alert>}
      {trial && typeof trial === 'object' && (
        <Paper withBorder p="sm" aria-label="试算结果">
          <Formula c={trial} />
          {saved && trial.totalFen !== saved.totalFen && (
            <Text c="orange.8" mt="xs">
              与已核定的 {yuanText(saved.totalFen)} 不同。
            </Text>
          )}
        </Paper>
      )}
    </FormModal>
  );
}

/** The claim around the amounts, against the version shown. */
function ClaimForm({ opened, b, onClose }: { opened: boolean; b: DeathBenefitsView; onClose: () => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      personId: b.personId,
      version: b.version,
      claimantName: b.claimantName,
      claimantRelation: b.claimantRelation,
      claimantIdNumber: b.claimantIdNumber,
      claimantPhone: b.claimantPhone,
      materials: b.materials,
      filedOn: b.filedOn,
      paidOn: b.paidOn,
      overpaid: (b.overpaidFen > 0 ? formatYuan(b.overpaidFen) : null) as string | null,
      overpaidRecoveredOn: b.overpaidRecoveredOn,
      unpaidReason: b.unpaidReason,
    },
    validate: validatedAs('deathBenefits.save'),
  });
  const save = useRpcMutation('deathBenefits.save', {
    invalidates: ['deaths.get', 'retirees.history', 'reminders.get'],
    onError: () => {},
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="办理丧葬抚恤申领"
      size="xl"
      form={form}
      onSubmit={(v) => save.mutateAsync(v as never)}
    >
      <SimpleGrid cols={2}>
        <TextInput label="申领人（法定继承人）" {...textField(form, 'claimantName')} />
        <Select label="与逝者关系" data={[...RELATIONS]} clearable {...form.getInputProps('claimantRelation')} />
        <TextInput label="申领人身份证号" {...textField(form, 'claimantIdNumber')} />
        <TextInput label="申领人电话" {...textField(form, 'claimantPhone')} />
      </SimpleGrid>
      <Checkbox.Group label="申领材料" {...form.getInputProps('materials')}>
        <SimpleGrid cols={2} mt="xs">
          {BENEFIT_MATERIALS.map((m) => (
            <Checkbox key={m} value={m} label={m} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <SimpleGrid cols={2}>
        <FormDateField form={form} path="filedOn" label="申报日期" empty={null} />
        <FormDateField form={form} path="paidOn" label="发放日期" empty={null} />
        <TextInput label="去世次月起多发的养老金（元）" {...textField(form, 'overpaid')} />
        <FormDateField form={form} path="overpaidRecoveredOn" label="追回日期" empty={null} />
      </SimpleGrid>
      <Textarea
        label="未发放原因"
        placeholder="如：待追回多发养老金后发放；继承人尚未确定"
        {...textField(form, 'unpaidReason')}
      />
    </FormModal>
  );
}
