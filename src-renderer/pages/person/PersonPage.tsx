import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { IdCheckResult, InputOf, OrgUnit, PersonFile } from '../../../src-main/api/contract';
import { formatAge, personAge } from '../../../src-main/shared/dates';
import {
  CATEGORIES,
  DISABILITY_LEVELS,
  GENDERS,
  HEALTH_CHOICES,
  LIVING_ARRANGEMENTS,
  POLITICAL_STATUSES,
  STAFF_TYPES,
  STATUSES,
} from '../../../src-main/shared/person';
import { ApiError, call } from '../../api';
import { AttachmentsTab } from '../../components/AttachmentsTab';
import { VisitsTab } from './timeline/PersonTimeline';
import { ContactsTab } from './ContactsTab';
import { PhonesField, Section } from './fields';
import { DateField } from '../../kit/DateField';
import { HistoryTab } from './HistoryTab';
import { navigate } from '../../route';
import { editOf, isDirty, rebase } from '../../kit/edit';
import { useLeaveGuard } from '../../kit/leaveGuard';
import { SaveBar } from '../../kit/SaveBar';

export type PersonDraft = InputOf<'retirees.create'>['person'];

const EMPTY: PersonDraft = {
  name: '',
  gender: null,
  ethnicity: '汉族',
  category: '退休',
  status: '在册',
  phones: [{ label: '手机', number: '' }],
  contacts: [],
};

function draftOf(p: PersonFile): PersonDraft {
  const { id: _i, version: _v, age: _a, attachments: _at, unitNames: _u, createdAt: _c, updatedAt: _up, idFrom15: _f, ...rest } = p;
  return rest;
}

/** Phones left empty in the form are not saved (an empty row is only a place to type). */
function cleaned(d: PersonDraft): PersonDraft {
  const phones = (ps: PersonDraft['phones']) => (ps ?? []).filter((p) => p.number.trim() !== '');
  return { ...d, phones: phones(d.phones), contacts: (d.contacts ?? []).map((c) => ({ ...c, phones: phones(c.phones) })) };
}

