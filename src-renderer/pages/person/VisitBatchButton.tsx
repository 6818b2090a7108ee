// A festival batch for the people the list shows: one visit each with the same gift (only people
// on the roll are included, whatever the filter).
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconGift } from '@tabler/icons-react';
import { useState } from 'react';
import type { InputOf } from '../../../src-main/api/contract';
import { VISIT_KINDS } from '../../../src-main/shared/care';
import { todayIso } from '../../../src-main/shared/dates';
import { call } from '../../api';
import { navigate } from '../../route';
import { DateField } from '../../kit/DateField';

export function VisitBatchButton({ query, total }: { query: InputOf<'retirees.list'>; total: number }) {
  const [open, setOpen] = useState(false);
  const [b, setB] = useState({ name: '', kind: '节日慰问', date: todayIso(), money: '', items: '', visitors: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const batch = await call('visits.createBatch', {
        name: b.name,
        kind: b.kind as (typeof VISIT_KINDS)[number],
        date: b.date,
        money: b.money || null,
        items: b.items || null,
        visitors: b.visitors || null,
        query: { ...query, page: 1 },
      });
      navigate(`/visits/${batch.id}`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="default" leftSection={<IconGift size={18} />} onClick={() => setOpen(true)} disabled={total === 0}>
        建立慰问批次
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="为当前筛选的人员建立慰问批次" size="lg">
        <Stack>
          <Text size="sm">按当前筛选条件，为其中的在册人员（共 {total} 人中的在册者）各记一次慰问，慰问品相同；之后可打印慰问信和慰问品签领表。</Text>
          <SimpleGrid cols={2}>
            <TextInput label="批次名称" placeholder="如 2027年春节慰问" value={b.name} onChange={(e) => setB({ ...b, name: e.currentTarget.value })} />
            <Select label="类别" data={[...VISIT_KINDS]} value={b.kind} onChange={(k) => setB({ ...b, kind: k ?? '节日慰问' })} />
            <DateField label="慰问日期" value={b.date} onChange={(d) => setB({ ...b, date: d ?? '' })} />
            <TextInput label="慰问金（元）" value={b.money} onChange={(e) => setB({ ...b, money: e.currentTarget.value })} />
            <TextInput label="慰问品" value={b.items} onChange={(e) => setB({ ...b, items: e.currentTarget.value })} />
            <TextInput label="走访人" value={b.visitors} onChange={(e) => setB({ ...b, visitors: e.currentTarget.value })} />
          </SimpleGrid>
          {error && <Text c="red.8">{error}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              取消
            </Button>
            <Button onClick={create} loading={busy} disabled={!b.name.trim()}>
              建立
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
