// The audit log: every change to a person (and later a claim or a payment) writes who, when,
// which record, before and after, in the same transaction as the change (DESIGN: data safety).
import type { Store } from '../db/store';
import { currentOperator } from '../settings/settings';

export type AuditAction = 'create' | 'update' | 'delete';

export interface AuditEntry {
  entity: string;
  entityId: number;
  personId: number | null;
  action: AuditAction;
  before: object | null;
  after: object | null;
  reason?: string | null;
  /** Who did it, where it is not the configured operator (the demo data, a system task). */
  operator?: string;
}

export function nowIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function writeAudit(store: Store, entry: AuditEntry): void {
  // One row per saved record, 50,000 in a large import: a prepared statement.
  store
    .prepare(
      `INSERT INTO audit_log (at, operator, entity, entity_id, person_id, action, before, after, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      nowIso(),
      entry.operator ?? currentOperator(store),
      entry.entity,
      entry.entityId,
      entry.personId,
      entry.action,
      entry.before === null ? null : JSON.stringify(entry.before),
      entry.after === null ? null : JSON.stringify(entry.after),
      entry.reason ?? null,
    );
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields that differ between two snapshots of a record. */
export function diffSnapshots(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of keys) {
    const b = before?.[field] ?? null;
    const a = after?.[field] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ field, before: b, after: a });
  }
  return changes;
}

export interface HistoryEntry {
  id: number;
  at: string;
  operator: string;
  entity: string;
  action: AuditAction;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changes: FieldChange[];
}

/** An audit_log row as the history reads it: its snapshots parsed, the fields that differ. */
export function historyEntry(r: {
  id: number;
  at: string;
  operator: string;
  entity: string;
  action: string;
  reason: string | null;
  before: string | null;
  after: string | null;
}): HistoryEntry {
  const before = r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null;
  const after = r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null;
  return {
    id: r.id,
    at: r.at,
    operator: r.operator,
    entity: r.entity,
    action: r.action as AuditAction,
    reason: r.reason,
    before,
    after,
    changes: diffSnapshots(before, after),
  };
}

/** A person's history, newest first: every audited change to their file and what hangs off it. */
export function personHistory(store: Store, personId: number): HistoryEntry[] {
  const rows = store.all(
    store.kysely.selectFrom('audit_log').selectAll().where('person_id', '=', personId).orderBy('id', 'desc'),
  );
  return rows.map(historyEntry);
}
