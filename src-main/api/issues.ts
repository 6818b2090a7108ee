// zod's issues in words staff read.
import type { z } from 'zod';
import { FIELD_LABELS } from '../shared/person';

/** The zod issues as one sentence staff can act on: 「姓名」请填写姓名；… */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const field = [...issue.path].reverse().find((p): p is string => typeof p === 'string' && p in FIELD_LABELS);
      return field ? `「${FIELD_LABELS[field]}」${issue.message}` : issue.message;
    })
    .join('；');
}
