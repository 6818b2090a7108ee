// A person's visits and care actions in time order, recording a new one, and the death
// registration with the office's checklist.
import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import type { AdjustmentRowView, Certification, PersonActivities, DeathFile, LetterLogEntry, PersonFile, Petition, Visit } from '../../../../src-main/api/contract';
import { ADDRESS_FORMS, LETTER_KINDS, type LetterKind } from '../../../../src-main/shared/letters';
import { navigate } from '../../../route';
import { CERTIFICATION_METHODS, PAID_DEATH_TASKS, VISIT_KINDS, type DeathTask } from '../../../../src-main/shared/care';
import { todayIso } from '../../../../src-main/shared/dates';
import { formatYuan } from '../../../../src-main/shared/money';
import { call } from '../../../api';
import { failed } from '../../../notify';
import { DateField } from '../../../kit/DateField';


export function VisitsTab({ person, onChanged }: { person: PersonFile; onChanged: () => void }) {
  const [visits, setVisits] = useState<Visit[]>([]);
  const [death, setDeath] = useState<DeathFile | null>(null);
  const [adding, setAdding] = useState(false);
  const [registering, setRegistering] = useState(false);
  const [letters, setLetters] = useState<LetterLogEntry[]>([]);
  const [petitions, setPetitions] = useState<Petition[]>([]);
  const [certs, setCerts] = useState<Certification[]>([]);
  const [adjustments, setAdjustments] = useState<(AdjustmentRowView & { year: number })[]>([]);
  const [activities, setActivities] = useState<PersonActivities>({ activities: [], materials: [] });
  const [addressForm, setAddressForm] = useState<string | null>(null);
  const [cert, setCert] = useState<{ on: string; method: string | null } | null>(null);
  const [letterKind, setLetterKind] = useState<LetterKind>(person.status === '已故' ? 'bereavement' : 'sympathy');
  const load = useCallback(() => {
    call('visits.list', { personId: person.id }).then(setVisits, failed);
    call('letters.log', { personId: person.id }).then(setLetters, failed);
    call('petitions.list', { personId: person.id }).then(setPetitions, failed);
    call('certifications.list', { personId: person.id }).then(setCerts, failed);
    call('adjustments.ofPerson', { personId: person.id }).then(setAdjustments, failed);
    call('activities.ofPerson', { personId: person.id }).then(setActivities, failed);
    call('letters.addressForm', { personId: person.id }).then((r) => setAddressForm(r.form), failed);
    call('deaths.get', { personId: person.id }).then((d) => setDeath(d.death), failed);
  }, [person.id]);
  useEffect(load, [load]);

  return (
    <Stack>
      {death && <DeathPanel death={death} onChanged={setDeath} />}
      <Group>
        {person.status === '在册' && <Button onClick={() => setAdding(true)}>记录走访慰问</Button>}
        <Select
          aria-label="信函"
          w={150}
          data={Object.entries(LETTER_KINDS).map(([value, label]) => ({ value, label }))}
          value={letterKind}
          onChange={(v) => setLetterKind((v as LetterKind) ?? 'sympathy')}
        />
        <Button variant="light" onClick={() => navigate('/print/letters', { kind: letterKind, people: String(person.id) })}>
          打印信函
        </Button>
        <Select
          aria-label="称呼"
          w={200}
          placeholder="信函称呼：按模板"
          clearable
          data={[...ADDRESS_FORMS]}
          value={addressForm}
          onChange={(v) =>
            call('letters.setAddressForm', { personId: person.id, form: (v as (typeof ADDRESS_FORMS)[number]) ?? null }).then(() => {
              setAddressForm(v);
              notifications.show({ color: 'green', message: v ? `信函中称其为“${v}”` : '信函称呼按模板' });
            }, failed)
          }
        />
        {person.status !== '已故' && !death && (
          <Button variant="light" color="gray" onClick={() => setRegistering(true)}>
            病故登记
          </Button>
        )}
      </Group>
      {visits.length === 0 ? (
        <Text c="dimmed">还没有走访慰问记录。</Text>
      ) : (
        <Table withTableBorder verticalSpacing="sm" fz="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>日期</Table.Th>
              <Table.Th>类别</Table.Th>
              <Table.Th>走访人</Table.Th>
              <Table.Th>慰问金、物品</Table.Th>
              <Table.Th>情况</Table.Th>
              <Table.Th>回访</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visits.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{v.date}</Table.Td>
                <Table.Td>{v.kind}</Table.Td>
                <Table.Td>{v.visitors}</Table.Td>
                <Table.Td>{[v.moneyFen ? `${formatYuan(v.moneyFen)} 元` : '', v.items ?? ''].filter(Boolean).join('，') || '—'}</Table.Td>
                <Table.Td>{v.note}</Table.Td>
                <Table.Td>
                  {v.followUpOn &&
                    (v.followUpDoneAt ? (
                      <Text size="sm">已回访（{v.followUpDoneAt.slice(0, 10)}）</Text>
                    ) : (
                      <Group gap="xs">
                        <Badge color={v.followUpOn < todayIso() ? 'red' : 'blue'} variant="light">
                          {v.followUpOn}
                        </Badge>
                        <Button size="compact-sm" variant="subtle" onClick={() => call('visits.followUpDone', { id: v.id }).then(load, failed)}>
                          已回访
                        </Button>
                      </Group>
                    ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={5}>养老金领取资格认证</Title>
          {person.status === '在册' && (
            <Button size="compact-sm" variant="light" onClick={() => setCert({ on: todayIso(), method: null })}>
              记录认证
            </Button>
          )}
        </Group>
        {certs.length === 0 ? (
          <Text size="sm" c="dimmed">
            尚无认证记录。
          </Text>
        ) : (
          certs.map((c) => (
            <Text key={c.id} size="sm">
              {c.year} 年度：{c.certifiedOn}，{c.method}（{c.createdBy}）
            </Text>
          ))
        )}
      </Paper>
      {(activities.activities.length > 0 || activities.materials.length > 0) && (
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            活动与学习
          </Title>
          {activities.activities.map((a) => (
            <Text key={`a${a.id}`} size="sm">
              {a.heldOn} {a.kind}“{a.title}”：{a.attended ? '到会' : a.invited ? '受邀未到会' : '—'}
            </Text>
          ))}
          {activities.materials.map((m) => (
            <Text key={`m${m.id}`} size="sm">
              {m.receivedOn} 学习资料《{m.title}》：{m.how}
            </Text>
          ))}
        </Paper>
      )}
      {adjustments.length > 0 && (
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            基本养老金调整核对
          </Title>
          {adjustments.map((a) => (
            <Text key={a.id} size="sm">
              {a.year} 年：调整前 {a.oldFen === null ? '—' : formatYuan(a.oldFen)} 元，经办机构调整额 {a.agencyFen === null ? '—' : formatYuan(a.agencyFen)} 元，应调{' '}
              {a.expectedFen === null ? '无法计算' : `${formatYuan(a.expectedFen)} 元`}；{a.checkedOn ? `${a.checkedOn} 由${a.checkedBy}核对${a.checkNote ? `：${a.checkNote}` : ''}` : '尚未核对'}
            </Text>
          ))}
        </Paper>
      )}
      <Modal opened={cert !== null} onClose={() => setCert(null)} title="记录资格认证">
        {cert && (
          <Stack>
            <DateField label="认证日期" value={cert.on} onChange={(v) => setCert({ ...cert, on: v ?? '' })} />
            <Select label="认证方式" data={[...CERTIFICATION_METHODS]} value={cert.method} onChange={(m) => setCert({ ...cert, method: m })} />
            <Group justify="flex-end">
              <Button
                onClick={() =>
                  call('certifications.create', { personId: person.id, certifiedOn: cert.on, method: cert.method as (typeof CERTIFICATION_METHODS)[number], note: null }).then(
                    () => (setCert(null), load()),
                    failed,
                  )
                }
              >
                保存
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      {petitions.length > 0 && (
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            信访记录
          </Title>
          {petitions.map((p) => (
            <Text key={p.id} size="sm" style={{ cursor: 'pointer' }} c="blue.8" onClick={() => navigate(`/petitions/${p.id}`)}>
              {p.receivedOn}　{p.channel}　{p.subject}（{p.status}）
            </Text>
          ))}
        </Paper>
      )}
      {letters.length > 0 && (
        <Paper withBorder p="md">
          <Title order={5} mb="xs">
            信函记录
          </Title>
          {letters.map((l, i) => (
            <Text key={i} size="sm">
              {l.printedAt.replace('T', ' ')}　{l.title}{l.batch ? `（${l.batch}）` : ''}　{l.printedBy} 打印
            </Text>
          ))}
        </Paper>
      )}
      <VisitForm opened={adding} personId={person.id} onClose={() => setAdding(false)} onSaved={() => (setAdding(false), load())} />
      <DeathForm opened={registering} person={person} onClose={() => setRegistering(false)} onSaved={(d) => (setRegistering(false), setDeath(d), onChanged())} />
    </Stack>
  );
}

function VisitForm({ opened, personId, onClose, onSaved }: { opened: boolean; personId: number; onClose: () => void; onSaved: () => void }) {
  const blank = { kind: null as string | null, date: todayIso(), visitors: '', money: '', items: '', note: '', followUpOn: '', certify: false };
  const [v, setV] = useState(blank);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (opened) (setV(blank), setError(null));
  }, [opened]);
  const save = async () => {
    try {
      await call('visits.create', {
        personId,
        kind: v.kind as Visit['kind'],
        date: v.date,
        visitors: v.visitors || null,
        money: v.money || null,
        items: v.items || null,
        note: v.note || null,
        followUpOn: v.followUpOn || null,
        certify: v.certify,
      });
      onSaved();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="记录走访慰问" size="lg">
      <Stack>
        <SimpleGrid cols={2}>
          <Select label="类别" data={[...VISIT_KINDS]} value={v.kind} onChange={(k) => setV({ ...v, kind: k })} />
          <DateField label="日期" value={v.date} onChange={(d) => setV({ ...v, date: d ?? '' })} />
          <TextInput label="走访人（工作人员、组长）" value={v.visitors} onChange={(e) => setV({ ...v, visitors: e.currentTarget.value })} />
          <TextInput label="慰问金（元）" value={v.money} onChange={(e) => setV({ ...v, money: e.currentTarget.value })} />
          <TextInput label="慰问品" value={v.items} onChange={(e) => setV({ ...v, items: e.currentTarget.value })} />
          <DateField label="回访日期（可不填）" value={v.followUpOn} onChange={(d) => setV({ ...v, followUpOn: d ?? '' })} placeholder="如 2026-12-15" />
        </SimpleGrid>
        <Textarea label="情况记录" autosize minRows={3} value={v.note} onChange={(e) => setV({ ...v, note: e.currentTarget.value })} />
        <Checkbox label="本次走访同时完成本年度养老金领取资格认证" checked={v.certify} onChange={(e) => setV({ ...v, certify: e.currentTarget.checked })} />
        {error && <Text c="red.8">{error}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button onClick={save}>保存</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DeathForm({ opened, person, onClose, onSaved }: { opened: boolean; person: PersonFile; onClose: () => void; onSaved: (d: DeathFile) => void }) {
  const [diedOn, setDiedOn] = useState('');
  const [reportedBy, setReportedBy] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      onSaved(await call('deaths.register', { personId: person.id, diedOn, reportedBy: reportedBy || null, note: note || null }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`病故登记：${person.name}`}>
      <Stack>
        <Text size="sm">登记后，档案状态改为“已故”，不再出现在生日提醒、节日慰问和邮寄名单中；办公室的后续事项列为清单逐项办理。</Text>
        <DateField label="去世日期" placeholder="如 2026-11-20" value={diedOn} onChange={(d) => setDiedOn(d ?? '')} />
        <TextInput label="报告人" placeholder="如 其子刘强" value={reportedBy} onChange={(e) => setReportedBy(e.currentTarget.value)} />
        <Textarea label="备注" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {error && <Text c="red.8">{error}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button color="dark" onClick={save} disabled={!diedOn.trim()}>
            确认登记
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DeathPanel({ death, onChanged }: { death: DeathFile; onChanged: (d: DeathFile) => void }) {
  const [doing, setDoing] = useState<DeathTask | null>(null);
  const [doneOn, setDoneOn] = useState(todayIso());
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const done = death.tasks.filter((t) => t.doneOn).length;
  const save = async () => {
    try {
      onChanged(await call('deaths.task', { personId: death.personId, task: doing!, doneOn, amount: amount || null, note: note || null }));
      setDoing(null);
      setAmount('');
      setNote('');
    } catch (e) {
      failed(e);
    }
  };
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>病故后续事项</Title>
        <Text c="dimmed" size="sm">
          {death.diedOn} 去世{death.reportedBy ? `，${death.reportedBy}报告` : ''}；{death.registeredBy} 于 {death.registeredAt.slice(0, 10)} 登记
        </Text>
      </Group>
      {done === death.tasks.length && <Alert color="teal" mb="sm">各项已办理完毕。</Alert>}
      <Table verticalSpacing="xs" fz="md">
        <Table.Tbody>
          {death.tasks.map((t) => (
            <Table.Tr key={t.task}>
              <Table.Td w={140}>{t.task}</Table.Td>
              <Table.Td>
                {t.doneOn ? (
                  <Text>
                    已办理：{t.doneOn}，{t.doneBy}
                    {t.amountFen !== null ? `，${formatYuan(t.amountFen)} 元` : ''}
                    {t.note ? `（${t.note}）` : ''}
                  </Text>
                ) : (
                  <Button size="compact-sm" variant="light" onClick={() => setDoing(t.task)}>
                    办理
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={doing !== null} onClose={() => setDoing(null)} title={`办理：${doing ?? ''}`}>
        <Stack>
          <DateField label="办理日期" value={doneOn} onChange={(d) => setDoneOn(d ?? '')} />
          {doing && PAID_DEATH_TASKS.includes(doing) && <TextInput label="金额（元）" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} />}
          <TextInput label="备注" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button onClick={save}>确认</Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
