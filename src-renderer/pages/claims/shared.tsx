// Small pieces the claims pages share: amounts, statuses, errors.
import { Alert, Badge } from '@mantine/core';
import type { ClaimStatus } from '../../../src-main/contract/claims';
import { formatYuan } from '../../../src-main/shared/money';

const STATUS_COLORS: Record<ClaimStatus, string> = {
  登记: 'gray',
  审核: 'blue',
  批准: 'green',
  已发放: 'teal',
  退回: 'orange',
};

export function StatusBadge({ status, source }: { status: ClaimStatus; source?: string }) {
  return (
    <Badge color={source === '冲销' ? 'red' : STATUS_COLORS[status]} variant="light" size="lg">
      {source === '冲销' ? '冲销' : status}
    </Badge>
  );
}

/** 123456 → 1,234.56 元; nothing for null. */
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '—' : `${formatYuan(fen)} 元`;

/** A read that failed, said where its content would have been. */
export function LoadFailed({ error }: { error: Error }) {
  return (
    <Alert color="red" title="未能读取" mt="md" role="alert">
      {error.message}
    </Alert>
  );
}

/** A year as typed into a year box, or null while it is no year the contract takes (typing “202”). */
export const validYear = (y: number) => (Number.isInteger(y) && y >= 1949 && y <= 2200 ? y : null);

export { done, failed } from '../../notify';

export const THIS_YEAR = new Date().getFullYear();
