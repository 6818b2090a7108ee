// Files kept with a record: what was handed in with a petition (a letter, a photo), what belongs to
// a meeting (the signed sign-in sheet scanned, photos, slides). One panel for both.
import { Button, FileButton, Group, Image, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import type { PetitionAttachment } from '../../src-main/contract/petitions';
import { attachmentUrl, downloadAttachment, PREVIEWABLE } from '../api';
import { fileToBase64 } from '../files';
import { useRpc, useRpcMutation } from '../kit/rpc';
import { Can } from '../kit/operator';

/** The methods of each kind of record that keeps files. */
const METHODS = {
  petition: { list: 'petitions.attachments', attach: 'petitions.attach' },
  activity: { list: 'activities.attachments', attach: 'activities.attach' },
} as const;

export function RecordAttachments({ kind, id, title }: { kind: keyof typeof METHODS; id: number; title: string }) {
  const methods = METHODS[kind];
  const list = useRpc(methods.list, { id });
  const attach = useRpcMutation(methods.attach, { invalidates: [methods.list] });
  const [preview, setPreview] = useState<PetitionAttachment | null>(null);
  const upload = async (files: File[]) => {
    for (const f of files)
      await attach.mutateAsync({
        id,
        fileName: f.name,
        mime: f.type || 'application/octet-stream',
        dataBase64: await fileToBase64(f),
      });
  };
  // An image is shown in place (an <img> runs no script); anything else is downloaded, never
  // opened inside the app (a letter's HTML once opened in the app's own origin).
  const open = (a: PetitionAttachment) =>
    PREVIEWABLE.includes(a.mime) ? setPreview(a) : downloadAttachment(kind, a.id);
  const papers = list.data ?? [];
  return (
    <Paper withBorder p="md">
      <Modal opened={preview !== null} onClose={() => setPreview(null)} title={preview?.fileName} size="xl">
        {preview && (
          <Stack>
            <Image src={attachmentUrl(kind, preview.id, { preview: true })} alt={preview.fileName} />
            <Group justify="flex-end">
              <Button
                variant="default"
                leftSection={<IconDownload size={16} />}
                onClick={() => downloadAttachment(kind, preview.id)}
              >
                下载
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Group justify="space-between" mb="xs">
        <Title order={5}>{title}</Title>
        {/* A refused file is shown by the mutation's notification; the rest of the batch is not sent. */}
        <Can method={methods.attach}>
          <FileButton
            onChange={(f) => f.length && upload(f).catch(() => {})}
            multiple
            accept="image/*,application/pdf,.doc,.docx"
          >
            {(props) => (
              <Button
                {...props}
                size="compact-md"
                variant="light"
                loading={attach.isPending}
                leftSection={<IconPaperclip size={16} />}
              >
                添加附件
              </Button>
            )}
          </FileButton>
        </Can>
      </Group>
      {papers.length === 0 ? (
        <Text c="dimmed">没有附件。</Text>
      ) : (
        papers.map((a) => (
          <Text key={a.id}>
            <Text
              component="button"
              type="button"
              c="blue.8"
              style={{ cursor: 'pointer', background: 'none', border: 0, padding: 0, font: 'inherit' }}
              onClick={() => open(a)}
            >
              {a.fileName}
            </Text>
            （{Math.ceil(a.size / 1024)} KB，{a.addedAt.replace('T', ' ')} {a.addedBy}）
          </Text>
        ))
      )}
    </Paper>
  );
}
