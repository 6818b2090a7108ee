// The recorded changes of status and category (person_changes, migration 0019), as the statistics
// page lists them for checking, and the clerk's settling of one: 变动 or 更正, and the real date.
// A change found in the audit log when the history began, or one the file gave no date for, is
// "to check"; a settled one is confirmed, and the settling is audited like any edit.
import { nowIso, writeAudit } from '../audit/audit';
import { CHANGE_FIELDS, type ChangeView } from '../contract/statistics';
import type { Store } from '../db/store';
import { UserError } from '../shared/errors';

const SELECT = `SELECT c.id, c.person_id, p.name, c.field, c.from_value, c.to_value, c.effective_date, c.date_known,
                       c.nature, c.source, c.confirmed, c.recorded_at
                FROM person_changes c JOIN persons p ON p.id = c.person_id`;

function view(r: unknown[]): ChangeView {
  return {
    id: r[0] as number,
    personId: r[1] as number,
    name: r[2] as string,
    field: r[3] as ChangeView['field'],
    from: r[4] as string,
    to: r[5] as string,
    effectiveDate: r[6] as string,
    dateKnown: r[7] === 1,
    nature: r[8] as ChangeView['nature'],
    source: r[9] as string,
    confirmed: r[10] === 1,
    recordedAt: r[11] as string,
  };
}

export function listChanges(store: Store, q: { personId?: number; toCheck: boolean }): ChangeView[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.personId !== undefined) {
    where.push('c.person_id = ?');
    args.push(q.personId);
  }
  if (q.toCheck) where.push(`c.confirmed = 0 AND (c.date_known = 0 OR c.source = 'audit')`);
  const sqlText = `${SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c.effective_date DESC, c.id DESC LIMIT 2000`;
  return (
    store
      .prepare(sqlText)
      .raw()
      .all(...args) as unknown[][]
  ).map(view);
}

function changeById(store: Store, id: number): ChangeView {
  const r = store.prepare(`${SELECT} WHERE c.id = ?`).raw().get(id) as unknown[] | undefined;
  if (!r) throw new UserError('not_found', '没有这条变化记录');
  return view(r);
}

export function confirmChange(
  store: Store,
  input: { id: number; nature: ChangeView['nature']; effectiveDate: string | null },
): ChangeView {
  return store.tx(() => {
    const before = changeById(store, input.id);
    const date = input.effectiveDate!;
    if (date > nowIso().slice(0, 10)) throw new UserError('invalid_input', '变化日期不能晚于今天');
    store
      .prepare('UPDATE person_changes SET nature = ?, effective_date = ?, date_known = 1, confirmed = 1 WHERE id = ?')
      .run(input.nature, date, input.id);
    const after = changeById(store, input.id);
    const snapshot = (c: ChangeView) => ({
      field: CHANGE_FIELDS[c.field],
      from: c.from,
      to: c.to,
      effectiveDate: c.effectiveDate,
      nature: c.nature,
    });
    writeAudit(store, {
      entity: 'person_change',
      entityId: input.id,
      personId: before.personId,
      action: 'update',
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  });
}
