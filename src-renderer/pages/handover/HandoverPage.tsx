// 社会化移交 (组织网络 › 社会化移交): the handover projects; a project's plan (counts, dates, the
// agreement), its progress by community with each community's handover completed in one step, its
// roster person by person, and the signed 退休人员社会化管理人员名册 printed or as .xlsx. The project,
// the dialog open and the row or community it is about are in the address.
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconDownload, IconPlus, IconPrinter, IconUserPlus } from '@tabler/icons-react';
import type {
  HandoverCommunityProgress,
  HandoverPersonRow,
  HandoverProjectSummary,
} from '../../../src-main/contract/handover';
import { formatChineseDate } from '../../../src-main/shared/dates';
import { NO_COMMUNITY } from '../../../src-main/shared/handover';
import { formatYuan } from '../../../src-main/shared/money';
import { DataTable } from '../../kit/DataTable';
import { ExportChoiceButton } from '../../kit/ExportChoice';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { download } from '../../files';
import { navigate } from '../../route';
import { AddPeopleModal, CloseProjectModal, CompleteModal, PersonModal, ProjectModal } from './HandoverModals';

const DIALOGS = ['new', 'edit', 'add', 'person', 'complete', 'close'] as const;
type Dialog = (typeof DIALOGS)[number];

interface Place {
  project?: number | null;
  dialog?: Dialog | null;
  row?: number;
  community?: string;
}

const go = (next: Place) =>
  navigate('/org', {
    view: 'handover',
    project: next.project ? String(next.project) : undefined,
    dialog: next.dialog ?? undefined,
    row: next.row === undefined ? undefined : String(next.row),
    community: next.community,
  });

const STATE_COLOR: Record<string, string> = { 已完成: 'teal', 进行中: 'blue', 未开始: 'gray' };
const span = (from: string | null, to: string | null) =>
  from || to ? `${formatChineseDate(from) || '—'} 至 ${formatChineseDate(to) || '—'}` : '未定';

export function HandoverPage({ params }: { params: URLSearchParams }) {
  const projectId = Number(params.get('project')) || null;
  const dialog = (DIALOGS as readonly string[]).includes(params.get('dialog') ?? '')
    ? (params.get('dialog') as Dialog)
    : null;
  if (projectId) return <ProjectPage id={projectId} dialog={dialog} params={params} />;
  return <ProjectList creating={dialog === 'new'} />;
}

function ProjectList({ creating }: { creating: boolean }) {
  const projects = useRpc('handover.projects', {});
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed">
          把退休人员移交街道、社区实行社会化管理：人员仍在册，照常走访慰问（“经济不断，感情不断”）。
        </Text>
        <Can method="handover.create">
          <Button leftSection={<IconPlus size={18} />} onClick={() => go({ dialog: 'new' })}>
            新建移交项目
          </Button>
        </Can>
      </Group>
      <DataTable<HandoverProjectSummary>
        records={projects.data ?? []}
        noRecordsText={projects.data ? '尚无移交项目' : '正在读取……'}
        minHeight={projects.data?.length ? undefined : 120}
        rowLabel={(p) => `${p.name}，${p.street}，${p.people} 人，已移交 ${p.done} 人`}
        onRowOpen={(p) => go({ project: p.id })}
        columns={[
          { accessor: 'name', title: '移交项目' },
          { accessor: 'street', title: '接收街道' },
          { accessor: 'agreementNo', title: '协议编号', render: (p) => p.agreementNo ?? '' },
          { accessor: 'planned', title: '计划', render: (p) => span(p.plannedFrom, p.plannedTo) },
          { accessor: 'people', title: '人数', textAlign: 'right' },
          { accessor: 'done', title: '已移交', textAlign: 'right' },
          {
            accessor: 'completedOn',
            title: '状态',
            render: (p) =>
              p.completedOn ? (
                <Badge color="teal">{formatChineseDate(p.completedOn)}完成</Badge>
              ) : (
                <Badge color="blue">进行中</Badge>
              ),
          },
        ]}
      />
      {creating && <ProjectModal opened onClose={() => go({})} project={null} onSaved={(id) => go({ project: id })} />}
    </Stack>
  );
}

