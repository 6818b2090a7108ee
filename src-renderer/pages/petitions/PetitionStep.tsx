// A petition's next step in a dialog: 受理, 不予受理 (with the reason), 延期 (once, at most 30
// days, with the reason) or 办结 (with the result and how the petitioner took it). The form holds
// the router's own input (`{ id, version, step }`), so the contract's schema checks it before it is
// sent and the router's refusals land beside their fields (`step.reason`).
import { NumberInput, Select, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { contract, type InputOf } from '../../../src-main/contract';
import type { Petition } from '../../../src-main/contract/petitions';
import { todayIso } from '../../../src-main/shared/dates';
import { SATISFACTION } from '../../../src-main/shared/petitions';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { useRpcMutation } from '../../kit/rpc';
import { PETITION_READS } from './shared';

type Advance = InputOf<'petitions.advance'>;
export type StepKind = Advance['step']['step'];

export const STEP_TITLES: Record<StepKind, string> = {
  accept: '受理',
  reject: '不予受理',
  extend: '延期',
  conclude: '办结',
};

function firstStep(step: StepKind): Advance['step'] {
  if (step === 'accept') return { step, on: todayIso() };
  if (step === 'reject') return { step, on: todayIso(), reason: '' };
  if (step === 'extend') return { step, days: 30, reason: '' };
  return { step, on: todayIso(), result: '', satisfaction: null };
}

export function PetitionStep({ petition, step, onClose }: { petition: Petition; step: StepKind; onClose: () => void }) {
  const form = useForm<Advance>({
    initialValues: { id: petition.id, version: petition.version, step: firstStep(step) },
    validate: zod4Resolver(contract['petitions.advance'].input),
  });
  // The dialog shows a refusal itself.
  const advance = useRpcMutation('petitions.advance', { invalidates: PETITION_READS, onError: () => {} });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={STEP_TITLES[step]}
      form={form}
      onSubmit={(v) => advance.mutateAsync(v)}
      submitLabel="确定"
    >
      {step !== 'extend' && (
        <FormDateField
          form={form}
          path="step.on"
          label={step === 'accept' ? '受理日期' : step === 'reject' ? '告知日期' : '办结日期'}
        />
      )}
      {step === 'extend' && (
        <NumberInput
          label="延长天数（不超过 30 天，只能延期一次）"
          min={1}
          max={30}
          allowDecimal={false}
          {...form.getInputProps('step.days')}
        />
      )}
      {step === 'reject' && (
        <Textarea label="不予受理的理由" autosize minRows={3} data-autofocus {...form.getInputProps('step.reason')} />
      )}
      {step === 'extend' && <Textarea label="延期理由" autosize minRows={3} {...form.getInputProps('step.reason')} />}
      {step === 'conclude' && (
        <Textarea label="办理结果" autosize minRows={3} data-autofocus {...form.getInputProps('step.result')} />
      )}
      {step === 'conclude' && (
        <Select label="信访人满意度" data={[...SATISFACTION]} clearable {...form.getInputProps('step.satisfaction')} />
      )}
    </FormModal>
  );
}
