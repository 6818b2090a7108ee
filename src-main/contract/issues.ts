// zod's issues in words staff read.
import type { z } from 'zod';
import { CLAIM_FIELD_LABELS } from '../shared/claimPolicy';
import { FIELD_LABELS } from '../shared/fields';

const LABELS: Record<string, string> = { ...FIELD_LABELS, ...CLAIM_FIELD_LABELS };

/** Names that mean the same thing in every method's input. */
const COMMON_LABELS: Record<string, string> = {
  fileName: '文件名',
  note: '备注',
  reason: '原因',
  sheet: '工作表',
  columns: '导出列',
  // The roster's filter (ListQuery), in retirees.list, org.assign, visits.createBatch …
  categories: '人员类别',
  statuses: '人员状态',
  care: '关爱对象',
};

/**
 * The labels for a method's fields. A field name means different things in different methods
 * (`name` is 姓名 in a person's file, but a backup's file name in backups.restore and a unit's
 * name in org.*), so the person's and the claim's labels apply to their own methods only.
 */
export function labelsFor(method: string): Record<string, string> {
  if (method.startsWith('retirees.')) return { ...COMMON_LABELS, ...FIELD_LABELS };
  if (method.startsWith('claims.')) return { ...COMMON_LABELS, ...CLAIM_FIELD_LABELS };
  return COMMON_LABELS;
}

/** The zod issues as one sentence staff can act on: 「姓名」请填写姓名；第 2 张票据「总金额」…；… */
export function describeIssues(error: z.ZodError, labels: Record<string, string> = LABELS): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const field = [...issue.path]
        .reverse()
        .find((p): p is string => typeof p === 'string' && Object.prototype.hasOwnProperty.call(labels, p));
      const lineAt = issue.path.indexOf('lines');
      const line =
        lineAt >= 0 && typeof issue.path[lineAt + 1] === 'number'
          ? `第 ${(issue.path[lineAt + 1] as number) + 1} 张票据`
          : '';
      return `${line}${field ? `「${labels[field]}」` : ''}${issue.message}`;
    })
    .join('；');
}
