// A category's policy as staff write it: yuan for the deductible and the cap, percentages for the
// ratios and the age bands; read as the contract's CategoryPolicy (fen and basis points). The saved
// policy's form sends the policy as it loaded it beside the edited one, so only what the user
// changed is saved and a field changed by someone else since is refused (the save rule).
import { ActionIcon, Alert, Button, Checkbox, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { z } from 'zod';
import type { PolicyView } from '../../../src-main/contract/claims';
import { CategoryPolicy } from '../../../src-main/shared/claimPolicy';
import { LINE_KINDS, type LineKind } from '../../../src-main/shared/lineKinds';
import type { Category } from '../../../src-main/shared/person';
import { bpText, formatYuan, parseYuan, percentToBp } from '../../../src-main/shared/money';
import { useContractForm } from '../../kit/form';
import { Can, Editable } from '../../kit/operator';
import { useRpcMutation } from '../../kit/rpc';
import { done } from './shared';

const yuanText = (fen: number) => formatYuan(fen).replace(/,/g, '');

/** Where a category has no policy yet: everything to be filled in. */
export const BLANK_POLICY: CategoryPolicy = {
  deductibleFen: 0,
  capFen: null,
  ratioBp: { 门诊: 0, 住院: 0, 特殊病种: 0, 药店: 0 },
  ageBands: [],
};

export type PolicyValues = {
  deductible: string;
  cap: string;
  noCap: boolean;
  ratios: Record<LineKind, string>;
  bands: { minAge: number | string; extra: string }[];
  /** 说明 of this save (a document number); not part of the policy. */
  note: string;
};

export function valuesOf(p: CategoryPolicy): PolicyValues {
  return {
    deductible: yuanText(p.deductibleFen),
    cap: p.capFen === null ? '' : yuanText(p.capFen),
    noCap: p.capFen === null,
    ratios: Object.fromEntries(LINE_KINDS.map((k) => [k, bpText(p.ratioBp[k])])) as Record<LineKind, string>,
    bands: p.ageBands.map((b) => ({ minAge: b.minAge, extra: bpText(b.extraBp) })),
    note: '',
  };
}

/** The form's values read as the contract's CategoryPolicy; each message on the field it is about. */
export const PolicyDraft = z
  .object({
    deductible: z.string(),
    cap: z.string(),
    noCap: z.boolean(),
    ratios: z.record(z.string(), z.string()),
    bands: z.array(z.object({ minAge: z.unknown(), extra: z.string() })),
  })
  .transform((d, ctx): z.input<typeof CategoryPolicy> => {
    const fen = (text: string, path: string, what: string) => {
      try {
        const f = parseYuan(text);
        if (f < 0) ctx.addIssue({ code: 'custom', path: [path], message: `${what}不能为负数` });
        return f;
      } catch (e) {
        ctx.addIssue({ code: 'custom', path: [path], message: (e as Error).message });
        return 0;
      }
    };
    const deductibleFen = fen(d.deductible.trim() || '0', 'deductible', '起付线');
    let capFen: number | null = null;
    if (!d.noCap) {
      if (d.cap.trim() === '')
        ctx.addIssue({ code: 'custom', path: ['cap'], message: '请填写封顶线，或选择“不设封顶”' });
      else capFen = fen(d.cap, 'cap', '封顶线');
    }
    const ratioBp = {} as CategoryPolicy['ratioBp'];
    for (const k of LINE_KINDS) {
      const bp = percentToBp(d.ratios[k] ?? '');
      if (bp === null)
        ctx.addIssue({ code: 'custom', path: ['ratios', k], message: `${k}报销比例应为 0 到 100 之间的百分数` });
      ratioBp[k] = bp ?? 0;
    }
    const ageBands = d.bands.map((b, i) => {
      const minAge = Number(b.minAge);
      if (b.minAge === '' || !Number.isInteger(minAge) || minAge < 0 || minAge > 150)
        ctx.addIssue({ code: 'custom', path: ['bands', i, 'minAge'], message: '年龄应为 0 到 150 之间的整数' });
      const bp = percentToBp(b.extra);
      if (bp === null)
        ctx.addIssue({
          code: 'custom',
          path: ['bands', i, 'extra'],
          message: `${b.minAge} 岁以上增加的比例应为百分数`,
        });
      return { minAge, extraBp: bp ?? 0 };
    });
    return { deductibleFen, capFen, ratioBp, ageBands };
  })
  .pipe(CategoryPolicy);

/** The fields of a policy, on a form holding PolicyValues. */
export function PolicyFields({
  form,
  withNote = false,
}: {
  form: UseFormReturnType<PolicyValues>;
  withNote?: boolean;
}) {
  const v = form.getValues();
  return (
    <>
      <Group align="flex-start">
        <TextInput label="起付线（元）" w={150} {...form.getInputProps('deductible')} />
        <TextInput label="封顶线（元）" w={150} disabled={v.noCap} {...form.getInputProps('cap')} />
        <Checkbox label="不设封顶" mt={34} {...form.getInputProps('noCap', { type: 'checkbox' })} />
      </Group>
      <Group align="flex-start">
        {LINE_KINDS.map((k) => (
          <TextInput key={k} label={`${k}比例（%）`} w={150} {...form.getInputProps(`ratios.${k}`)} />
        ))}
      </Group>
      <Text fw={500}>年龄段（按就医当日的周岁，取达到的最高一档）</Text>
      {v.bands.map((_, i) => (
        <Group key={i} align="flex-end">
          <NumberInput label="年满（岁）" w={110} min={0} max={150} {...form.getInputProps(`bands.${i}.minAge`)} />
          <TextInput label="比例增加（百分点）" w={160} {...form.getInputProps(`bands.${i}.extra`)} />
          <Can method="claims.savePolicy">
            <ActionIcon
              variant="subtle"
              color="red"
              mb={6}
              aria-label={`删除第 ${i + 1} 个年龄段`}
              onClick={() => form.removeListItem('bands', i)}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Can>
        </Group>
      ))}
      <Can method="claims.savePolicy">
        <Group>
          <Button
            variant="subtle"
            leftSection={<IconPlus size={16} />}
            onClick={() => form.insertListItem('bands', { minAge: 80, extra: '10' })}
          >
            添加年龄段
          </Button>
        </Group>
      </Can>
      {withNote && <TextInput label="说明（如文件号）" w={320} {...form.getInputProps('note')} />}
    </>
  );
}

/** A saved policy changes what later approvals pay; so the policies, the gaps and the statements are read again. */
const POLICY_CHANGES = ['claims.policies', 'claims.policyGaps', 'claims.statement'] as const;

/**
 * The year's policy of one category, saved as a new version. `view` is the policy in force as the
 * page read it; the page mounts a new editor when another version comes into force.
 */
export function PolicyEditor({
  year,
  category,
  view,
  onReload,
}: {
  year: number;
  category: Category;
  view: PolicyView | undefined;
  onReload: () => void;
}) {
  const what = `${year} 年度${category}人员报销政策`;
  const savePolicy = useRpcMutation('claims.savePolicy', {
    invalidates: [...POLICY_CHANGES],
    onSuccess: () => done(`已保存${what}`),
    onError: () => {},
  });
  // What the form loaded: sent back so that only the user's changes are put on the version in force.
  const loaded = view?.versionId ? view.rules : null;
  const f = useContractForm<PolicyValues>({
    initial: valuesOf(view?.rules ?? BLANK_POLICY),
    schema: PolicyDraft,
    what,
    submit: async (values) => {
      const saved = await savePolicy.mutateAsync({
        year,
        category,
        rules: PolicyDraft.parse(values),
        note: values.note.trim() || null,
        loaded,
      });
      return valuesOf(saved.rules);
    },
  });
  return (
    <Stack gap="sm">
      <Editable method="claims.savePolicy">
        <Stack gap="sm">
          <PolicyFields form={f.form} withNote />
        </Stack>
      </Editable>
      {f.error && (
        <Alert color="red" role="alert" title={f.conflict ? '未保存：政策已被他人修改' : '未保存'}>
          <Text>{f.error}</Text>
          {f.conflict && (
            <Button mt="xs" size="compact-md" variant="white" color="red" onClick={onReload}>
              重新读取现行政策
            </Button>
          )}
        </Alert>
      )}
      <Can method="claims.savePolicy" otherwise="不能修改报销政策，只能查阅">
        <Group>
          <Button onClick={() => void f.save()} loading={f.saving} disabled={!f.dirty && loaded !== null}>
            保存政策
          </Button>
          {f.dirty && <Text c="orange.8">有未保存的修改</Text>}
        </Group>
      </Can>
    </Stack>
  );
}
