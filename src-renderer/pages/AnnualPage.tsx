// 年度工作: the two tasks that come every year for everyone. The pension adjustment check (调资核对):
// the year's rule, the agency's list imported and matched, the differences with both figures, each
// person checked off, notices printed, differences exported. The eligibility certification
// (资格认证): who is due this year and who is overdue.
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  FileButton,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconDownload, IconPlus, IconPrinter, IconRefresh, IconTrash, IconUpload } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { AdjustmentRowView, AdjustmentRunView, CertificationLists, InputOf } from '../../src-main/api/contract';
import { emptyRule, type AdjustmentRule } from '../../src-main/shared/adjustment';
import { bpText, formatYuan, parseYuan, percentToBp } from '../../src-main/shared/money';
import { CATEGORIES } from '../../src-main/shared/person';
import { call } from '../api';
import { download, fileToBase64 } from '../files';
import { done, failed } from '../notify';
import { navigate } from '../route';
import { DateField } from '../kit/DateField';

const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : formatYuan(fen));
const yuanText = (fen: number) => formatYuan(fen).replace(/,/g, '');

export function AnnualPage({ tab, params }: { tab: string | undefined; params: URLSearchParams }) {
  const [year, setYear] = useState(Number(params.get('year')) || new Date().getFullYear());
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>年度工作</Title>
        <NumberInput aria-label="年度" w={140} min={2000} max={2200} value={year} onChange={(v) => typeof v === 'number' && v >= 2000 && setYear(v)} suffix=" 年" />
      </Group>
      <Tabs value={tab === 'certify' ? 'certify' : 'adjust'} onChange={(t) => navigate(`/annual/${t}`, { year: String(year) })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="adjust">调资核对</Tabs.Tab>
          <Tabs.Tab value="certify">资格认证</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="adjust" pt="md">
          <Adjustments key={year} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="certify" pt="md">
          <Certifications key={year} year={year} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

// --- the rule ------------------------------------------------------------------------------------

interface RuleDraft {
  effectiveFrom: string;
  retiredBy: string;
  ageOn: string;
  categories: string[];
  fixed: string;
  perYear: string;
  percent: string;
  bands: { fromAge: number; amount: string }[];
  stepFrom: number | '';
  stepAmount: string;
  remote: string;
  note: string;
}

function draftOf(r: AdjustmentRule): RuleDraft {
  return {
    effectiveFrom: r.effectiveFrom,
    retiredBy: r.retiredBy,
    ageOn: r.ageOn,
    categories: r.categories,
    fixed: yuanText(r.fixedFen),
    perYear: yuanText(r.perYearFen),
    percent: bpText(r.percentBp),
    bands: r.ageBands.map((b) => ({ fromAge: b.fromAge, amount: yuanText(b.fen) })),
    stepFrom: r.ageStep?.fromAge ?? '',
    stepAmount: r.ageStep ? yuanText(r.ageStep.fenPerYear) : '',
    remote: yuanText(r.remoteFen),
    note: r.note ?? '',
  };
}

/** The rule the draft describes, or what is wrong with it in words. */
function ruleOf(year: number, d: RuleDraft): InputOf<'adjustments.saveRule'>['rule'] | string {
  const fen = (what: string, text: string) => {
    try {
      return parseYuan(text.trim() || '0');
    } catch (e) {
      throw new Error(`${what}：${(e as Error).message}`);
    }
  };
  try {
    const percentBp = percentToBp(d.percent || '0');
    if (percentBp === null) return '挂钩比例应为 0 到 100 之间的百分数，最多两位小数';
    const step = d.stepFrom === '' ? null : { fromAge: d.stepFrom, fenPerYear: fen('每增一岁增加', d.stepAmount) };
    return {
      year,
      effectiveFrom: d.effectiveFrom,
      retiredBy: d.retiredBy,
      ageOn: d.ageOn,
      categories: d.categories as AdjustmentRule['categories'],
      fixedFen: fen('定额调整', d.fixed),
      perYearFen: fen('每满一年缴费年限', d.perYear),
      percentBp,
      ageBands: d.bands.map((b) => ({ fromAge: b.fromAge, fen: fen(`${b.fromAge} 周岁以上`, b.amount) })),
      ageStep: step,
      remoteFen: fen('艰苦边远地区', d.remote),
      note: d.note,
    };
  } catch (e) {
    return (e as Error).message;
  }
}

function RuleEditor({ year, rule, onSaved }: { year: number; rule: AdjustmentRule | null; onSaved: (r: AdjustmentRule) => void }) {
  const [d, setD] = useState<RuleDraft>(() => draftOf(rule ?? emptyRule(year)));
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<RuleDraft>) => setD((x) => ({ ...x, ...patch }));
  const save = async () => {
    const r = ruleOf(year, d);
    if (typeof r === 'string') return failed(new Error(r));
    setBusy(true);
    try {
      onSaved(await call('adjustments.saveRule', { rule: r, loaded: rule }));
      done(`${year} 年调资规则已保存`);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, lg: 4 }}>
        <DateField label="执行时间" value={d.effectiveFrom} onChange={(v) => set({ effectiveFrom: v ?? '' })} />
        <DateField label="退休截止日期" description="此日以后退休的不参加调整" value={d.retiredBy} onChange={(v) => set({ retiredBy: v ?? '' })} />
        <DateField label="年龄计算截至" value={d.ageOn} onChange={(v) => set({ ageOn: v ?? '' })} />
        <Checkbox.Group label="调整范围" value={d.categories} onChange={(v) => set({ categories: v })}>
          <Group mt={8}>
            {CATEGORIES.map((c) => (
              <Checkbox key={c} value={c} label={c} />
            ))}
          </Group>
        </Checkbox.Group>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, lg: 4 }}>
        <TextInput label="定额调整（元/月）" value={d.fixed} onChange={(e) => set({ fixed: e.currentTarget.value })} />
        <TextInput label="挂钩：每满一年缴费年限（元）" value={d.perYear} onChange={(e) => set({ perYear: e.currentTarget.value })} />
        <TextInput label="挂钩：本人基本养老金的（%）" value={d.percent} onChange={(e) => set({ percent: e.currentTarget.value })} />
        <TextInput label="艰苦边远地区（元/月）" value={d.remote} onChange={(e) => set({ remote: e.currentTarget.value })} />
      </SimpleGrid>
      <Text size="sm" fw={500}>
        倾斜调整（高龄）：按年满的最高年龄段计发
      </Text>
      {d.bands.map((b, i) => (
        <Group key={i} gap="xs">
          <Text size="sm">年满</Text>
          <NumberInput aria-label="起始年龄" w={90} min={50} max={120} value={b.fromAge} onChange={(v) => set({ bands: d.bands.map((x, j) => (j === i ? { ...x, fromAge: Number(v) || 0 } : x)) })} />
          <Text size="sm">周岁，每月增加</Text>
          <TextInput aria-label="增加金额" w={110} value={b.amount} onChange={(e) => set({ bands: d.bands.map((x, j) => (j === i ? { ...x, amount: e.currentTarget.value } : x)) })} />
          <Text size="sm">元</Text>
          <ActionIcon variant="subtle" color="red" aria-label="删除年龄段" onClick={() => set({ bands: d.bands.filter((_, j) => j !== i) })}>
            <IconTrash size={18} />
          </ActionIcon>
        </Group>
      ))}
      <Group gap="xs">
        <Button variant="default" size="xs" leftSection={<IconPlus size={14} />} onClick={() => set({ bands: [...d.bands, { fromAge: (d.bands.at(-1)?.fromAge ?? 65) + 5, amount: '' }] })}>
          增加年龄段
        </Button>
        <Text size="sm" ml="lg">
          此后：年满
        </Text>
        <NumberInput aria-label="每增一岁起算年龄" w={90} min={50} max={120} placeholder="不设" value={d.stepFrom} onChange={(v) => set({ stepFrom: typeof v === 'number' ? v : '' })} />
        <Text size="sm">周岁后每增加一岁再增加</Text>
        <TextInput aria-label="每增一岁增加" w={100} value={d.stepAmount} onChange={(e) => set({ stepAmount: e.currentTarget.value })} />
        <Text size="sm">元</Text>
      </Group>
      <Textarea label="依据文件及说明" autosize minRows={1} value={d.note} onChange={(e) => set({ note: e.currentTarget.value })} />
      <Group>
        <Button onClick={save} loading={busy}>
          保存调资规则
        </Button>
      </Group>
    </Stack>
  );
}

