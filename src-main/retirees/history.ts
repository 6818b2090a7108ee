// A file's history tab: every audited change, field by field, in words staff read (audit/describe).
import type { HistoryItem } from '../contract/retirees';
import { personHistory } from '../audit/audit';
import { auditNames, describeAudit, formatAuditValue, importReason } from '../audit/describe';
import type { Store } from '../db/store';
import { maskBankAccount, maskIdNumber, maskPhone } from '../shared/mask';

/** A run of digits that reads as a phone number (with its dashes and spaces), in a formatted value. */
const PHONE_IN_TEXT = /[0-9０-９][0-9０-９\-－\s]{5,}[0-9０-９]/g;
const MASK_TEXT: Record<string, (text: string) => string> = {
  idNumber: (t) => maskIdNumber(t) ?? t,
  bankAccount: (t) => maskBankAccount(t) ?? t,
  phones: (t) => t.replace(PHONE_IN_TEXT, maskPhone),
  contacts: (t) => t.replace(PHONE_IN_TEXT, maskPhone),
};

/**
 * A change as the history tab shows it: an ID number, phone or bank account before and after
 * masked like the file itself (shared/mask.ts); the full value is revealed on the file, for a reason.
 */
function maskedChange(c: HistoryItem['changes'][number]): HistoryItem['changes'][number] {
  const mask = MASK_TEXT[c.field];
  // An empty value is shown as a dash or similar words, with no digits to hide.
  const keep = (t: string) => !/[0-9]{5}/.test(t);
  return mask
    ? { ...c, before: keep(c.before) ? c.before : mask(c.before), after: keep(c.after) ? c.after : mask(c.after) }
    : c;
}

export function historyFor(store: Store, personId: number): HistoryItem[] {
  const names = auditNames(store);
  const entries = personHistory(store, personId);
  const items: HistoryItem[] = entries.map((e) => {
    const { what, changes } = describeAudit(e, names);
    // A new file is one line (建立档案): its fields are the file itself, shown above the tab.
    return {
      id: e.id,
      at: e.at,
      operator: e.operator,
      what,
      reason: e.reason,
      changes: e.entity === 'person' && e.action === 'create' ? [] : changes.map(maskedChange),
    };
  });
  if (!entries.some((e) => e.entity === 'person' && e.action === 'create')) {
    const created = createdByImport(store, personId);
    if (created) items.push(created);
  }
  return items;
}

/**
 * A file an import created has no audit row of its own: the import's log is the audit of what it
 * created (importer/commit.ts), so its creation is read from there, the oldest line of its
 * history. Its id is the log row's, negative, so that it is never an audit row's.
 */
function createdByImport(store: Store, personId: number): HistoryItem | null {
  const row = store.first(
    store.kysely
      .selectFrom('import_rows as r')
      .innerJoin('imports as i', 'i.id', 'r.import_id')
      .select(['r.id', 'i.at', 'i.operator', 'i.file_name'])
      .where('r.person_id', '=', personId)
      .where('r.outcome', '=', 'inserted')
      .where('i.kind', '=', 'roster')
      .orderBy('r.id')
      .limit(1),
  );
  if (!row) return null;
  const { what } = describeAudit({ entity: 'person', action: 'create', before: null, after: null, changes: [] });
  return { id: -row.id, at: row.at, operator: row.operator, what, reason: importReason(row.file_name), changes: [] };
}

/** One value of a file's field as the history shows it (a refusal quoting a value says it the same way). */
export function formatValue(v: unknown, field = ''): string {
  return formatAuditValue('person', field, v);
}
