// zod's issues in words staff read.
import type { z } from 'zod';
import { CLAIM_FIELD_LABELS } from '../shared/claimPolicy';
import { FIELD_LABELS } from '../shared/person';

const LABELS: Record<string, string> = { ...FIELD_LABELS, ...CLAIM_FIELD_LABELS };

/** The zod issues as one sentence staff can act on: 「姓名」请填写姓名；第 2 张票据「总金额」…；… */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const field = [...issue.path].reverse().find((p): p is string => typeof p === 'string' && p in LABELS);
      const lineAt = issue.path.indexOf('lines');
      const line = lineAt >= 0 && typeof issue.path[lineAt + 1] === 'number' ? `第 ${(issue.path[lineAt + 1] as number) + 1} 张票据` : '';
      return `${line}${field ? `「${LABELS[field]}」` : ''}${issue.message}`;
    })
    .join('；');
}