// --- the check ------------------------------------------------------------------------------------

const FILTERS = [
  { value: 'differs', label: '金额不一致' },
  { value: 'noExpected', label: '无法计算' },
  { value: 'unmatched', label: '档案中无此人' },
  { value: 'rejected', label: '无法读取' },
  { value: 'unchecked', label: '未核对' },
  { value: 'checked', label: '已核对' },
  { value: 'all', label: '全部' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];

function Adjustments({ year }: { year: number }) {
  const [rule, setRule] = useState<AdjustmentRule | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [runs, setRuns] = useState<AdjustmentRunView[]>([]);
  const [busy, setBusy] = useState(false);
  const loadRuns = useCallback(() => call('adjustments.runs', { year }).then(setRuns, failed), [year]);
  useEffect(() => {
    call('adjustments.rule', { year }).then((r) => setRule(r.rule), failed);
    loadRuns();
  }, [year, loadRuns]);

  const upload = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    try {
      const run = await call('adjustments.import', { year, fileName: file.name, dataBase64: await fileToBase64(file) });
      done(`已导入 ${run.counts.dataRows} 行：对应 ${run.counts.matched} 人，金额不一致 ${run.counts.differs} 人，档案中无此人 ${run.counts.unmatched} 行`);
      await loadRuns();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  if (rule === undefined) return null;
  const run = runs[0];
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group justify="space-between" mb={editing || !rule ? 'sm' : 0}>
          <Title order={4}>{year} 年调资规则</Title>
          {rule && !editing && (
            <Button variant="default" onClick={() => setEditing(true)}>
              修改规则
            </Button>
          )}
        </Group>
        {rule && !editing ? (
          <RuleSummary rule={rule} />
        ) : (
          <>
            {!rule && (
              <Text c="dimmed" size="sm" mb="sm">
                尚未填写。请按上级调整基本养老金的通知填写，保存后再导入社保经办机构的调资名单。
              </Text>
            )}
            <RuleEditor
              year={year}
              rule={rule}
              onSaved={(r) => {
                setRule(r);
                setEditing(false);
              }}
            />
          </>
        )}
      </Paper>
      <Group>
        <FileButton onChange={upload} accept=".xlsx,.xls,.csv">
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={18} />} loading={busy} disabled={!rule}>
              导入调资名单
            </Button>
          )}
        </FileButton>
        <Text size="sm" c="dimmed">
          社保经办机构的名单（身份证号、姓名、调整前后养老金或调整额），按身份证号与档案对应。
        </Text>
      </Group>
      {run ? <RunView key={run.id} run={run} onChanged={loadRuns} older={runs.length - 1} /> : null}
    </Stack>
  );
}

