// 政策测算: a year's approved claims recomputed, in approval order, under a draft policy, against
// what was paid: how an office prices next year's policy. Nothing is saved.
import { Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { DataTableSortStatus } from 'mantine-datatable';
import { useState } from 'react';
import type { SimulationResult } from '../../../src-main/contract/claims';
import type { CategoryPolicy } from '../../../src-main/shared/claimPolicy';
import { CATEGORIES, type Category } from '../../../src-main/shared/person';
import { DataTable } from '../../kit/DataTable';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';
import { BLANK_POLICY, PolicyDraft, PolicyFields, valuesOf, type PolicyValues } from './PolicyEditor';
import { LoadFailed, THIS_YEAR, validYear, yuan } from './shared';

export function SimulationTab() {
  const [year, setYear] = useState(THIS_YEAR - 1);
  return (
    <Stack gap="md" mt="md">
      <Group justify="space-between">
        <Title order={2}>政策测算</Title>
        <NumberInput
          label="按哪一年度的报销单测算"
          w={200}
          min={1990}
          max={2100}
          value={year}
          onChange={(v) => setYear(Number(v) || THIS_YEAR - 1)}
        />
      </Group>
      <Text c="dimmed">
        调整下列测算政策后点“测算”：按批准顺序重新计算该年度全部已批准的报销单，与实际报销金额对比。测算不保存、不影响任何报销单。
      </Text>
      {/* Another year starts again from that year's policies, with no result. */}
      <Can method="claims.simulate" otherwise="不能进行政策测算">
        {validYear(year) !== null && <Simulation key={year} year={year} />}
      </Can>
    </Stack>
  );
}

function Simulation({ year }: { year: number }) {
  const policies = useRpc('claims.policies', { year });
  // The categories' draft policies the user adopted for the simulation, over the year's own.
  const [adopted, setAdopted] = useState<Partial<Record<Category, CategoryPolicy>>>({});
  const simulate = useRpcMutation('claims.simulate');
  if (policies.error) return <LoadFailed error={policies.error} />;
  if (!policies.data) return null;
  const draft: Partial<Record<Category, CategoryPolicy>> = {
    ...Object.fromEntries(policies.data.map((p) => [p.category, p.rules])),
    ...adopted,
  };
  return (
    <>
      {CATEGORIES.map((c) => (
        <Paper key={c} withBorder p="md">
          <Title order={4} mb="sm">
            {c}人员（测算）
          </Title>
          {!draft[c] && (
            <Text c="dimmed" mb="sm">
              {year} 年度尚未设置{c}人员的政策：填写后点“采用此测算规定”纳入测算；不填则测算中遇到该类人员会提示。
            </Text>
          )}
          <DraftPolicy
            value={draft[c] ?? BLANK_POLICY}
            onAdopt={(rules) => setAdopted((d) => ({ ...d, [c]: rules }))}
          />
        </Paper>
      ))}
      <Group>
        <Button
          size="md"
          onClick={() => simulate.mutate({ policy: { year, categories: draft } })}
          loading={simulate.isPending}
        >
          测算
        </Button>
      </Group>
      {simulate.data && <Result result={simulate.data} />}
    </>
  );
}

/** A category's policy for the simulation only: adopted into it, never saved, so no leave question. */
function DraftPolicy({ value, onAdopt }: { value: CategoryPolicy; onAdopt: (p: CategoryPolicy) => void }) {
  const form = useForm<PolicyValues>({
    mode: 'controlled',
    initialValues: valuesOf(value),
    validate: zod4Resolver(PolicyDraft),
  });
  return (
    <form
      onSubmit={form.onSubmit((values) => {
        onAdopt(PolicyDraft.parse(values));
        form.resetDirty();
      })}
    >
      <Stack gap="sm">
        <PolicyFields form={form} />
        <Group>
          <Button type="submit" variant="light">
            采用此测算规定
          </Button>
          {form.isDirty() && <Text c="orange.8">有修改，尚未采用</Text>}
        </Group>
      </Stack>
    </form>
  );
}

type PersonResult = SimulationResult['people'][number] & { diffFen: number };
const PAGE_SIZE = 50;

function Result({ result }: { result: SimulationResult }) {
  const [sort, setSort] = useState<DataTableSortStatus<PersonResult>>({ columnAccessor: 'diffFen', direction: 'desc' });
  const [page, setPage] = useState(1);
  const diff = result.total.simulatedFen - result.total.paidFen;
  const key = sort.columnAccessor as keyof PersonResult;
  const sign = sort.direction === 'asc' ? 1 : -1;
  const people: PersonResult[] = result.people
    .map((p) => ({ ...p, diffFen: p.simulatedFen - p.paidFen }))
    .sort(
      (a, b) =>
        sign *
        (typeof a[key] === 'number'
          ? (a[key] as number) - (b[key] as number)
          : String(a[key]).localeCompare(String(b[key]), 'zh-CN')),
    );
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {result.year} 年度测算结果：实际报销 {yuan(result.total.paidFen)}，按测算政策 {yuan(result.total.simulatedFen)}
        ，{diff >= 0 ? '增加' : '减少'} {yuan(Math.abs(diff))}
      </Title>
      <DataTable<PersonResult>
        records={people.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
        idAccessor="personId"
        striped
        totalRecords={people.length}
        recordsPerPage={PAGE_SIZE}
        page={page}
        onPageChange={setPage}
        sortStatus={sort}
        onSortStatusChange={(s) => {
          setSort(s);
          setPage(1);
        }}
        onRowOpen={(p) => navigate('/claims/statement', { person: String(p.personId), year: String(result.year) })}
        rowLabel={(p) => `${p.name}，差额 ${yuan(p.diffFen)}`}
        columns={[
          { accessor: 'name', title: '姓名', sortable: true },
          { accessor: 'category', title: '人员类别', sortable: true },
          {
            accessor: 'paidFen',
            title: '实际报销',
            textAlign: 'right',
            sortable: true,
            render: (p) => yuan(p.paidFen),
          },
          {
            accessor: 'simulatedFen',
            title: '测算',
            textAlign: 'right',
            sortable: true,
            render: (p) => yuan(p.simulatedFen),
          },
          { accessor: 'diffFen', title: '差额', textAlign: 'right', sortable: true, render: (p) => yuan(p.diffFen) },
        ]}
      />
    </Paper>
  );
}
