// The contract of the access log (访问记录, issue 18 part 4, PIPL Art. 51): who opened which file,
// who exported or printed which list, who revealed a masked field. The router writes it (a method
// declares its access, contract/common.ts `Access`); these methods read it, for administrators only.
// There is no method that deletes from it: it is kept three years at least.
import { z } from 'zod';
import { optionalFullDate } from '../shared/dateSchemas';
import { ACCESS_KINDS, type AccessKind, method, text } from './common';

export const ACCESS_KIND_LABELS: Record<AccessKind, string> = {
  open: '查看档案',
  export: '导出',
  print: '打印',
  reveal: '显示完整信息',
};

/** Which rows of the log: each filter optional, the dates inclusive. */
export const AccessFilter = z.object({
  operator: text(50),
  /** Part of a person's name. */
  person: text(50),
  from: optionalFullDate('起始日期'),
  to: optionalFullDate('截止日期'),
  kind: z
    .enum(ACCESS_KINDS)
    .nullish()
    .transform((v) => v ?? null),
});
export type AccessFilter = z.output<typeof AccessFilter>;

export const AccessQuery = AccessFilter.extend({
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(500).default(100),
});
export type AccessQuery = z.output<typeof AccessQuery>;

export interface AccessEntry {
  id: number;
  at: string;
  operator: string;
  kind: AccessKind;
  kindLabel: string;
  what: string;
  personId: number | null;
  personName: string | null;
  rows: number | null;
  filter: string | null;
}

export interface AccessPage {
  total: number;
  page: number;
  pageSize: number;
  rows: AccessEntry[];
}

export const accessLogMethods = {
  'accessLog.list': method<AccessPage>()(AccessQuery, 'admin'),
  'accessLog.export': method<{ fileName: string; count: number; dataBase64: string }>()(AccessFilter, 'admin', {
    access: 'export',
    what: '导出访问记录',
  }),
} as const;
