// A file's history tab: every audited change, field by field, in words staff read (audit/describe).
import type { HistoryItem } from '../api/contract';
import { personHistory } from '../audit/audit';
import { auditNames, describeAudit, formatAuditValue } from '../audit/describe';
import type { Store } from '../db/store';

export function historyFor(store: Store, personId: number): HistoryItem[] {
  const names = auditNames(store);
  return personHistory(store, personId).map((e) => {
    const { what, changes } = describeAudit(e, names);
    // A new file is one line (建立档案): its fields are the file itself, shown above the tab.
    return { id: e.id, at: e.at, operator: e.operator, what, reason: e.reason, changes: e.entity === 'person' && e.action === 'create' ? [] : changes };
  });
}

/** One value of a file's field as the history shows it (a refusal quoting a value says it the same way). */
export function formatValue(v: unknown, field = ''): string {
  return formatAuditValue('person', field, v);
}
