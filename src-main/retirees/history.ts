// A file's history tab: every audited change, field by field, in words staff read.
import type { HistoryItem } from '../api/contract';
import { personHistory } from '../audit/audit';
import type { Store } from '../db/store';
import { FIELD_LABELS } from '../shared/person';

const WHAT: Record<string, string> = {
  'person.create': '建立档案',
  'person.update': '修改档案',
  'person.delete': '删除档案',
  'attachment.create': '添加附件',
  'attachment.delete': '删除附件',
};

export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (v === true) return '是';
  if (v === false) return '否';
  if (Array.isArray(v)) {
    if (v.length === 0) return '（空）';
    return v
      .map((x) => {
        if (x && typeof x === 'object' && 'number' in x) return [x.label, x.number].filter(Boolean).join(' ');
        if (x && typeof x === 'object' && 'name' in x) {
          const c = x as { name: string; relation?: string | null; phones?: { number: string }[] };
          return [c.name, c.relation && `（${c.relation}）`, c.phones?.map((p) => p.number).join('、')].filter(Boolean).join(' ');
        }
        return String(x);
      })
      .join('；');
  }
  return String(v);
}

export function historyFor(store: Store, personId: number): HistoryItem[] {
  return personHistory(store, personId).map((e) => ({
    id: e.id,
    at: e.at,
    operator: e.operator,
    what: WHAT[`${e.entity}.${e.action}`] ?? `${e.entity} ${e.action}`,
    reason: e.reason,
    changes:
      e.entity === 'person' && e.action === 'create'
        ? []
        : e.changes.map((c) => ({
            field: c.field,
            label: FIELD_LABELS[c.field] ?? c.field,
            before: formatValue(c.before),
            after: formatValue(c.after),
          })),
  }));
}
