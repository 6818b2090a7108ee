// Organisation units (行政大组/小组, 党支部/党小组) a person can be placed in. Their management
// (moving, merging, leaders) comes with the organisation network; here they can be listed and added.
import type { OrgUnit } from '../contract/org';
import { nowIso } from '../audit/audit';
import type { Store } from '../db/store';
import { UserError } from '../shared/errors';
import { isGroupKind, PARENT_KIND } from '../shared/org';
import { compareUnitNames } from '../shared/unitOrder';

/**
 * The order units are listed in everywhere: by kind (as the database has always ordered them), by
 * the office's own order where it set one, then by name as a person counts (第二 before 第十二).
 */
export function compareUnits(
  a: { kind: string; sort: number; name: string; id: number },
  b: { kind: string; sort: number; name: string; id: number },
): number {
  // Kinds compare by code point, as SQLite's BINARY collation did in the ORDER BY this replaces.
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.sort - b.sort || compareUnitNames(a.name, b.name) || a.id - b.id;
}

export function listUnits(store: Store): OrgUnit[] {
  return store
    .all(store.kysely.selectFrom('org_units').select(['id', 'kind', 'name', 'parent_id', 'sort']))
    .sort(compareUnits)
    .map((u) => ({ id: u.id, kind: u.kind, name: u.name, parentId: u.parent_id }));
}

export function createUnit(store: Store, input: { kind: string; name: string; parentId: number | null }): OrgUnit {
  if (!isGroupKind(input.kind)) throw new UserError('invalid_input', '组织类型不正确');
  const parentKind = PARENT_KIND[input.kind];
  return store.tx(() => {
    if (parentKind === null && input.parentId !== null)
      throw new UserError('invalid_input', `${input.kind}不能隶属于其他组织`);
    if (parentKind !== null) {
      const parent =
        input.parentId === null
          ? undefined
          : store.first(store.kysely.selectFrom('org_units').select('kind').where('id', '=', input.parentId));
      if (!parent || parent.kind !== parentKind)
        throw new UserError('invalid_input', `${input.kind}须隶属于一个${parentKind}`);
    }
    const dup = store.first(
      store.kysely.selectFrom('org_units').select('id').where('kind', '=', input.kind).where('name', '=', input.name),
    );
    if (dup) throw new UserError('duplicate', `已有名为“${input.name}”的${input.kind}`);
    const id = Number(
      store.run(
        store.kysely
          .insertInto('org_units')
          .values({ kind: input.kind, name: input.name, parent_id: input.parentId, created_at: nowIso() }),
      ).lastInsertRowid,
    );
    return { id, kind: input.kind, name: input.name, parentId: input.parentId };
  });
}
