// Study materials handed out, with how many have received each; 登记学习资料 in a dialog checked by
// the contract's MaterialInput. A 学习通报 goes to every party branch, or to those chosen.
import {
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  SegmentedControl,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { MATERIAL_KINDS, MaterialInput } from '../../../src-main/contract/activities';
import type { OutputOf } from '../../../src-main/contract';
import { todayIso } from '../../../src-main/shared/dates';
import { DataTable } from '../../kit/DataTable';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { navigate } from '../../route';
import { Can } from '../../kit/operator';

type MaterialRow = OutputOf<'materials.list'>[number];

export function MaterialList() {
  const list = useRpc('materials.list', {});
  const [adding, add] = useDisclosure(false);
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Can method="materials.create">
          <Button leftSection={<IconPlus size={18} />} onClick={add.open}>
            登记学习资料
          </Button>
        </Can>
      </Group>
      <DataTable<MaterialRow>
        records={list.data ?? []}
        fetching={list.isPending}
        minHeight={list.data?.length ? undefined : 150}
        noRecordsText="还没有登记学习资料。在活动页也可登记会上发放的资料。"
        striped
        columns={[
          { accessor: 'issuedOn', title: '发放日期', width: 130 },
          {
            accessor: 'title',
            title: '资料',
            render: (m) =>
              m.kind === '学习通报' ? (
                <Group gap="xs">
                  <Badge variant="light">学习通报</Badge>
                  {m.docNo && `${m.docNo} `}
                  {m.title}
                </Group>
              ) : (
                m.title
              ),
          },
          { accessor: 'activityTitle', title: '发放会议', render: (m) => m.activityTitle ?? '—' },
          { accessor: 'received', title: '已领取', width: 110, render: (m) => `${m.received} 人` },
        ]}
        onRowOpen={(m) => navigate(`/activities/material/${m.id}`)}
        rowLabel={(m) => `${m.issuedOn} ${m.kind === '学习通报' ? '学习通报' : ''}${m.title}，已领取 ${m.received} 人`}
      />
      <NewMaterialModal opened={adding} onClose={add.close} />
    </Stack>
  );
}

interface NewMaterialValues extends Record<string, unknown> {
  kind: (typeof MATERIAL_KINDS)[number];
  title: string;
  docNo: string;
  issuedOn: string | null;
  note: string;
  allBranches: boolean;
  branchIds: string[];
}

function NewMaterialModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useForm<NewMaterialValues>({
    mode: 'controlled',
    initialValues: {
      kind: '学习资料',
      title: '',
      docNo: '',
      issuedOn: todayIso(),
      note: '',
      allBranches: true,
      branchIds: [],
    },
    validate: zod4Resolver(MaterialInput as never),
  });
  const units = useRpc('org.tree', {}, { enabled: opened });
  const branches = (units.data ?? []).filter((u) => u.ref.kind === '党支部');
  const v = form.getValues();
  const circular = v.kind === '学习通报';
  const create = useRpcMutation('materials.create', {
    invalidates: ['materials.list'],
    onError: () => {},
    onSuccess: (m) => navigate(`/activities/material/${m.id}`),
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="登记学习资料"
      size="md"
      form={form}
      submitLabel="登记"
      onSubmit={(v) =>
        create.mutateAsync({
          kind: v.kind,
          title: v.title,
          issuedOn: v.issuedOn ?? '',
          activityId: null,
          note: v.note,
          docNo: circular ? v.docNo : null,
          allBranches: circular && v.allBranches,
          branchIds: circular && !v.allBranches ? v.branchIds.map(Number) : [],
        })
      }
    >
      <SegmentedControl aria-label="类别" data={[...MATERIAL_KINDS]} {...form.getInputProps('kind')} />
      <TextInput label="资料名称" data-autofocus {...form.getInputProps('title')} />
      {circular && <TextInput label="文号" placeholder="离退办学通〔2026〕1号" {...form.getInputProps('docNo')} />}
      <FormDateField form={form} path="issuedOn" label={circular ? '印发日期' : '发放日期'} />
      {circular && (
        <>
          <Checkbox
            label={`下发全部党支部（${branches.length} 个）`}
            {...form.getInputProps('allBranches', { type: 'checkbox' })}
          />
          {!v.allBranches && (
            <MultiSelect
              label="下发党支部"
              searchable
              data={branches.map((b) => ({ value: String(b.ref.kind === '党支部' ? b.ref.id : ''), label: b.name }))}
              {...form.getInputProps('branchIds')}
            />
          )}
        </>
      )}
      <Textarea label="备注" autosize minRows={2} {...form.getInputProps('note')} />
    </FormModal>
  );
}
