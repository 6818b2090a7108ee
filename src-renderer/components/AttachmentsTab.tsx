import { Button, FileButton, Group, Image, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { AttachmentInfo } from '../../src-main/api/contract';
import { attachmentUrl, call, downloadAttachment, PREVIEWABLE } from '../api';
import { fileToBase64 } from '../files';

const size = (n: number) => (n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

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
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ id: number; url: string; name: string } | null>(null);
  const [removing, setRemoving] = useState<{ id: number; name: string } | null>(null);
  const [reason, setReason] = useState('');

  const upload = async (files: File[]) => {
    setBusy(true);
    try {
      for (const f of files) {
        await call('attachments.add', { personId, claimId, fileName: f.name, mime: f.type || 'application/octet-stream', dataBase64: await fileToBase64(f) });
      }
      notifications.show({ color: 'green', message: `已添加 ${files.length} 个附件` });
      onChanged();
    } catch (e) {
      notifications.show({ color: 'red', title: '附件未添加', message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  // An image is shown in place (an <img> runs no script); anything else is downloaded, never
  // opened inside the app.
  const open = (a: AttachmentInfo) => {
    if (PREVIEWABLE.includes(a.mime)) setPreview({ id: a.id, url: attachmentUrl('person', a.id, { preview: true }), name: a.fileName });
    else downloadAttachment('person', a.id);
  };

  return (
    <Stack>
      <Group>
        <FileButton onChange={(f) => f.length && upload(f)} multiple accept="image/*,application/pdf,.doc,.docx,.xls,.xlsx">
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={16} />} loading={busy}>
              {claimId === null ? '添加附件（扫描件、照片）' : '添加票据扫描件'}
            </Button>
          )}
        </FileButton>
        <Text c="dimmed" size="sm">
          单个文件不超过 20 MB。附件保存在数据库中，随备份一起保存。
        </Text>
      </Group>
      {attachments.length === 0 ? (
        <Text c="dimmed">暂无附件。</Text>
      ) : (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>文件名</Table.Th>
              {claimId === null && <Table.Th>所属报销单</Table.Th>}
              <Table.Th>大小</Table.Th>
              <Table.Th>添加时间</Table.Th>
              <Table.Th>经办人</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {attachments.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.fileName}</Table.Td>
                {claimId === null && <Table.Td>{a.claimId === null ? '—' : `第 ${a.claimId} 号`}</Table.Td>}
                <Table.Td>{size(a.size)}</Table.Td>
                <Table.Td>{a.addedAt.replace('T', ' ')}</Table.Td>
                <Table.Td>{a.addedBy}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button size="xs" variant="light" onClick={() => open(a)}>
                      查看
                    </Button>
                    <Button size="xs" variant="subtle" color="gray" onClick={() => setRemoving({ id: a.id, name: a.fileName })}>
                      删除
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
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
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={`删除附件“${removing?.name ?? ''}”`}>
        <Stack>
          <TextInput label="删除原因" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              取消
            </Button>
            <Button
              color="red"
              disabled={!reason.trim()}
              onClick={async () => {
                await call('attachments.remove', { id: removing!.id, reason });
                setRemoving(null);
                setReason('');
                onChanged();
              }}
            >
              确认删除
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
