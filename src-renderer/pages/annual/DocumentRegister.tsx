// 文件登记: the year's 收文, 发文 and 政策文件, found by any part of their title, 文号, issuer or
// summary; a document registered, its 办理情况 brought up to date, its file kept and downloaded;
// the register exported. The kind, the words searched and the document shown are in the address.
import {
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPlus, IconPrinter, IconSearch } from '@tabler/icons-react';
import {
  DOCUMENT_KINDS,
  type DocumentKind,
  type DocumentView,
  SECRECY_LEVELS,
} from '../../../src-main/contract/office';
import { todayIso } from '../../../src-main/shared/dates';
import { download, fileToBase64 } from '../../files';
import { AddFilesButton, StoredFileLine } from '../../components/StoredFileLine';
import { DataTable } from '../../kit/DataTable';
import { FormDateField } from '../../kit/FormDateField';
import { FormModal } from '../../kit/FormModal';
import { Can } from '../../kit/operator';
import { useRpc, useRpcMutation } from '../../kit/rpc';
import { done } from '../../notify';
import { navigate } from '../../route';
import { textField, validatedAs } from '../person/fields';

const DOC_READS = ['documents.list', 'documents.get'] as const;

export function DocumentRegister({ year, params }: { year: number; params: URLSearchParams }) {
  const kind = DOCUMENT_KINDS.find((k) => k === params.get('kind')) ?? null;
  const text = params.get('q') ?? '';
  const shown = Number(params.get('doc')) || null;
  const go = (next: { kind?: DocumentKind | null; q?: string; doc?: number | null }) => {
    const k = next.kind === undefined ? kind : next.kind;
    const q = next.q ?? text;
    const d = next.doc === undefined ? shown : next.doc;
    navigate('/annual/docs', {
      year: String(year),
      ...(k ? { kind: k } : {}),
      ...(q ? { q } : {}),
      ...(d ? { doc: String(d) } : {}),
    });
  };
  const search = useDebouncedCallback((q: string) => go({ q, doc: null }), 400);
  const list = useRpc('documents.list', { year, kind, text: text || null });
  const [registering, registerDialog] = useDisclosure(false);
  const exportList = useRpcMutation('documents.export', { onSuccess: (f) => download(f.fileName, f.dataBase64) });
  const docs = list.data ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group>
          <SegmentedControl
            aria-label="文件类别"
            data={[{ value: '', label: '全部' }, ...DOCUMENT_KINDS.map((k) => ({ value: k, label: k }))]}
            value={kind ?? ''}
            onChange={(k) => go({ kind: (k || null) as DocumentKind | null, doc: null })}
          />
          <TextInput
            aria-label="查找文件"
            placeholder="标题、文号、发文机关或摘要"
            leftSection={<IconSearch size={16} />}
            w={280}
            defaultValue={text}
            onChange={(e) => search(e.currentTarget.value.trim())}
          />
        </Group>
        <Group>
          <Can method="documents.create">
            <Button leftSection={<IconPlus size={18} />} onClick={registerDialog.open}>
              登记文件
            </Button>
          </Can>
          <Can method="documents.print">
            <Button
              variant="light"
              leftSection={<IconPrinter size={18} />}
              onClick={() =>
                navigate('/print/documents', {
                  year: String(year),
                  ...(kind ? { kind } : {}),
                  ...(text ? { q: text } : {}),
                })
              }
            >
              打印登记簿
            </Button>
          </Can>
          <Can method="documents.export">
            <Button
              variant="light"
              leftSection={<IconDownload size={18} />}
              loading={exportList.isPending}
              onClick={() => exportList.mutate({ year, kind, text: text || null })}
            >
              导出登记簿
            </Button>
          </Can>
        </Group>
      </Group>
      <Title order={4}>
        {year} 年{kind ?? '文件'}登记{text && `：查找“${text}”`}（{docs.length} 件）
      </Title>
      <DataTable<DocumentView>
        records={docs}
        fetching={list.isFetching}
        minHeight={docs.length ? undefined : 120}
        noRecordsText={text ? '没有找到符合的文件' : `${year} 年还没有登记文件`}
        onRowOpen={(d) => go({ doc: d.id })}
        rowLabel={(d) => `${d.kind}，${d.docNo ?? '无文号'}，${d.title}`}
        columns={[
          { accessor: 'kind', title: '类别' },
          { accessor: 'docNo', title: '文号', render: (d) => d.docNo ?? '—' },
          { accessor: 'datedOn', title: '成文日期' },
          { accessor: 'issuer', title: '发文机关', render: (d) => d.issuer ?? '—' },
          { accessor: 'title', title: '标题' },
          { accessor: 'secrecy', title: '密级', render: (d) => d.secrecy ?? '—' },
          { accessor: 'handling', title: '办理情况', render: (d) => d.handling ?? '—' },
          { accessor: 'files', title: '附件', render: (d) => (d.files.length ? `${d.files.length} 个` : '—') },
        ]}
      />
      {shown !== null && <DocumentDetail id={shown} onClose={() => go({ doc: null })} />}
      <DocumentModal year={year} opened={registering} onClose={registerDialog.close} doc={null} />
    </Stack>
  );
}

