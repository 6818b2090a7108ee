// Choosing a retiree by name, pinyin initials or ID number: the list's one search box, as a picker.
// The search is a query keyed by what was typed, so a slow reply for an earlier text never
// replaces the list for the text now in the box.
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { useRpc } from '../kit/rpc';

export interface PickedPerson {
  id: number;
  label: string;
}

export function PersonPicker({
  value,
  onChange,
  label = '报销人',
  error,
}: {
  value: PickedPerson | null;
  onChange: (p: PickedPerson | null) => void;
  label?: string;
  error?: string | null;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useRpc('retirees.list', q ? { q, pageSize: 20 } : null, { placeholderData: keepPreviousData });
  const options: PickedPerson[] = (q ? (found.data?.rows ?? []) : []).map((r) => ({
    id: r.id,
    label: `${r.name}（${r.category}，${r.idNumberMasked ?? '无身份证号'}）`,
  }));
  const data = [...(value && !options.some((o) => o.id === value.id) ? [value] : []), ...options];
  return (
    <Select
      label={label}
      placeholder="输入姓名、拼音首字母或身份证号查找"
      searchable
      clearable
      error={error}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={search.trim() ? (found.isFetching ? '正在查找……' : '没有找到，请换个写法') : '请输入查找'}
      data={data.map((o) => ({ value: String(o.id), label: o.label }))}
      value={value ? String(value.id) : null}
      onChange={(v) => onChange(data.find((o) => String(o.id) === v) ?? null)}
    />
  );
}