function ProjectPage({ id, dialog, params }: { id: number; dialog: Dialog | null; params: URLSearchParams }) {
  const view = useRpc('handover.get', { id });
  const exportRoster = useRpcMutation('handover.rosterExport', {
    onSuccess: (f) => download(f.fileName, f.dataBase64),
  });
  const p = view.data;
  if (view.error) return <Text c="red.8">{view.error.message}</Text>;
  if (!p) return null;
  const close = () => go({ project: id });
  const row = p.rows.find((r) => r.id === Number(params.get('row'))) ?? null;
  const community = params.get('community');
  const open = !p.completedOn;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="start">
        <Stack gap={2}>
          <Group gap="xs">
            <Button variant="subtle" size="compact-md" leftSection={<IconArrowLeft size={16} />} onClick={() => go({})}>
              全部项目
            </Button>
            <Title order={3}>{p.name}</Title>
            {p.completedOn ? (
              <Badge color="teal" size="lg">
                {formatChineseDate(p.completedOn)}完成
              </Badge>
            ) : (
              <Badge color="blue" size="lg">
                进行中
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            接收街道：{p.street}
            {p.agreementNo ? `　协议编号：${p.agreementNo}` : ''}
            {p.agreementDate ? `　签订日期：${formatChineseDate(p.agreementDate)}` : ''}
            {`　计划：${span(p.plannedFrom, p.plannedTo)}`}
          </Text>
        </Stack>
        <Group>
          {open && (
            <Can method="handover.addPeople">
              <Button leftSection={<IconUserPlus size={18} />} onClick={() => go({ project: id, dialog: 'add' })}>
                加入人员
              </Button>
            </Can>
          )}
          <Can method="handover.update">
            <Button variant="default" onClick={() => go({ project: id, dialog: 'edit' })}>
              修改项目
            </Button>
          </Can>
          <Can method="handover.rosterPrint">
            <Button
              variant="default"
              leftSection={<IconPrinter size={18} />}
              disabled={p.counts.living === 0}
              onClick={() => navigate('/print/handover', { project: String(id) })}
            >
              打印名册
            </Button>
          </Can>
          <Can method="handover.rosterExport">
            <ExportChoiceButton
              title="导出退休人员社会化管理人员名册"
              leftSection={<IconDownload size={18} />}
              loading={exportRoster.isPending}
              onExport={(full) => exportRoster.mutate({ id, full })}
            >
              导出 Excel
            </ExportChoiceButton>
          </Can>
          {open && (
            <Can method="handover.completeProject">
              <Button variant="default" color="teal" onClick={() => go({ project: id, dialog: 'close' })}>
                完成移交
              </Button>
            </Can>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={6}>
        <Figure label="移交人数" value={`${p.counts.people} 人`} />
        <Figure label="在册" value={`${p.counts.living} 人`} />
        <Figure label="已故（移交档案）" value={`${p.counts.deceased} 人`} />
        <Figure label="党员" value={`${p.counts.partyMembers} 人`} note={`已转 ${p.counts.partyTransferred} 人`} />
        <Figure label="档案" value={`${p.counts.archiveVolumes} 册`} />
        <Figure label="已办结" value={`${p.counts.done} / ${p.counts.people}`} />
      </SimpleGrid>
      <Title order={4}>各社区进度</Title>
      <DataTable<HandoverCommunityProgress>
        idAccessor="community"
        records={p.communities}
        noRecordsText="名单中尚无人员"
        minHeight={p.communities.length ? undefined : 100}
        rowLabel={(c) => `${c.community}，${c.people} 人，已移交 ${c.done} 人，${c.state}`}
        columns={[
          { accessor: 'community', title: '接收社区' },
          { accessor: 'street', title: '街道', render: (c) => c.street ?? '' },
          { accessor: 'people', title: '人数', textAlign: 'right' },
          { accessor: 'done', title: '已移交', textAlign: 'right' },
          { accessor: 'state', title: '进度', render: (c) => <Badge color={STATE_COLOR[c.state]}>{c.state}</Badge> },
          {
            accessor: 'actions',
            title: '',
            render: (c) => (
              <Group gap={4} wrap="nowrap" onClick={(e) => e.stopPropagation()}>
                {c.state !== '已完成' && c.community !== NO_COMMUNITY && (
                  <Can method="handover.complete">
                    <Button
                      size="compact-sm"
                      variant="light"
                      color="teal"
                      onClick={() => go({ project: id, dialog: 'complete', community: c.community })}
                    >
                      办结移交
                    </Button>
                  </Can>
                )}
                {c.community !== NO_COMMUNITY && (
                  <Can method="handover.rosterPrint">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => navigate('/print/handover', { project: String(id), community: c.community })}
                    >
                      打印本社区名册
                    </Button>
                  </Can>
                )}
              </Group>
            ),
          },
        ]}
      />
      <Title order={4}>移交名单</Title>
      <DataTable<HandoverPersonRow>
        records={p.rows}
        noRecordsText="尚未加入人员：可按组织加入，或在人员档案中筛选后列入"
        minHeight={p.rows.length ? undefined : 100}
        rowLabel={(r) => `${r.name}，${r.community ?? NO_COMMUNITY}，${r.handedOverOn ? '已移交' : '未办结'}`}
        onRowOpen={(r) => go({ project: id, dialog: 'person', row: r.id })}
        columns={[
          { accessor: 'name', title: '姓名', width: 90 },
          { accessor: 'idNumberMasked', title: '身份证号', render: (r) => r.idNumberMasked ?? '' },
          {
            accessor: 'status',
            title: '状态',
            render: (r) => (r.status === '在册' ? '在册' : <Badge color="dark">{r.status}</Badge>),
          },
          { accessor: 'partyMember', title: '党员', render: (r) => (r.partyMember ? '是' : '') },
          {
            accessor: 'community',
            title: '接收社区',
            render: (r) => r.community ?? <Badge color="yellow">未填</Badge>,
          },
          { accessor: 'archive', title: '档案', render: (r) => `${r.archiveState} ${r.archiveVolumes} 册` },
          {
            accessor: 'partyTransfer',
            title: '党组织关系',
            render: (r) => (r.partyTransfer === '不涉及' ? '' : r.partyTransfer),
          },
          { accessor: 'socialSecurity', title: '社保档案' },
          {
            accessor: 'duesBaseFen',
            title: '党费基数',
            textAlign: 'right',
            render: (r) => (r.duesBaseFen === null ? '' : formatYuan(r.duesBaseFen)),
          },
          {
            accessor: 'retained',
            title: '企业保留',
            render: (r) => [...r.retained, ...(r.retainedOther ? [r.retainedOther] : [])].join('、'),
          },
          {
            accessor: 'handedOverOn',
            title: '移交日期',
            render: (r) => (r.handedOverOn ? formatChineseDate(r.handedOverOn) : <Text c="dimmed">未办结</Text>),
          },
        ]}
      />
      {dialog === 'edit' && <ProjectModal opened onClose={close} project={p} onSaved={close} />}
      {dialog === 'add' && <AddPeopleModal opened onClose={close} projectId={id} />}
      {dialog === 'person' && row && <PersonModal opened onClose={close} row={row} />}
      {dialog === 'complete' && community && <CompleteModal opened onClose={close} project={p} community={community} />}
      {dialog === 'close' && <CloseProjectModal opened onClose={close} project={p} />}
    </Stack>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Paper withBorder p="xs" ta="center">
      <Text size="xl" fw={700}>
        {value}
      </Text>
      <Text size="sm" c="dimmed">
        {label}
        {note ? `（${note}）` : ''}
      </Text>
    </Paper>
  );
}