const blank = (year: number) => ({
  kind: '收文' as DocumentKind,
  docNo: null as string | null,
  datedOn: year === new Date().getFullYear() ? todayIso() : `${year}-01-01`,
  issuer: null as string | null,
  title: '',
  summary: null as string | null,
  secrecy: null as string | null,
  handling: null as string | null,
});

function DocumentModal({
  year,
  opened,
  onClose,
  doc,
}: {
  year: number;
  opened: boolean;
  onClose: () => void;
  doc: DocumentView | null;
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: doc
      ? {
          kind: doc.kind,
          docNo: doc.docNo,
          datedOn: doc.datedOn,
          issuer: doc.issuer,
          title: doc.title,
          summary: doc.summary,
          secrecy: doc.secrecy,
          handling: doc.handling,
        }
      : blank(year),
    validate: validatedAs('documents.create'),
  });
  const create = useRpcMutation('documents.create', {
    invalidates: [...DOC_READS],
    onSuccess: (d) => done(`已登记《${d.title}》`),
    onError: () => {},
  });
  const update = useRpcMutation('documents.update', {
    invalidates: [...DOC_READS],
    onSuccess: (d) => done(`已修改《${d.title}》的登记`),
    onError: () => {},
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={doc ? '修改文件登记' : '登记文件'}
      form={form}
      onSubmit={(v) =>
        doc ? update.mutateAsync({ ...v, id: doc.id, version: doc.version } as never) : create.mutateAsync(v as never)
      }
    >
      <SimpleGrid cols={3}>
        <Select label="类别" data={[...DOCUMENT_KINDS]} allowDeselect={false} {...form.getInputProps('kind')} />
        <TextInput label="文号" placeholder="如：集团离退〔2026〕12号" {...textField(form, 'docNo')} />
        <FormDateField form={form} path="datedOn" label="成文日期" />
      </SimpleGrid>
      <TextInput label="标题" data-autofocus {...form.getInputProps('title')} />
      <SimpleGrid cols={2}>
        <TextInput label="发文机关（发文填主送单位）" {...textField(form, 'issuer')} />
        <Select label="密级" data={[...SECRECY_LEVELS]} clearable {...form.getInputProps('secrecy')} />
      </SimpleGrid>
      <Textarea label="摘要" autosize minRows={2} {...textField(form, 'summary')} />
      <TextInput label="办理情况" placeholder="如：已传阅、已转各党支部、已归档" {...textField(form, 'handling')} />
    </FormModal>
  );
}

function DocumentDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const { data: d } = useRpc('documents.get', { id });
  const [editing, editDialog] = useDisclosure(false);
  const attach = useRpcMutation('documents.attach', {
    invalidates: [...DOC_READS],
    onSuccess: (f) => done(`已保存附件 ${f.fileName}`),
  });
  const file = useRpcMutation('documents.file', { onSuccess: (f) => download(f.fileName, f.dataBase64, f.mime) });
  if (!d) return null;
  const upload = async (files: File[]) => {
    for (const f of files) await attach.mutateAsync({ id, fileName: f.name, dataBase64: await fileToBase64(f) });
  };
  const line = (label: string, value: string | null) => (
    <Text>
      <Text span c="dimmed">
        {label}：
      </Text>
      {value ?? '—'}
    </Text>
  );
  return (
    <Paper withBorder p="md" aria-label={`文件《${d.title}》`}>
      <Group justify="space-between" mb="xs">
        <Title order={5}>
          {d.kind}：{d.title}
        </Title>
        <Group>
          <Can method="documents.update">
            <Button size="compact-md" variant="light" onClick={editDialog.open}>
              修改登记
            </Button>
          </Can>
          <Can method="documents.attach">
            <AddFilesButton loading={attach.isPending} onFiles={upload} />
          </Can>
          <Button size="compact-md" variant="default" onClick={onClose}>
            关闭
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={3} spacing="xs">
        {line('文号', d.docNo)}
        {line('成文日期', d.datedOn)}
        {line('密级', d.secrecy)}
        {line('发文机关', d.issuer)}
        {line('办理情况', d.handling)}
        {line('登记', `${d.createdAt.replace('T', ' ')} ${d.createdBy}`)}
      </SimpleGrid>
      {line('摘要', d.summary)}
      <Stack gap={2} mt="xs">
        {d.files.length === 0 ? (
          <Text c="dimmed">没有附件。</Text>
        ) : (
          d.files.map((f) => <StoredFileLine key={f.id} file={f} onOpen={() => file.mutate({ id: f.id })} />)
        )}
      </Stack>
      {editing && <DocumentModal key={d.version} year={d.year} opened onClose={editDialog.close} doc={d} />}
    </Paper>
  );
}