function IdNumberField({ draft, setDraft, personId }: { draft: PersonDraft; setDraft: (p: Partial<PersonDraft>) => void; personId: number | null }) {
  const [check, setCheck] = useState<IdCheckResult | null>(null);
  const [id] = useDebouncedValue(draft.idNumber ?? '', 300);
  const { birthDate, gender } = draft;
  useEffect(() => {
    const digits = id.replace(/\s/g, '');
    if (digits.length < 15) {
      setCheck(null);
      return;
    }
    call('retirees.checkId', { idNumber: id, birthDate, gender, excludeId: personId }).then((r) => {
      setCheck(r);
      // Typing a number fills birth date and gender where they are still empty.
      const fill: Partial<PersonDraft> = {};
      if (r.birthDate && !birthDate) fill.birthDate = r.birthDate;
      if (r.gender && !gender) fill.gender = r.gender as PersonDraft['gender'];
      if (Object.keys(fill).length) setDraft(fill);
    });
    // setDraft is a fresh function each render; the check depends only on what was typed.
  }, [id, birthDate, gender, personId]);
  let description: React.ReactNode = '18 位，末位可为 X；15 位旧号码保存时自动升级';
  if (check?.ok && check.normalized) {
    description = (
      <Text span c="green.8" size="xs">
        ✓ 校验通过：{check.normalized}
        {check.from15 ? '（由 15 位升级）' : ''}，{check.birthDate} 出生，{check.gender}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <TextInput
        label="身份证号"
        value={draft.idNumber ?? ''}
        onChange={(e) => setDraft({ idNumber: e.currentTarget.value })}
        description={description}
        error={check?.errors.length ? check.errors.join('；') : undefined}
        ff="monospace"
      />
      {check && check.warnings.length > 0 && (
        <Alert color="orange" p="xs" title="请核对">
          {check.warnings.join('；')}
        </Alert>
      )}
    </Stack>
  );
}

export function PersonPage({ id }: { id: number | null }) {
  const [file, setFile] = useState<PersonFile | null>(null);
  const [draft, setDraftState] = useState<PersonDraft>(EMPTY);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [tab, setTab] = useState<string | null>('file');

  useEffect(() => {
    call('org.units', {}).then(setUnits);
    if (id !== null) {
      call('retirees.get', { id }).then(
        (p) => {
          setFile(p);
          setDraftState(draftOf(p));
        },
        (e: Error) => setError({ message: e.message, conflict: false }),
      );
    }
  }, [id]);

  const setDraft = (patch: Partial<PersonDraft>) => setDraftState((d) => ({ ...d, ...patch }));
  const initial = useMemo(() => (file ? draftOf(file) : EMPTY), [file]);
  const dirty = isDirty(cleaned(initial), cleaned(draft));
  /** The file read again under the form (a death registered, an attachment added): edits kept. */
  const fileRef = useRef(file);
  fileRef.current = file;
  const reloaded = (p: PersonFile) => {
    const loadedFrom = fileRef.current;
    setDraftState((d) => (loadedFrom ? rebase(draftOf(loadedFrom), d, draftOf(p)) : draftOf(p)));
    setFile(p);
  };
  const reload = () => (file ? call('retirees.get', { id: file.id }).then(reloaded) : Promise.resolve());

  /** Saves what the user changed; true when saved. */
  const save = async (acceptWarnings = false): Promise<boolean> => {
    setSaving(true);
    setError(null);
    try {
      const saved =
        file === null
          ? await call('retirees.create', { person: cleaned(draft), acceptWarnings })
          : await call('retirees.update', { id: file.id, version: file.version, ...editOf(cleaned(initial), cleaned(draft)), acceptWarnings });
      setConfirm(null);
      setFile(saved);
      setDraftState(draftOf(saved));
      notifications.show({ color: 'green', title: '已保存', message: `${saved.name}的档案已保存` });
      if (file === null) {
        release();
        navigate(`/people/${saved.id}`);
      }
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'needs_confirmation') setConfirm(e.message);
      else setError({ message: (e as Error).message, conflict: e instanceof ApiError && e.code === 'conflict' });
      return false;
    } finally {
      setSaving(false);
    }
  };
  const release = useLeaveGuard(dirty, file ? `${file.name}的档案` : '新建的档案', () => save());

  if (id !== null && !file) return error ? <Alert color="red">{error.message}</Alert> : <Loader />;

  const unitSelect = (label: string, kind: string, field: 'partyBranchId' | 'partyGroupId' | 'adminGroupId' | 'adminSubgroupId', parent?: number | null) => (
    <Select
      label={label}
      clearable
      searchable
      data={units
        .filter((u) => u.kind === kind && (parent === undefined || parent === null || u.parentId === parent))
        .map((u) => ({ value: String(u.id), label: u.name }))}
      value={draft[field] ? String(draft[field]) : null}
      onChange={(v) => setDraft({ [field]: v ? Number(v) : null })}
    />
  );
  const age = formatAge(personAge(draft));

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="sm">
          <Button variant="subtle" leftSection={<IconArrowLeft size={18} />} onClick={() => window.history.back()}>
            返回
          </Button>
          <Title order={2}>{file ? file.name : '新建档案'}</Title>
          {file && (
            <>
              {age && <Text size="lg">{age}</Text>}
              <Badge size="lg" variant="light">
                {file.category}
              </Badge>
              <Badge size="lg" color={file.status === '在册' ? 'green' : file.status === '已故' ? 'dark' : 'gray'} variant="light">
                {file.status}
              </Badge>
            </>
          )}
        </Group>
      </Group>
      {(draft.reviewFlags ?? []).length > 0 && (
        <Alert color="yellow" title="此档案待核实">
          <Stack gap={6}>
            {(draft.reviewFlags ?? []).map((f) => (
              <Group key={f} justify="space-between" wrap="nowrap">
                <Text size="sm">{f}</Text>
                <Button size="compact-sm" variant="white" color="yellow.9" onClick={() => setDraft({ reviewFlags: (draft.reviewFlags ?? []).filter((x) => x !== f) })}>
                  已核实，清除
                </Button>
              </Group>
            ))}
          </Stack>
        </Alert>
      )}
      {error && (
        <Alert color="red" title="未保存" withCloseButton onClose={() => setError(null)}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{error.message}</Text>
            {error.conflict && (
              <Button size="compact-md" variant="white" color="red" onClick={() => reload().then(() => setError(null))}>
                载入最新内容（保留我的修改）
              </Button>
            )}
          </Stack>
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="file">档案信息</Tabs.Tab>
          <Tabs.Tab value="contacts">家属及联系人（{draft.contacts?.length ?? 0}）</Tabs.Tab>
          {file && <Tabs.Tab value="visits">走访慰问</Tabs.Tab>}
          {file && <Tabs.Tab value="attachments">附件（{file.attachments.length}）</Tabs.Tab>}
          {file && <Tabs.Tab value="history">变更记录</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="file" pt="md">
          <Stack gap="md">
            <Section title="基本情况">
              <SimpleGrid cols={{ base: 2, lg: 4 }}>
                <TextInput label="姓名" required value={draft.name} onChange={(e) => setDraft({ name: e.currentTarget.value })} />
                <Select label="性别" data={[...GENDERS]} value={draft.gender ?? null} onChange={(v) => setDraft({ gender: v as PersonDraft['gender'] })} clearable />
                <TextInput label="民族" value={draft.ethnicity ?? ''} onChange={(e) => setDraft({ ethnicity: e.currentTarget.value })} />
                <DateField partial label="出生日期" value={draft.birthDate} onChange={(v) => setDraft({ birthDate: v })} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, lg: 2 }} mt="sm">
                <IdNumberField draft={draft} setDraft={setDraft} personId={file?.id ?? null} />
                <SimpleGrid cols={2}>
                  <Select label="人员类别" required data={[...CATEGORIES]} value={draft.category} onChange={(v) => v && setDraft({ category: v as PersonDraft['category'] })} />
                  <Select label="身份" data={[...STAFF_TYPES]} value={draft.staffType ?? null} onChange={(v) => setDraft({ staffType: v as PersonDraft['staffType'] })} clearable />
                </SimpleGrid>
              </SimpleGrid>
              <SimpleGrid cols={{ base: 2, lg: 4 }} mt="sm">
                <DateField partial label="参加工作时间" value={draft.workStartDate} onChange={(v) => setDraft({ workStartDate: v })} />
                <DateField partial label="离退休时间" value={draft.retirementDate} onChange={(v) => setDraft({ retirementDate: v })} />
                <TextInput label="原单位/部门" value={draft.formerUnit ?? ''} onChange={(e) => setDraft({ formerUnit: e.currentTarget.value })} />
                <TextInput label="原职务/职称" value={draft.formerPosition ?? ''} onChange={(e) => setDraft({ formerPosition: e.currentTarget.value })} />
              </SimpleGrid>
              <Group mt="sm" gap="xl" align="end">
                <NumberInput
                  label="缴费年限（年）"
                  description="含视同缴费年限，调资核对用"
                  w={200}
                  min={0}
                  max={70}
                  allowDecimal={false}
                  value={draft.contributionYears ?? ''}
                  onChange={(v) => setDraft({ contributionYears: typeof v === 'number' ? v : null })}
                />
                <Checkbox mb={8} label="艰苦边远地区（调资倾斜）" checked={draft.remoteArea ?? false} onChange={(e) => setDraft({ remoteArea: e.currentTarget.checked })} />
              </Group>
            </Section>
            <Section title="政治面貌与组织">
              <SimpleGrid cols={{ base: 2, lg: 5 }}>
                <Select label="政治面貌" data={[...POLITICAL_STATUSES]} value={draft.politicalStatus ?? null} onChange={(v) => setDraft({ politicalStatus: v })} clearable />
                {unitSelect('党支部', '党支部', 'partyBranchId')}
                {unitSelect('党小组', '党小组', 'partyGroupId', draft.partyBranchId)}
                {unitSelect('行政大组', '行政大组', 'adminGroupId')}
                {unitSelect('行政小组', '行政小组', 'adminSubgroupId', draft.adminGroupId)}
              </SimpleGrid>
            </Section>
            <Section title="健康与居住">
              <SimpleGrid cols={{ base: 2, lg: 4 }}>
                <Select label="健康状况" data={[...HEALTH_CHOICES]} value={draft.health ?? null} onChange={(v) => setDraft({ health: v })} clearable />
                <Select label="居住情况" data={[...LIVING_ARRANGEMENTS]} value={draft.living ?? null} onChange={(v) => setDraft({ living: v as PersonDraft['living'] })} clearable />
                <Select label="失能情况" placeholder="无" data={[...DISABILITY_LEVELS]} value={draft.careDisability ?? null} onChange={(v) => setDraft({ careDisability: v as PersonDraft['careDisability'] })} clearable />
              </SimpleGrid>
              <Group mt="md" gap="xl">
                <Text size="sm" fw={500}>
                  重点关爱：
                </Text>
                <Checkbox label="孤寡" checked={draft.careAloneChildless ?? false} onChange={(e) => setDraft({ careAloneChildless: e.currentTarget.checked })} />
                <Checkbox label="生活困难" checked={draft.careHardship ?? false} onChange={(e) => setDraft({ careHardship: e.currentTarget.checked })} />
                <Checkbox label="空巢" checked={draft.careEmptyNest ?? false} onChange={(e) => setDraft({ careEmptyNest: e.currentTarget.checked })} />
                <Checkbox label="异地居住" checked={draft.remote ?? false} onChange={(e) => setDraft({ remote: e.currentTarget.checked })} />
                {draft.remote && <TextInput placeholder="居住城市" aria-label="异地居住城市" value={draft.remoteCity ?? ''} onChange={(e) => setDraft({ remoteCity: e.currentTarget.value })} />}
              </Group>
            </Section>
            <Section title="联系方式与住址">
              <SimpleGrid cols={{ base: 1, lg: 2 }}>
                <PhonesField value={draft.phones ?? []} onChange={(phones) => setDraft({ phones })} />
                <Stack gap="sm">
                  <TextInput label="住址" value={draft.address ?? ''} onChange={(e) => setDraft({ address: e.currentTarget.value })} />
                  <SimpleGrid cols={4}>
                    <TextInput label="邮编" value={draft.postcode ?? ''} onChange={(e) => setDraft({ postcode: e.currentTarget.value })} />
                    <TextInput label="片区" value={draft.area ?? ''} onChange={(e) => setDraft({ area: e.currentTarget.value })} />
                    <TextInput label="楼栋" value={draft.building ?? ''} onChange={(e) => setDraft({ building: e.currentTarget.value })} />
                    <TextInput label="社区" value={draft.community ?? ''} onChange={(e) => setDraft({ community: e.currentTarget.value })} />
                  </SimpleGrid>
                </Stack>
              </SimpleGrid>
            </Section>
            <Section title="银行账户与人员状态">
              <SimpleGrid cols={{ base: 2, lg: 4 }}>
                <TextInput label="开户行" value={draft.bankName ?? ''} onChange={(e) => setDraft({ bankName: e.currentTarget.value })} />
                <TextInput label="银行账号" description="用于报销款发放" ff="monospace" value={draft.bankAccount ?? ''} onChange={(e) => setDraft({ bankAccount: e.currentTarget.value })} />
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    状态
                  </Text>
                  <SegmentedControl data={[...STATUSES]} value={draft.status ?? '在册'} onChange={(v) => setDraft({ status: v as PersonDraft['status'] })} />
                </Stack>
                {draft.status !== '在册' && (
                  <DateField partial label={draft.status === '已故' ? '去世日期' : '迁出日期'} value={draft.statusDate} onChange={(v) => setDraft({ statusDate: v })} />
                )}
              </SimpleGrid>
              <Textarea mt="sm" label="备注" autosize minRows={2} value={draft.note ?? ''} onChange={(e) => setDraft({ note: e.currentTarget.value })} />
            </Section>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="md">
          <ContactsTab value={draft.contacts ?? []} onChange={(contacts) => setDraft({ contacts })} />
        </Tabs.Panel>
        {file && (
          <Tabs.Panel value="visits" pt="md">
            <VisitsTab person={file} onChanged={reload} />
          </Tabs.Panel>
        )}
        {file && (
          <Tabs.Panel value="attachments" pt="md">
            <AttachmentsTab personId={file.id} attachments={file.attachments} onChanged={reload} />
          </Tabs.Panel>
        )}
        {file && (
          <Tabs.Panel value="history" pt="md">
            <HistoryTab personId={file.id} version={file.version} />
          </Tabs.Panel>
        )}
      </Tabs>
      <SaveBar dirty={dirty} saving={saving} onSave={() => save()} canSave={dirty || file === null} />
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title="保存前请核对" size="lg">
        <Stack>
          <Text>{confirm}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              返回修改
            </Button>
            <Button color="orange" onClick={() => save(true)} loading={saving}>
              按原样保存并标记待核实
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
