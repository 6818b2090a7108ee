// A category's policy as staff write it: yuan for the deductible and the cap, percentages for the
// ratios and the age bands; kept as fen and basis points.
import { ActionIcon, Button, Checkbox, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { LINE_KINDS, type CategoryPolicy } from '../../../src-main/shared/claimPolicy';
import { bpText, formatYuan, parseYuan, percentToBp } from '../../../src-main/shared/money';

const yuanText = (fen: number) => formatYuan(fen).replace(/,/g, '');

/** Where a category has no policy yet: everything to be filled in. */
export const BLANK_POLICY: CategoryPolicy = { deductibleFen: 0, capFen: null, ratioBp: { 门诊: 0, 住院: 0, 特殊病种: 0, 药店: 0 }, ageBands: [] };

interface Draft {
  deductible: string;
  cap: string;
  noCap: boolean;
  ratios: Record<string, string>;
  bands: { minAge: number; extra: string }[];
}

function draftOf(p: CategoryPolicy): Draft {
  return {
    deductible: yuanText(p.deductibleFen),
    cap: p.capFen === null ? '' : yuanText(p.capFen),
    noCap: p.capFen === null,
    ratios: Object.fromEntries(LINE_KINDS.map((k) => [k, bpText(p.ratioBp[k])])),
    bands: p.ageBands.map((b) => ({ minAge: b.minAge, extra: bpText(b.extraBp) })),
  };
}

/** The policy the draft describes, or the first thing wrong with it in words. */
function policyOf(d: Draft): CategoryPolicy | string {
  let deductibleFen: number;
  let capFen: number | null = null;
  try {
    deductibleFen = parseYuan(d.deductible || '0');
    if (!d.noCap) capFen = parseYuan(d.cap);
  } catch (e) {
    return (e as Error).message;
  }
  const ratioBp = {} as CategoryPolicy['ratioBp'];
  for (const k of LINE_KINDS) {
    const bp = percentToBp(d.ratios[k] ?? '');
    if (bp === null) return `${k}报销比例应为 0 到 100 之间的百分数`;
    ratioBp[k] = bp;
  }
  const ageBands = [];
  for (const b of d.bands) {
    const bp = percentToBp(b.extra);
    if (bp === null) return `${b.minAge} 岁以上增加的比例应为百分数`;
    ageBands.push({ minAge: b.minAge, extraBp: bp });
  }
  return { deductibleFen, capFen, ratioBp, ageBands };
}

export function PolicyEditor({ value, onSave, saveLabel, busy }: { value: CategoryPolicy; onSave: (p: CategoryPolicy, note: string) => void; saveLabel: string; busy?: boolean }) {
  const [d, setD] = useState(() => draftOf(value));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setD(draftOf(value)), [value]);
  const save = () => {
    const p = policyOf(d);
    if (typeof p === 'string') return setError(p);
    setError(null);
    onSave(p, note);
  };
  return (
    <Stack gap="sm">
      <Group align="flex-end">
        <TextInput label="起付线（元）" w={140} value={d.deductible} onChange={(e) => setD({ ...d, deductible: e.currentTarget.value })} />
        <TextInput label="封顶线（元）" w={140} value={d.cap} disabled={d.noCap} onChange={(e) => setD({ ...d, cap: e.currentTarget.value })} />
        <Checkbox label="不设封顶" checked={d.noCap} onChange={(e) => setD({ ...d, noCap: e.currentTarget.checked })} mb={8} />
      </Group>
      <Group>
        {LINE_KINDS.map((k) => (
          <TextInput key={k} label={`${k}比例（%）`} w={140} value={d.ratios[k]} onChange={(e) => setD({ ...d, ratios: { ...d.ratios, [k]: e.currentTarget.value } })} />
        ))}
      </Group>
      <Text size="sm" fw={500}>
        年龄段（按就医当日的周岁，取达到的最高一档）
      </Text>
      {d.bands.map((b, i) => (
        <Group key={i} align="flex-end">
          <NumberInput label="年满（岁）" w={110} min={0} max={150} value={b.minAge} onChange={(v) => setD({ ...d, bands: d.bands.map((x, k) => (k === i ? { ...x, minAge: Number(v) || 0 } : x)) })} />
          <TextInput label="比例增加（百分点）" w={150} value={b.extra} onChange={(e) => setD({ ...d, bands: d.bands.map((x, k) => (k === i ? { ...x, extra: e.currentTarget.value } : x)) })} />
          <ActionIcon variant="subtle" color="red" mb={6} aria-label="删除年龄段" onClick={() => setD({ ...d, bands: d.bands.filter((_, k) => k !== i) })}>
            <IconTrash size={18} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => setD({ ...d, bands: [...d.bands, { minAge: 80, extra: '10' }] })}>
          添加年龄段
        </Button>
      </Group>
      <Group align="flex-end">
        <TextInput label="说明（如文件号）" w={320} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Button onClick={save} loading={busy}>
          {saveLabel}
        </Button>
      </Group>
      {error && <Text c="red.8">{error}</Text>}
    </Stack>
  );
}
