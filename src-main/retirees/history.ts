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
/** Everything else that hangs off a file, named the way the office names it. */
const ENTITY: Record<string, string> = {
  claim: '报销单',
  visit: '走访记录',
  death: '病故登记',
  petition: '信访件',
  certification: '资格认证',
  adjustment: '调资核对',
  attachment: '附件',
  study_material: '学习资料领取',
};
const ACTION: Record<string, string> = { create: '新增', update: '修改', delete: '删除' };
/** Fields of those records, where they are not the file's own. */
const OTHER_FIELDS: Record<string, string> = { checkedOn: '核对日期', checkedBy: '核对人', checkNote: '核对备注', agencyFen: '经办机构调整额（分）', expectedFen: '应调金额（分）' };

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
    what: WHAT[`${e.entity}.${e.action}`] ?? `${ACTION[e.action] ?? e.action}${ENTITY[e.entity] ?? e.entity}`,
    reason: e.reason,
    changes:
      e.entity === 'person' && e.action === 'create'
        ? []
        : e.changes.map((c) => ({
            field: c.field,
            label: FIELD_LABELS[c.field] ?? OTHER_FIELDS[c.field] ?? c.field,
            before: formatValue(c.before),
            after: formatValue(c.after),
          })),
  }));
}
