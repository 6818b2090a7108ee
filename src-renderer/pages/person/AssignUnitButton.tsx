// Placing everyone the list shows (every page of it) in a unit of the organisation network at once.
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { IconSitemap } from '@tabler/icons-react';
import { useState } from 'react';
import type { InputOf, NetworkUnit } from '../../../src-main/api/contract';
import { call } from '../../api';
import { done, failed } from '../../notify';
import { unitChoices } from '../../components/unitOptions';

export function AssignUnitButton({ query, total, onDone }: { query: InputOf<'retirees.list'>; total: number; onDone: () => void }) {
  const [units, setUnits] = useState<NetworkUnit[] | null>(null);
  const [key, setKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = () => call('org.tree', {}).then(setUnits, failed);
  const assign = async () => {
    const unit = units?.find((u) => u.key === key);
    if (!unit) return;
    setBusy(true);
    try {
      const r = await call('org.assign', { query: { ...query, page: 1 }, ref: unit.ref });
      done(`已将 ${r.changed} 人编入${unit.name}${r.matched > r.changed ? `（另有 ${r.matched - r.changed} 人原已在内）` : ''}`);
      setUnits(null);
      onDone();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button variant="default" leftSection={<IconSitemap size={18} />} onClick={open} disabled={total === 0}>
        编入组织
      </Button>
      <Modal opened={units !== null} onClose={() => setUnits(null)} title="把当前列表中的人员编入组织">
        <Stack>
          <Text size="sm">
            按当前筛选条件共 <b>{total}</b> 人（所有页），其中在册人员编入（已故、迁出人员不变）。编入行政小组或党小组时，同时编入其所属的大组或支部；每人的档案记下这次调整。
          </Text>
          <Select
            label="编入"
            searchable
            data={unitChoices(units ?? [])}
            value={key}
            onChange={setKey}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setUnits(null)}>
              取消
            </Button>
            <Button onClick={assign} loading={busy} disabled={!key}>
              编入
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
