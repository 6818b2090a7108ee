// The save rule (DESIGN: data safety): a form sends only the fields the user changed, each with the
// value it showed when the form was loaded (`base`). A field changed by someone else since is never
// written over: the save is refused, saying what changed, to what, by whom and when. Fields nobody
// else touched are applied on top of the record as it is now, so a death registered, a unit
// assigned or an import's fill made after the form was opened is kept.
//
// This is the three-way merge that version control does per line, done per field; the version
// number alone cannot tell a harmless later change from a conflicting one.
import type { Store } from '../db/store';
import { UserError } from '../shared/errors';
import { auditFieldLabel, auditNames, formatAuditValue } from './describe';

/** What a form sends: the fields it changed, and what it showed for each of them. */
export interface Edit<T> {
  /** The version the form was loaded from. */
  version: number;
  changes: Partial<T>;
  base: Partial<T>;
}

export interface EditConflict {
  field: string;
  label: string;
  /** What the form showed, what the user typed, and what the record holds now. */
  base: unknown;
  yours: unknown;
  theirs: unknown;
  by: string | null;
  at: string | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields where `draft` differs from `base`: what a form sends. */
export function changedFields<T extends object>(base: T, draft: T): (keyof T)[] {
  return (Object.keys(draft) as (keyof T)[]).filter((k) => !same(base[k], draft[k]));
}

/** A record's audit rows, newest first. */
const auditRowsOf = (store: Store, entity: string, entityId: number) =>
  store.kysely
    .selectFrom('audit_log')
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'desc');

/** Who last changed `field` of a record, from its audit rows (newest first). */
function lastChange(store: Store, entity: string, entityId: number, field: string): { by: string; at: string } | null {
  const rows = store.all(auditRowsOf(store, entity, entityId).select(['operator', 'at', 'before', 'after']).limit(200));
  for (const r of rows) {
    const before = r.before ? (JSON.parse(r.before) as Record<string, unknown>) : {};
    const after = r.after ? (JSON.parse(r.after) as Record<string, unknown>) : {};
    if (!same(before[field], after[field])) return { by: r.operator, at: r.at };
  }
  return null;
}

export interface ApplyEditOptions<T> {
  store: Store;
  /** The audit log's entity and id, to say who changed a field since; its words name the fields. */
  entity: string;
  entityId: number;
  /** How the refusal names the record: 这份档案, 第 12 号报销单. */
  what: string;
  current: T;
}

/**
 * The record with the edit applied, or a refusal naming every field someone else changed since the
 * form was loaded. Every changed field must come with its base value: without it the rule cannot
 * be checked, so the save is refused rather than trusted.
 */
export function applyEdit<T extends object>(edit: Edit<T>, o: ApplyEditOptions<T>): T {
  const conflicts: EditConflict[] = [];
  const names = auditNames(o.store);
  const label = (field: string) => auditFieldLabel(o.entity, field) ?? field;
  // The values as the history shows them: money as yuan, units and people by name.
  const format = (field: string, v: unknown) => {
    try {
      return formatAuditValue(o.entity, field, v, names, o.current as Record<string, unknown>);
    } catch {
      // A form's shape of a value the history keeps otherwise (a claim's lines as typed).
      return Array.isArray(v) ? `${v.length} 项` : String(v);
    }
  };
  const current = o.current as Record<string, unknown>;
  const base = edit.base as Record<string, unknown>;
  for (const [field, yours] of Object.entries(edit.changes as Record<string, unknown>)) {
    if (!(field in base)) throw new UserError('invalid_input', `输入有误：修改「${label(field)}」时缺少打开时的原值`);
    const theirs = current[field];
    // Unchanged since the form was loaded, or already changed to the same value: no conflict.
    if (same(theirs, base[field]) || same(theirs, yours)) continue;
    const who = lastChange(o.store, o.entity, o.entityId, field);
    conflicts.push({
      field,
      label: label(field),
      base: base[field],
      yours,
      theirs,
      by: who?.by ?? null,
      at: who?.at ?? null,
    });
  }
  if (conflicts.length > 0) {
    const parts = conflicts.map((c) => {
      const who = c.by ? `已被${c.by}于 ${c.at!.replace('T', ' ').slice(0, 16)} ` : '已被';
      return `「${c.label}」${who}改为“${format(c.field, c.theirs)}”（您改为“${format(c.field, c.yours)}”）`;
    });
    throw new UserError(
      'conflict',
      `未保存：您打开${o.what}之后，${parts.join('；')}。为免覆盖别人的修改，本次保存没有进行。请核对后重新填写这些项目。`,
      { conflicts },
    );
  }
  return { ...o.current, ...edit.changes };
}

/**
 * A step taken on a record as it was shown (approve a claim, accept a petition) is refused when the
 * record changed since: unlike an edit it acts on the whole of what the user saw. The refusal says
 * who changed it, when and how (the audit log's newest row for the record).
 */
export function refuseIfStale(
  store: Store,
  entity: string,
  entityId: number,
  loaded: number,
  current: number,
  what: string,
): void {
  if (loaded === current) return;
  const last = store.first(
    auditRowsOf(store, entity, entityId).select(['operator', 'at', 'action', 'reason']).limit(1),
  );
  const how = last
    ? `已被${last.operator}于 ${last.at.replace('T', ' ').slice(0, 16)} ${last.reason ?? '修改'}`
    : '已被修改';
  throw new UserError('conflict', `${what}在您打开之后${how}，本次操作未进行。请重新打开，核对后再办理。`);
}

/**
 * The edit a form made to a whole object it sends back (a rule, a policy): every field where what
 * it sends differs from what it loaded. A form that loaded nothing (the record did not exist yet)
 * showed every field empty.
 */
export function editBetween<T extends object>(loaded: Partial<T> | null, sent: T): Edit<T> {
  const changes: Partial<T> = {};
  const base: Partial<T> = {};
  for (const k of Object.keys(sent) as (keyof T)[]) {
    const was = loaded ? loaded[k] : undefined;
    if (same(was, sent[k])) continue;
    changes[k] = sent[k];
    base[k] = (was ?? null) as T[keyof T];
  }
  return { version: 0, changes, base };
}
