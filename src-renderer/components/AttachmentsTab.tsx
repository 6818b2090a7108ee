import { Button, FileButton, Group, Image, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { contract, type MethodName } from '../../src-main/contract';
import type { AttachmentInfo } from '../../src-main/contract/retirees';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { attachmentUrl, call, downloadAttachment, PREVIEWABLE } from '../api';
import { fileToBase64 } from '../files';
import { DataTable } from '../kit/DataTable';
import { FormModal } from '../kit/FormModal';
import { Can } from '../kit/operator';
import { rpcKey, useRpcMutation } from '../kit/rpc';
import { done, failed } from '../notify';

const size = (n: number) =>
  n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

/** Where a person's or a claim's attachments are listed: read again after one is added or removed. */
const ATTACHMENT_READERS: MethodName[] = ['retirees.get', 'claims.get', 'retirees.history'];

/**
 * Scans and photos kept with the file (and so in every backup): all of a person's on the file's
 * tab, a claim's own (its invoices and receipts) on the claim's page.
 */
export function AttachmentsTab({
  personId,
  claimId = null,
  attachments,
  onChanged,
}: {
  personId: number;
  claimId?: number | null;
  attachments: AttachmentInfo[];
  /** Called after an attachment is added or removed (the file and the claim are read again anyway). */
  onChanged?: () => void;
}) {
  const client = useQueryClient();
  const [preview, setPreview] = useState<{ id: number; url: string; name: string } | null>(null);
  const [removing, setRemoving] = useState<AttachmentInfo | null>(null);

  const refetch = async () => {
    await Promise.all(ATTACHMENT_READERS.map((m) => client.invalidateQueries({ queryKey: rpcKey(m) })));
    onChanged?.();
  };
  // Several files chosen at once are one action: added one after another, then the file read once.
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      for (const f of files) {
        await call('attachments.add', {
          personId,
          claimId,
          fileName: f.name,
          mime: f.type || 'application/octet-stream',
          dataBase64: await fileToBase64(f),
        });
      }
      return files.length;
    },
    onSuccess: async (n) => {
      await refetch();
      done(`已添加 ${n} 个附件`);
    },
    onError: async (e) => {
      // Those added before the refusal are kept: show them.
      await refetch();
      failed(e);
    },
  });

  // An image is shown in place (an <img> runs no script); anything else is downloaded, never
  // opened inside the app.
  const open = (a: AttachmentInfo) => {
    if (PREVIEWABLE.includes(a.mime))
      setPreview({ id: a.id, url: attachmentUrl('person', a.id, { preview: true }), name: a.fileName });
    else downloadAttachment('person', a.id);
  };

  return (
    <>
      <Can method="attachments.add" otherwise="不能添加或删除附件，只能查看和下载">
        <Group mb="md">
          <FileButton
            onChange={(f) => f.length && upload.mutate(f)}
            multiple
            accept="image/*,application/pdf,.doc,.docx,.xls,.xlsx"
          >
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={16} />} loading={upload.isPending}>
                {claimId === null ? '添加附件（扫描件、照片）' : '添加票据扫描件'}
              </Button>
            )}
          </FileButton>
          <Text c="dimmed" size="sm">
            单个文件不超过 20 MB。附件保存在数据库中，随备份一起保存。
          </Text>
        </Group>
      </Can>
      {attachments.length === 0 ? (
        <Text c="dimmed">暂无附件。</Text>
      ) : (
        <DataTable<AttachmentInfo>
          records={attachments}
          rowLabel={(a) => a.fileName}
          onRowOpen={open}
          columns={[
            { accessor: 'fileName', title: '文件名' },
            {
              accessor: 'claimId',
              title: '所属报销单',
              hidden: claimId !== null,
              render: (a) => (a.claimId === null ? '—' : `第 ${a.claimId} 号`),
            },
            { accessor: 'size', title: '大小', render: (a) => size(a.size) },
            { accessor: 'addedAt', title: '添加时间', render: (a) => a.addedAt.replace('T', ' ') },
            { accessor: 'addedBy', title: '经办人' },
            {
              accessor: 'actions',
              title: '',
              render: (a) => (
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="compact-md"
                    variant="light"
                    onClick={(e) => {
                      e.stopPropagation();
                      open(a);
                    }}
                  >
                    查看
                  </Button>
                  <Can method="attachments.remove">
                    <Button
                      size="compact-md"
                      variant="subtle"
                      color="gray"
                      onClick={(e) => {
                        e.stopPropagation();
                        setRemoving(a);
                      }}
                    >
                      删除
                    </Button>
                  </Can>
                </Group>
              ),
            },
          ]}
        />
      )}
      <Modal opened={preview !== null} onClose={() => setPreview(null)} title={preview?.name} size="xl">
        {preview && (
          <Stack>
            <Image src={preview.url} alt={preview.name} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => downloadAttachment('person', preview.id)}>
                下载
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <RemoveForm
        key={removing?.id ?? 0}
        attachment={removing}
        onClose={() => setRemoving(null)}
        onRemoved={() => onChanged?.()}
      />
    </>
  );
}

function RemoveForm({
  attachment,
  onClose,
  onRemoved,
}: {
  attachment: AttachmentInfo | null;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { id: attachment?.id ?? 0, reason: '' },
    validate: zod4Resolver(contract['attachments.remove'].input as never),
  });
  const remove = useRpcMutation('attachments.remove', {
    invalidates: ATTACHMENT_READERS,
    onSuccess: onRemoved,
    onError: () => {},
  });
  const close = () => {
    form.reset();
    onClose();
  };
  return (
    <FormModal
      opened={attachment !== null}
      onClose={close}
      title={`删除附件“${attachment?.fileName ?? ''}”`}
      size="md"
      submitLabel="确认删除"
      submitColor="red"
      form={form}
      onSubmit={(v) => remove.mutateAsync(v)}
    >
      <TextInput label="删除原因" required data-autofocus {...form.getInputProps('reason')} />
    </FormModal>
  );
}
