// Everyone the people list shows (every page of its filter) put on a handover project's roster at
// once: those on the roll and the deceased (their files are handed over too), not those moved away.
import { Button, Select, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingCommunity } from '@tabler/icons-react';
import type { InputOf } from '../../../src-main/contract';
import { FormModal } from '../../kit/FormModal';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { navigate } from '../../route';

/** `count`: how many the list keeps, as it says it (1,234, or 1,000+ for a search). */
export function AddToHandoverButton({ query, count }: { query: InputOf<'retirees.list'>; count: string }) {
  const [open, dialog] = useDisclosure(false);
  const projects = (useRpc('handover.projects', open ? {} : null).data ?? []).filter((p) => !p.completedOn);
  const form = useForm({
    mode: 'controlled',
    initialValues: { projectId: null as string | null },
    validate: { projectId: (v) => (v ? null : '请选择移交项目') },
  });
  const add = useRpcMutation('handover.addPeople', {
    invalidates: ['handover.projects', 'handover.get', 'handover.ofPerson'],
    onError: () => {},
  });
  const close = () => {
    form.reset();
    dialog.close();
  };
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconBuildingCommunity size={18} />}
        onClick={dialog.open}
        disabled={count === '0'}
      >
        列入社会化移交
      </Button>
      <FormModal
        opened={open}
        onClose={close}
        title="把当前列表中的人员列入社会化移交名单"
        size="md"
        submitLabel="列入"
        form={form}
        onSubmit={async ({ projectId }) => {
          const r = await add.mutateAsync({ projectId: Number(projectId), query: { ...query, page: 1 } });
          done(`已列入 ${r.added} 人${r.already ? `（另有 ${r.already} 人原已在名单中）` : ''}`);
          navigate('/org', { view: 'handover', project: String(projectId) });
        }}
      >
        <Text size="sm">
          按当前筛选条件共 <b>{count}</b>{' '}
          人（所有页），其中在册人员和已故人员（移交其档案）列入名单，已迁出的不列入。已移交或已列入其他移交项目的人员不能重复列入。
        </Text>
        <Select
          label="移交项目"
          placeholder={projects.length ? '请选择' : '尚无进行中的移交项目，请先在 组织网络 › 社会化移交 中新建'}
          data={projects.map((p) => ({ value: String(p.id), label: `${p.name}（${p.street}）` }))}
          {...form.getInputProps('projectId')}
        />
      </FormModal>
    </>
  );
}
