// 个人年度结算: answering "how much do I have left this year?" for one retiree, and printing it.
import { Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconPrinter } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { YearStatement } from '../../../src-main/api/contract';
import { call } from '../../api';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { navigate } from '../../route';
import { StatementSummary, StatementTable } from './StatementView';
import { failed, THIS_YEAR } from './shared';

export function StatementTab({ params }: { params: URLSearchParams }) {
  const personId = params.get('person') ? Number(params.get('person')) : null;
  const year = Number(params.get('year') ?? THIS_YEAR);
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [s, setS] = useState<YearStatement | null>(null);
  useEffect(() => {
    if (personId === null) return setS(null);
    call('claims.statement', { personId, year }).then((st) => {
      setS(st);
      setPerson({ id: st.personId, label: `${st.name}（${st.category}，${st.idNumberMasked ?? '无身份证号'}）` });
    }, failed);
  }, [personId, year]);
  const go = (p: PickedPerson | null, y = year) => navigate('/claims/statement', { person: p ? String(p.id) : undefined, year: String(y) });

  return (
    <Stack gap="md" mt="md">
      <Title order={2}>个人年度结算</Title>
      <Group align="flex-end">
        <div style={{ width: 380 }}>
          <PersonPicker label="人员" value={person} onChange={(p) => go(p)} />
        </div>
        <NumberInput label="年度" w={120} min={1990} max={2100} value={year} onChange={(v) => go(person, Number(v) || THIS_YEAR)} />
        {s && (
          <>
            <Button variant="light" leftSection={<IconPrinter size={18} />} onClick={() => navigate('/print/statement', { person: String(s.personId), year: String(year) })}>
              打印结算单
            </Button>
            <Button variant="subtle" leftSection={<IconPlus size={18} />} onClick={() => navigate('/claims/new', { person: String(s.personId) })}>
              为其登记报销单
            </Button>
          </>
        )}
      </Group>
      {s ? (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {s.name}（{s.category}）
          </Title>
          <StatementSummary s={s} />
          {s.claims.length > 0 ? <StatementTable s={s} /> : <Text c="dimmed">本年度没有报销记录。</Text>}
        </Paper>
      ) : (
        <Text c="dimmed">请选择人员。</Text>
      )}
    </Stack>
  );
}
