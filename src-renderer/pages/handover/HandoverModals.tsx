// The dialogs of the community handover (组织网络 › 社会化移交): a project created or edited, people
// added by a unit of the network, one person's state edited, a community's handover completed on a
// day, the project closed. Each is a FormModal on the contract's schema; refusals stay in the dialog.
import { Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useRef } from 'react';
import type { InputOf } from '../../../src-main/contract';
import { HandoverPersonInput, HandoverProjectInput } from '../../../src-main/contract/handover';
import type { HandoverPersonRow, HandoverProjectView } from '../../../src-main/contract/handover';
import type { UnitRef } from '../../../src-main/contract/org';
import { formatChineseDate, todayIso } from '../../../src-main/shared/dates';
import {
  ARCHIVE_STATES,
  PARTY_TRANSFERS,
  RETAINED_ITEMS,
  SOCIAL_SECURITY_STATES,
} from '../../../src-main/shared/handover';
import { formatYuan } from '../../../src-main/shared/money';
import { unitChoices } from '../../components/unitOptions';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { textField } from '../person/fields';

/** What a change to a project makes stale. */
const READERS = [
  'handover.projects',
  'handover.get',
  'handover.ofPerson',
  'retirees.list',
  'retirees.history',
] as const;

interface DialogProps {
  opened: boolean;
  onClose: () => void;
}

export function ProjectModal({
  opened,
  onClose,
  project,
  onSaved,
}: DialogProps & { project: HandoverProjectView | null; onSaved: (id: number) => void }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: project?.name ?? '',
      street: project?.street ?? '',
      agreementNo: project?.agreementNo ?? null,
      agreementDate: project?.agreementDate ?? null,
      plannedFrom: project?.plannedFrom ?? null,
      plannedTo: project?.plannedTo ?? null,
      note: project?.note ?? null,
    },
    validate: zod4Resolver(HandoverProjectInput as never),
  });
  const create = useRpcMutation('handover.create', { invalidates: [...READERS], onError: () => {} });
  const update = useRpcMutation('handover.update', { invalidates: [...READERS], onError: () => {} });
  // The dialog closes after a save (FormModal): then to the project saved, not back where it was opened.
  const saved = useRef<number | null>(null);
  return (
    <FormModal
      opened={opened}
      onClose={() => (saved.current === null ? onClose() : onSaved(saved.current))}
      title={project ? `修改移交项目：${project.name}` : '新建社会化移交项目'}
      form={form}
      submitLabel={project ? '保存' : '新建'}
      onSubmit={async (v) => {
        const result = project
          ? await update.mutateAsync({ id: project.id, version: project.version, project: v })
          : await create.mutateAsync({ project: v });
        saved.current = result.id;
      }}
    >
      <TextInput label="项目名称" placeholder="如 2026年东区退休人员社会化移交" {...form.getInputProps('name')} />
      <SimpleGrid cols={2}>
        <TextInput label="接收街道" placeholder="如 建设街道办事处" {...form.getInputProps('street')} />
        <TextInput label="协议编号" {...textField(form, 'agreementNo')} />
        <FormDateField form={form} path="agreementDate" label="协议签订日期" empty={null} />
        <div />
        <FormDateField form={form} path="plannedFrom" label="计划开始日期" empty={null} />
        <FormDateField form={form} path="plannedTo" label="计划完成日期" empty={null} />
      </SimpleGrid>
      <Textarea label="备注" autosize minRows={2} {...textField(form, 'note')} />
    </FormModal>
  );
}

/** A unit of the network as the people list's query that selects its members. */
function queryOfUnit(ref: UnitRef): InputOf<'retirees.list'> {
  if (ref.kind === '片区') return { area: ref.area };
  if (ref.kind === '楼栋') return { area: ref.area, building: ref.building };
  if (ref.kind === '党支部' || ref.kind === '党小组') return { partyBranchId: ref.id };
  return { adminGroupId: ref.id };
}

export function AddPeopleModal({ opened, onClose, projectId }: DialogProps & { projectId: number }) {
  const units = useRpc('org.tree', opened ? {} : null).data ?? [];
  const form = useForm({
    mode: 'controlled',
    initialValues: { key: null as string | null },
    validate: { key: (k) => (k ? null : '请选择组织') },
  });
  const add = useRpcMutation('handover.addPeople', { invalidates: [...READERS], onError: () => {} });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="按组织加入移交人员"
      size="md"
      submitLabel="加入"
      form={form}
      onSubmit={async ({ key }) => {
        const unit = units.find((u) => u.key === key)!;
        const r = await add.mutateAsync({ projectId, query: queryOfUnit(unit.ref) });
        done(`已加入${unit.name} ${r.added} 人${r.already ? `（另有 ${r.already} 人原已在名单中）` : ''}`);
      }}
    >
      <Text size="sm">
        加入所选组织的全部在册人员和已故人员（移交其档案）。也可以在 人员档案
        中按任意条件筛选后，用“列入社会化移交”加入。
      </Text>
      <Select label="组织" searchable data={unitChoices(units, true)} {...form.getInputProps('key')} />
    </FormModal>
  );
}

const yuanText = (fen: number | null) => (fen === null ? null : formatYuan(fen));

