// A lunar month and day (农历生日) picked from two lists: 正月 … 腊月 with the leap months, and 初一 …
// 三十. The value is stored as 'MM-DD' or '闰MM-DD' (src-main/shared/lunarWords.ts) and reaches
// `onChange` once both are picked; clearing either gives null.
import { Group, Select } from '@mantine/core';
import { useState } from 'react';
import { LUNAR_DAY_NAMES, LUNAR_MONTH_NAMES, parseLunarDay, storedLunarDay } from '../../src-main/shared/lunarWords';

const MONTHS = [
  ...LUNAR_MONTH_NAMES.map((label, i) => ({ value: String(i + 1), label })),
  ...LUNAR_MONTH_NAMES.map((label, i) => ({ value: `闰${i + 1}`, label: `闰${label}` })),
];
const DAYS = LUNAR_DAY_NAMES.map((label, i) => ({ value: String(i + 1), label }));

export function LunarDayInput({
  label,
  description,
  value,
  error,
  onChange,
}: {
  label: string;
  description?: string;
  value: string | null;
  error?: React.ReactNode;
  onChange: (value: string | null) => void;
}) {
  const stored = value ? parseLunarDay(value) : null;
  // A half-picked date (a month without its day yet) is kept here; once both are picked the value
  // itself is shown, so a file read again under the form shows what it holds.
  const [half, setHalf] = useState<{ month: string | null; day: string | null }>({ month: null, day: null });
  const picked = stored ? { month: `${stored.leap ? '闰' : ''}${stored.month}`, day: String(stored.day) } : half;
  const set = (next: { month: string | null; day: string | null }) => {
    const { month: m, day: d } = next;
    setHalf(m && d ? { month: null, day: null } : next);
    onChange(
      m && d ? storedLunarDay({ month: Number(m.replace('闰', '')), day: Number(d), leap: m.startsWith('闰') }) : null,
    );
  };
  return (
    <Group grow align="flex-start" wrap="nowrap" gap="xs">
      <Select
        label={`${label}（月）`}
        description={description}
        data={MONTHS}
        clearable
        searchable
        value={picked.month}
        error={error}
        onChange={(month) => set({ ...picked, month })}
      />
      <Select
        label={`${label}（日）`}
        description={description ? ' ' : undefined}
        data={DAYS}
        clearable
        searchable
        value={picked.day}
        onChange={(day) => set({ ...picked, day })}
      />
    </Group>
  );
}
