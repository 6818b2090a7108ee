// Choosing a retiree by name, pinyin initials or ID number: the list's one search box, as a picker.
import { Select } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { call } from '../api';

export interface PickedPerson {
  id: number;
  label: string;
}

export function PersonPicker({ value, onChange, label = '报销人', error }: { value: PickedPerson | null; onChange: (p: PickedPerson | null) => void; label?: string; error?: string | null }) {
  const [options, setOptions] = useState<PickedPerson[]>(value ? [value] : []);
  const [search, setSearch] = useState('');
  const find = useDebouncedCallback((q: string) => {
    call('retirees.list', { q, pageSize: 20 }).then((page) =>
      setOptions(page.rows.map((r) => ({ id: r.id, label: `${r.name}（${r.category}，${r.idNumberMasked ?? '无身份证号'}）` }))),
    );
  }, 250);
  useEffect(() => {
    if (search.trim()) find(search);
  }, [search, find]);
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
      nothingFoundMessage={search.trim() ? '没有找到，请换个写法' : '请输入查找'}
      data={data.map((o) => ({ value: String(o.id), label: o.label }))}
      value={value ? String(value.id) : null}
      onChange={(v) => onChange(data.find((o) => String(o.id) === v) ?? null)}
    />
  );
}