function RuleSummary({ rule }: { rule: AdjustmentRule }) {
  const parts = [
    `定额 ${yuan(rule.fixedFen)} 元`,
    `挂钩 每满一年缴费年限 ${yuan(rule.perYearFen)} 元、本人基本养老金的 ${bpText(rule.percentBp)}%`,
    rule.ageBands.length || rule.ageStep
      ? `倾斜 ${[...rule.ageBands.map((b) => `年满 ${b.fromAge} 周岁 ${yuan(b.fen)} 元`), rule.ageStep ? `${rule.ageStep.fromAge} 周岁后每增一岁 ${yuan(rule.ageStep.fenPerYear)} 元` : ''].filter(Boolean).join('，')}`
      : '无倾斜调整',
    `艰苦边远地区 ${yuan(rule.remoteFen)} 元`,
  ];
  return (
    <Stack gap={4}>
      <Text>{parts.join('；')}。</Text>
      <Text size="sm" c="dimmed">
        自 {rule.effectiveFrom} 起执行；{rule.retiredBy} 前已退休的{rule.categories.join('、')}人员；年龄计算至 {rule.ageOn}。{rule.note ?? ''}
      </Text>
    </Stack>
  );
}

function RunView({ run, onChanged, older }: { run: AdjustmentRunView; onChanged: () => void; older: number }) {
  const [filter, setFilter] = useState<Filter>(run.counts.differs ? 'differs' : 'unchecked');
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<{ total: number; rows: AdjustmentRowView[] }>({ total: 0, rows: [] });
  const [checking, setChecking] = useState<AdjustmentRowView | null>(null);
  const [unchecking, setUnchecking] = useState<AdjustmentRowView | null>(null);
  const [reason, setReason] = useState('');
  const load = useCallback(() => call('adjustments.rows', { runId: run.id, filter, page }).then(setRows, failed), [run.id, filter, page]);
  useEffect(() => {
    load();
  }, [load]);
  const c = run.counts;
  const changed = () => {
    load();
    onChanged();
  };
  const act = (p: Promise<unknown>, message: string) => p.then(() => (done(message), changed()), failed);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={4}>{run.fileName}</Title>
            <Text size="sm" c="dimmed">
              {run.importedAt.replace('T', ' ')} 由{run.importedBy}导入{older > 0 ? `（本年度另有 ${older} 次较早的导入）` : ''}
            </Text>
          </div>
          <Group>
            <Button variant="default" leftSection={<IconRefresh size={18} />} onClick={() => act(call('adjustments.recompute', { runId: run.id }), '已按现行规则重新计算未核对的人员')}>
              按现行规则重新计算
            </Button>
            <Button
              variant="default"
              leftSection={<IconDownload size={18} />}
              onClick={() => call('adjustments.exportDiffs', { runId: run.id }).then((f) => download(f.fileName, f.dataBase64), failed)}
            >
              导出差异名单
            </Button>
            <Button leftSection={<IconPrinter size={18} />} onClick={() => navigate('/print/adjustments', { run: String(run.id) })}>
              打印调资通知单
            </Button>
          </Group>
        </Group>
        <Text>
          名单共 {c.dataRows} 行（另有空行、合计行等 {c.skipped} 行未计入）：已与档案对应 {c.matched} 人，档案中无此人 {c.unmatched} 行，无法读取 {c.rejected} 行；金额不一致{' '}
          <b>{c.differs}</b> 人，无法计算 {c.noExpected} 人；已核对 {c.checked} 人。
        </Text>
        <SegmentedControl
          data={FILTERS.map((f) => ({ value: f.value, label: f.label }))}
          value={filter}
          onChange={(v) => {
            setFilter(v as Filter);
            setPage(1);
          }}
        />
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>行号</Table.Th>
              <Table.Th>姓名</Table.Th>
              <Table.Th>身份证号</Table.Th>
              <Table.Th ta="right">调整前</Table.Th>
              <Table.Th ta="right">经办机构调整额</Table.Th>
              <Table.Th ta="right">应调金额</Table.Th>
              <Table.Th ta="right">差额</Table.Th>
              <Table.Th>问题</Table.Th>
              <Table.Th>核对</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.row}</Table.Td>
                <Table.Td>
                  {r.personId ? (
                    <Text component="a" href={`#/people/${r.personId}`} c="blue">
                      {r.name ?? '（无姓名）'}
                    </Text>
                  ) : (
                    r.name ?? '—'
                  )}
                </Table.Td>
                <Table.Td ff="monospace">{r.idNumber ?? r.raw['身份证号'] ?? '—'}</Table.Td>
                <Table.Td ta="right">{yuan(r.oldFen)}</Table.Td>
                <Table.Td ta="right">{yuan(r.agencyFen)}</Table.Td>
                <Table.Td ta="right">{yuan(r.expectedFen)}</Table.Td>
                <Table.Td ta="right" c={r.diffFen ? 'red' : undefined} fw={r.diffFen ? 700 : undefined}>
                  {r.diffFen === null ? '—' : yuan(r.diffFen)}
                </Table.Td>
                <Table.Td maw={320}>
                  <Text size="sm">{r.issues.map((i) => i.message).join('；')}</Text>
                </Table.Td>
                <Table.Td>
                  {r.checkedOn ? (
                    <Stack gap={0} align="flex-start">
                      <Badge color="teal" variant="light">
                        {r.checkedOn} {r.checkedBy}
                      </Badge>
                      {r.checkNote && <Text size="xs">{r.checkNote}</Text>}
                      <Button size="compact-xs" variant="subtle" color="gray" onClick={() => (setReason(''), setUnchecking(r))}>
                        撤销核对
                      </Button>
                    </Stack>
                  ) : (
                    <Button size="xs" variant="light" onClick={() => setChecking(r)}>
                      核对
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {rows.total === 0 && <Text c="dimmed">没有符合条件的记录。</Text>}
        {rows.total > 50 && (
          <Group>
            <Button variant="default" size="xs" disabled={page === 1} onClick={() => setPage(page - 1)}>
              上一页
            </Button>
            <Text size="sm">
              第 {page} 页，共 {Math.ceil(rows.total / 50)} 页（{rows.total} 行）
            </Text>
            <Button variant="default" size="xs" disabled={page * 50 >= rows.total} onClick={() => setPage(page + 1)}>
              下一页
            </Button>
          </Group>
        )}
      </Stack>
      {checking && <CheckModal row={checking} onClose={() => setChecking(null)} onDone={() => (setChecking(null), changed())} />}
      <Modal opened={unchecking !== null} onClose={() => setUnchecking(null)} title={`撤销核对：${unchecking?.name ?? ''}`}>
        <Stack>
          <Textarea label="撤销原因" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setUnchecking(null)}>
              取消
            </Button>
            <Button
              color="red"
              onClick={() =>
                unchecking &&
                call('adjustments.uncheck', { id: unchecking.id, reason }).then(() => (setUnchecking(null), done('已撤销核对'), changed()), failed)
              }
            >
              撤销
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function CheckModal({ row, onClose, onDone }: { row: AdjustmentRowView; onClose: () => void; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await call('adjustments.check', { id: row.id, note });
      done(`${row.name ?? '此人'}已核对`);
      onDone();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`核对：${row.name ?? row.idNumber ?? `第 ${row.row} 行`}`} size="lg">
      <Stack gap="sm">
        <SimpleGrid cols={3}>
          <Text>调整前：{yuan(row.oldFen)} 元</Text>
          <Text>经办机构调整额：{yuan(row.agencyFen)} 元</Text>
          <Text>应调金额：{yuan(row.expectedFen)} 元</Text>
        </SimpleGrid>
        {row.breakdown.length > 0 && (
          <Alert color="gray" title="按本年度规则计算">
            {row.breakdown.map((l) => (
              <Text key={l} size="sm">
                {l}
              </Text>
            ))}
          </Alert>
        )}
        {row.issues.length > 0 && (
          <Alert color="orange" title="问题">
            {row.issues.map((i) => (
              <Text key={i.message} size="sm">
                {i.message}
              </Text>
            ))}
          </Alert>
        )}
        <Textarea
          label="核对备注"
          description={row.diffFen ? '金额不一致，请写明与社保经办机构核实及处理的情况' : '可不填'}
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button onClick={submit} loading={busy}>
            确认已核对
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// --- certification -------------------------------------------------------------------------------

function Certifications({ year }: { year: number }) {
  const [lists, setLists] = useState<CertificationLists | null>(null);
  useEffect(() => {
    call('certifications.lists', { year }).then(setLists, failed);
  }, [year]);
  if (!lists) return null;
  const overdue = new Set(lists.overdue.map((o) => o.personId));
  return (
    <Stack gap="sm">
      <Text>
        {year} 年度尚未认证 <b>{lists.due.length}</b> 人，其中超过 12 个月未认证 <b>{lists.overdue.length}</b> 人。认证在人员档案的“走访慰问”页登记；已故人员不在名单中。
      </Text>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>姓名</Table.Th>
            <Table.Th>上次认证</Table.Th>
            <Table.Th>情况</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lists.due.slice(0, 500).map((d) => (
            <Table.Tr key={d.personId}>
              <Table.Td>
                <Text component="a" href={`#/people/${d.personId}`} c="blue">
                  {d.name}
                </Text>
              </Table.Td>
              <Table.Td>{d.lastCertified ?? '从未认证'}</Table.Td>
              <Table.Td>{overdue.has(d.personId) ? <Badge color="red">已超期</Badge> : <Badge color="gray">本年度待认证</Badge>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {lists.due.length > 500 && <Text c="dimmed">仅显示前 500 人。</Text>}
    </Stack>
  );
}
