// A person's visits and care actions, newest first, with the follow-ups still to do; each says
// what happened (who led it, who went along, what was said), how a call went, and its photos.
import { Anchor, Badge, Button, Group, Image, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { AttachmentInfo } from '../../../../src-main/contract/retirees';
import type { Visit } from '../../../../src-main/contract/visits';
import { todayIso } from '../../../../src-main/shared/dates';
import { formatYuan } from '../../../../src-main/shared/money';
import { attachmentUrl, downloadAttachment, PREVIEWABLE } from '../../../api';
import { DataTable } from '../../../kit/DataTable';
import { Can } from '../../../kit/operator';
import { useRpc, useRpcMutation } from '../../../kit/rpc';

const gifts = (v: Visit) =>
  [v.moneyFen ? `${formatYuan(v.moneyFen)} 元` : '', v.items ?? ''].filter(Boolean).join('，') || '—';

/** Who went: the leader first, then the staff and those who went along. */
export const whoWent = (v: Visit) =>
  [v.leader && `带队：${v.leader}`, v.visitors, v.companions && `随同：${v.companions}`].filter(Boolean).join('；') ||
  '—';

/** What happened: the record, what the person or the family said. */
export const whatHappened = (v: Visit) =>
  [v.note, v.feedback && `反映：${v.feedback}`].filter(Boolean).join('；') || '—';

/** The kind, and for a call how it went (one not answered is marked: it is not contact). */
export function VisitKind({ visit }: { visit: Visit }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm">{visit.kind}</Text>
      {visit.callOutcome && (
        <Badge variant="light" color={visit.contact ? 'green' : 'orange'}>
          {visit.callOutcome}
        </Badge>
      )}
    </Group>
  );
}

/** A photo as a link: an image opens in place, anything else is downloaded. */
function PhotoLink({ photo }: { photo: AttachmentInfo }) {
  const [shown, { open, close }] = useDisclosure(false);
  return (
    <>
      <Anchor
        component="button"
        type="button"
        size="sm"
        onClick={(e) => {
          e.stopPropagation();
          if (PREVIEWABLE.includes(photo.mime)) open();
          else downloadAttachment('person', photo.id);
        }}
      >
        {photo.fileName}
      </Anchor>
      {shown && (
        <Modal opened onClose={close} title={photo.fileName} size="xl">
          <Stack>
            <Image src={attachmentUrl('person', photo.id, { preview: true })} alt={photo.fileName} />
          </Stack>
        </Modal>
      )}
    </>
  );
}

/** A visit's photos. */
export function VisitPhotos({ photos }: { photos: AttachmentInfo[] }) {
  if (photos.length === 0) return <>—</>;
  return (
    <Group gap="xs">
      {photos.map((p) => (
        <PhotoLink key={p.id} photo={p} />
      ))}
    </Group>
  );
}

export function VisitsSection({ personId }: { personId: number }) {
  const visits = useRpc('visits.list', { personId });
  // A follow-up done leaves the home page's reminders too.
  const followUpDone = useRpcMutation('visits.followUpDone', { invalidates: ['visits.list', 'reminders.get'] });
  if (visits.data?.length === 0) return <Text c="dimmed">还没有走访慰问记录。</Text>;
  return (
    <DataTable<Visit>
      records={visits.data ?? []}
      fetching={visits.isPending}
      minHeight={visits.isPending ? 120 : undefined}
      rowLabel={(v) => `${v.date} ${v.kind}${v.callOutcome ? `，${v.callOutcome}` : ''}`}
      columns={[
        { accessor: 'date', title: '日期', width: 120 },
        { accessor: 'kind', title: '类别', width: 170, render: (v) => <VisitKind visit={v} /> },
        { accessor: 'visitors', title: '走访人', render: whoWent },
        { accessor: 'moneyFen', title: '慰问金、物品', render: gifts },
        { accessor: 'note', title: '情况', render: whatHappened },
        { accessor: 'photos', title: '照片', render: (v) => <VisitPhotos photos={v.photos} /> },
        {
          accessor: 'followUpOn',
          title: '回访',
          render: (v) =>
            v.followUpOn &&
            (v.followUpDoneAt ? (
              <Text size="sm">已回访（{v.followUpDoneAt.slice(0, 10)}）</Text>
            ) : (
              <Group gap="xs" wrap="nowrap">
                <Badge size="lg" color={v.followUpOn < todayIso() ? 'red' : 'blue'} variant="light">
                  {v.followUpOn}
                </Badge>
                <Can method="visits.followUpDone">
                  <Button
                    size="compact-md"
                    variant="subtle"
                    loading={followUpDone.isPending && followUpDone.variables?.id === v.id}
                    onClick={() => followUpDone.mutate({ id: v.id })}
                  >
                    已回访
                  </Button>
                </Can>
              </Group>
            )),
        },
      ]}
    />
  );
}