export function PersonModal({ opened, onClose, row }: DialogProps & { row: HandoverPersonRow }) {
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      archiveState: row.archiveState,
      archiveVolumes: row.archiveVolumes,
      partyTransfer: row.partyTransfer,
      partyTransferOn: row.partyTransferOn,
      partyTo: row.partyTo,
      socialSecurity: row.socialSecurity,
      street: row.street,
      community: row.community,
      duesBase: yuanText(row.duesBaseFen),
      retained: row.retained,
      retainedOther: row.retainedOther,
      note: row.note,
    },
    validate: zod4Resolver(HandoverPersonInput as never),
  });
  const save = useRpcMutation('handover.updatePerson', { invalidates: [...READERS], onError: () => {} });
  const remove = useRpcMutation('handover.removePerson', {
    invalidates: [...READERS],
    onSuccess: () => {
      done(`已将${row.name}移出移交名单`);
      onClose();
    },
  });
  const onFile = row.duesBaseOnFile;
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`${row.name}的移交情况${row.status === '已故' ? '（已故，移交档案）' : ''}`}
      form={form}
      onSubmit={(v) =>
        save.mutateAsync({ id: row.id, version: row.version, person: v as InputOf<'handover.updatePerson'>['person'] })
      }
    >
      {row.handedOverOn && (
        <Text size="sm" c="teal.8">
          已于 {formatChineseDate(row.handedOverOn)} 办结移交，纳入社会化管理。
        </Text>
      )}
      <SimpleGrid cols={3}>
        <Select label="档案" data={[...ARCHIVE_STATES]} allowDeselect={false} {...form.getInputProps('archiveState')} />
        <NumberInput label="档案册数" min={0} max={99} {...form.getInputProps('archiveVolumes')} />
        <Select
          label="社保档案"
          data={[...SOCIAL_SECURITY_STATES]}
          allowDeselect={false}
          {...form.getInputProps('socialSecurity')}
        />
        <Select
          label="党组织关系"
          data={[...PARTY_TRANSFERS]}
          allowDeselect={false}
          {...form.getInputProps('partyTransfer')}
        />
        <FormDateField form={form} path="partyTransferOn" label="转出日期" empty={null} />
        <TextInput label="转入党组织" {...textField(form, 'partyTo')} />
        <TextInput label="接收街道" {...textField(form, 'street')} />
        <TextInput label="接收社区" {...textField(form, 'community')} />
        <TextInput
          label="移交党费基数（元）"
          description={
            onFile
              ? `档案中 ${onFile.year} 年度基数 ${onFile.baseFen === null ? '（低保）' : `${formatYuan(onFile.baseFen)} 元`}`
              : '档案中尚无党费基数'
          }
          {...textField(form, 'duesBase')}
        />
      </SimpleGrid>
      <Checkbox.Group label="企业保留事项" {...form.getInputProps('retained')}>
        <Group mt="xs">
          {RETAINED_ITEMS.map((item) => (
            <Checkbox key={item} value={item} label={item} />
          ))}
        </Group>
      </Checkbox.Group>
      <TextInput label="其他保留事项" {...textField(form, 'retainedOther')} />
      <TextInput label="备注" {...textField(form, 'note')} />
      {!row.handedOverOn && (
        <Group>
          <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate({ id: row.id })}>
            移出移交名单
          </Button>
        </Group>
      )}
    </FormModal>
  );
}

/** A community's handover completed on a day: every one of its people not yet handed over. */
export function CompleteModal({
  opened,
  onClose,
  project,
  community,
}: DialogProps & { project: HandoverProjectView; community: string }) {
  const pending = project.rows.filter((r) => (r.community ?? '') === community && !r.handedOverOn);
  const form = useForm({ mode: 'controlled', initialValues: { handedOverOn: todayIso() as string } });
  const complete = useRpcMutation('handover.complete', { invalidates: [...READERS], onError: () => {} });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`办结移交：${project.street}${community}`}
      size="md"
      submitLabel={`办结 ${pending.length} 人`}
      form={form}
      onSubmit={async ({ handedOverOn }) => {
        const r = await complete.mutateAsync({ projectId: project.id, rowIds: pending.map((x) => x.id), handedOverOn });
        done(`${community} ${r.count} 人已办结移交，纳入社会化管理`);
      }}
    >
      <Text size="sm">
        {community}尚未办结的 {pending.length} 人（{pending.map((r) => r.name).join('、')}
        ）自移交日期起纳入社会化管理：档案记为已移交，人员仍在册，照常走访慰问。
      </Text>
      <FormDateField form={form} path="handedOverOn" label="移交日期" />
    </FormModal>
  );
}

export function CloseProjectModal({ opened, onClose, project }: DialogProps & { project: HandoverProjectView }) {
  const form = useForm({ mode: 'controlled', initialValues: { completedOn: todayIso() as string } });
  const close = useRpcMutation('handover.completeProject', { invalidates: [...READERS], onError: () => {} });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={`完成移交项目：${project.name}`}
      size="md"
      submitLabel="完成"
      form={form}
      onSubmit={({ completedOn }) => close.mutateAsync({ id: project.id, completedOn })}
    >
      <Text size="sm">
        共 {project.counts.people} 人，已办结 {project.counts.done} 人。全部办结后才能完成项目。
      </Text>
      <FormDateField form={form} path="completedOn" label="完成日期" />
    </FormModal>
  );
}
