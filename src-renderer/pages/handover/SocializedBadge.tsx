// The 社会化管理 flag on a file's header: since when and in which 社区 the person is managed by the
// community (org/handover.ts); a handover still planned says so. A click opens the project.
import { Badge, Tooltip } from '@mantine/core';
import { formatChineseDate } from '../../../src-main/shared/dates';
import { SOCIALIZED } from '../../../src-main/shared/handover';
import { useRpc } from '../../kit/rpc';
import { navigate } from '../../route';

export function SocializedBadge({ personId, status }: { personId: number; status: string }) {
  const handovers = useRpc('handover.ofPerson', { personId }).data ?? [];
  const h = handovers[0];
  if (!h) return null;
  const open = () => navigate('/org', { view: 'handover', project: String(h.projectId) });
  if (!h.handedOverOn)
    return (
      <Tooltip label={`列入“${h.projectName}”，尚未办结`}>
        <Badge size="lg" variant="outline" color="teal" style={{ cursor: 'pointer' }} onClick={open}>
          社会化移交中
        </Badge>
      </Tooltip>
    );
  const where = `${h.street ?? ''}${h.community ?? ''}`;
  return (
    <Tooltip label={`${h.projectName}：${formatChineseDate(h.handedOverOn)}移交${where}`}>
      <Badge size="lg" variant="light" color="teal" style={{ cursor: 'pointer' }} onClick={open}>
        {status === '在册'
          ? `${SOCIALIZED} · ${formatChineseDate(h.handedOverOn)} · ${h.community ?? ''}`
          : `档案已移交${h.community ?? ''}`}
      </Badge>
    </Tooltip>
  );
}
