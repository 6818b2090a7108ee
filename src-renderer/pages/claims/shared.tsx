// Small pieces the claims pages share: amounts, statuses, errors.
import { Badge } from '@mantine/core';
import type { ClaimStatus } from '../../../src-main/api/contract';
import { formatYuan } from '../../../src-main/shared/money';

const STATUS_COLORS: Record<ClaimStatus, string> = { 登记: 'gray', 审核: 'blue', 批准: 'green', 已发放: 'teal', 退回: 'orange' };

export function StatusBadge({ status, source }: { status: ClaimStatus; source?: string }) {
  return (
    <Badge color={source === '冲销' ? 'red' : STATUS_COLORS[status]} variant="light" size="lg">
      {source === '冲销' ? '冲销' : status}
    </Badge>
  );
}

/** 123456 → 1,234.56 元; nothing for null. */
export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : `${formatYuan(fen)} 元`);

export { done, failed } from '../../notify';

export const THIS_YEAR = new Date().getFullYear();
