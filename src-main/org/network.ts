// The organisation network (组织网络). Two kinds of unit, one way of working with them:
// - groups: 行政大组 → 行政小组 and 党支部 → 党小组, rows of org_units that a file points at
//   (persons.admin_group_id, .admin_subgroup_id, .party_branch_id, .party_group_id);
// - places: 片区 → 楼栋, the names a file already carries in its address (persons.area, .building),
//   as the rosters give them; place_units keeps only a place's leader, phone and notes.
// A unit is named by a UnitRef. Membership changes (moving a unit, merging two, assigning people in
// bulk from a list filter) all go through `applyMembership`: each person whose file changes is
// updated and audited (who, when, the unit before and after), in one transaction.
import type { PrintableView } from '../contract/common';
import { unitKey as refKey, type NetworkUnit, type UnitFigures, type UnitMember, type UnitRef } from '../contract/org';
import type { ListQuery } from '../contract/retirees';
import { nowIso, writeAudit } from '../audit/audit';
import type { Selectable } from 'kysely';
import type { OrgUnitsTable } from '../db/schema';
import type { Store } from '../db/store';
import { html } from '../documents/html';
import { printable, ruledListCss } from '../documents/print';
import { conditions } from '../retirees/list';
import { parsePhones } from '../retirees/persons';
import { getOfficeSettings } from '../settings/settings';
import { ageOn, bornOnOrBefore, formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { CHILD_KIND, PARENT_KIND, type GroupKind } from '../shared/org';
import { isPartyMember, PARTY_MEMBER_STATUSES } from '../shared/person';
import { compareUnitNames } from '../shared/unitOrder';
import { compareUnits } from './units';
import { fieldColumn, SEQ_COLUMN } from '../documents/columns';
import { tableWorkbook, type TableColumn } from '../documents/tableWorkbook';

type MemberColumn = 'admin_group_id' | 'admin_subgroup_id' | 'party_branch_id' | 'party_group_id';
const COLUMN: Record<GroupKind, MemberColumn> = {
  行政大组: 'admin_group_id',
  行政小组: 'admin_subgroup_id',
  党支部: 'party_branch_id',
  党小组: 'party_group_id',
};
/** How the history tab names each membership field (as the file's own snapshot does). */
const FIELD = {
  admin_group_id: 'adminGroupId',
  admin_subgroup_id: 'adminSubgroupId',
  party_branch_id: 'partyBranchId',
  party_group_id: 'partyGroupId',
  area: 'area',
  building: 'building',
} as const satisfies Record<MemberColumn | 'area' | 'building', string>;
/** A membership change as the audit log keeps it: the file's fields, units by name. */
type MembershipSnapshot = Partial<Record<(typeof FIELD)[keyof typeof FIELD], string | number | null>>;

/** A row of org_units; its kind is one of the four (the table's CHECK). */
type GroupRow = Omit<Selectable<OrgUnitsTable>, 'kind'> & { kind: GroupKind };

const groups = (store: Store) => store.kysely.selectFrom('org_units').selectAll().$narrowType<{ kind: GroupKind }>();

function group(store: Store, id: number, kind?: GroupKind): GroupRow {
  const g = store.first(groups(store).where('id', '=', id));
  if (!g || (kind && g.kind !== kind)) throw new UserError('not_found', `没有找到这个${kind ?? '组织'}`);
  return g;
}

/** The unit's members as a WHERE clause over persons (status not included). */
function memberWhere(ref: UnitRef): { sql: string; params: (string | number)[] } {
  if (ref.kind === '片区') return { sql: "coalesce(area, '') = ?", params: [ref.area] };
  if (ref.kind === '楼栋') return { sql: "coalesce(area, '') = ? AND building = ?", params: [ref.area, ref.building] };
  return { sql: `${COLUMN[ref.kind]} = ?`, params: [ref.id] };
}

export function unitTitle(store: Store, ref: UnitRef): string {
  if (ref.kind === '片区') return `${ref.area || '（未分片区）'}片区`;
  if (ref.kind === '楼栋') return `${ref.area ? `${ref.area}片区` : ''}${ref.building}`;
  return group(store, ref.id, ref.kind).name;
}

// --- figures and the tree ------------------------------------------------------------------------

/** The party members' 政治面貌 as an SQL list: the program's own words, not input. */
const PARTY_SQL = PARTY_MEMBER_STATUSES.map((s) => `'${s}'`).join(', ');

function figuresBy(
  store: Store,
  keySql: string,
  where: string,
  today: string,
  params: (string | number)[] = [],
): Map<string, UnitFigures> {
  const year = today.slice(0, 4);
  const rows = store
    .prepare(
      `SELECT ${keySql} AS k,
              coalesce(sum(status = '在册'), 0) AS members,
              coalesce(sum(status = '在册' AND birth_date <= ?), 0) AS over80,
              coalesce(sum(status = '在册' AND birth_date <= ?), 0) AS over90,
              coalesce(sum(status = '在册' AND living = '独居'), 0) AS livingAlone,
              coalesce(sum(status = '在册' AND care_disability IS NOT NULL), 0) AS disabled,
              coalesce(sum(status = '在册' AND political_status IN (${PARTY_SQL})), 0) AS partyMembers,
              coalesce(sum(status = '已故' AND substr(status_date, 1, 4) = ?), 0) AS diedThisYear
       FROM persons WHERE ${where} GROUP BY k`,
    )
    .all(bornOnOrBefore(80, today), bornOnOrBefore(90, today), year, ...params) as (UnitFigures & {
    k: string | number;
  })[];
  return new Map(rows.map(({ k, ...f }) => [String(k), f]));
}

const NO_FIGURES: UnitFigures = {
  members: 0,
  over80: 0,
  over90: 0,
  livingAlone: 0,
  disabled: 0,
  partyMembers: 0,
  diedThisYear: 0,
};

/** What the office records about a unit: its leader (on file or by name), phone and note. */
interface UnitRecord {
  leader: string | null;
  leader_person_id: number | null;
  phone: string | null;
  note: string | null;
}

function unitView(
  store: Store,
  ref: UnitRef,
  name: string,
  parentKey: string | null,
  rec: UnitRecord | undefined,
  figures: UnitFigures | undefined,
): NetworkUnit {
  const onFile = rec?.leader_person_id
    ? store.first(store.kysely.selectFrom('persons').select('name').where('id', '=', rec.leader_person_id))
    : undefined;
  return {
    ref,
    key: refKey(ref),
    name,
    parentKey,
    leader: onFile?.name ?? rec?.leader ?? null,
    leaderPersonId: rec?.leader_person_id ?? null,
    phone: rec?.phone ?? null,
    note: rec?.note ?? null,
    figures: figures ?? NO_FIGURES,
  };
}

const groupParentKey = (g: GroupRow) =>
  g.parent_id === null ? null : refKey({ kind: PARENT_KIND[g.kind]!, id: g.parent_id });
const placeName = (ref: UnitRef & { kind: '片区' | '楼栋' }) =>
  ref.kind === '片区' ? ref.area || '（未分片区）' : ref.building;
const placeParentKey = (ref: UnitRef & { kind: '片区' | '楼栋' }) =>
  ref.kind === '楼栋' ? refKey({ kind: '片区', area: ref.area }) : null;

/** Every unit, groups and places, with its leader and its figures. */
export function networkTree(store: Store, today = todayIso()): NetworkUnit[] {
  const out: NetworkUnit[] = [];
  const all = store.all(groups(store)).sort(compareUnits);
  const byColumn = Object.fromEntries(
    (Object.entries(COLUMN) as [GroupKind, MemberColumn][]).map(([kind, col]) => [
      kind,
      figuresBy(store, col, `${col} IS NOT NULL`, today),
    ]),
  ) as Record<GroupKind, Map<string, UnitFigures>>;
  for (const g of all)
    out.push(
      unitView(store, { kind: g.kind, id: g.id }, g.name, groupParentKey(g), g, byColumn[g.kind].get(String(g.id))),
    );
  // Places: every 片区 and 楼栋 a file names, and those the office has recorded a leader for.
  const places = store.all(store.kysely.selectFrom('place_units').selectAll());
  const info = new Map(places.map((p) => [`${p.area}/${p.building}`, p]));
  const areaFigures = figuresBy(store, "coalesce(area, '')", '(area IS NOT NULL OR building IS NOT NULL)', today);
  const buildingFigures = figuresBy(store, "coalesce(area, '') || '/' || building", 'building IS NOT NULL', today);
  const areas = new Set([...areaFigures.keys(), ...places.map((p) => p.area)]);
  const buildings = new Set([
    ...buildingFigures.keys(),
    ...places.filter((p) => p.building !== '').map((p) => `${p.area}/${p.building}`),
  ]);
  const place = (ref: UnitRef & { kind: '片区' | '楼栋' }, key: string, figures: UnitFigures | undefined) =>
    out.push(unitView(store, ref, placeName(ref), placeParentKey(ref), info.get(key), figures));
  for (const area of [...areas].sort(compareUnitNames))
    place({ kind: '片区', area }, `${area}/`, areaFigures.get(area));
  const split = (key: string) => [key.slice(0, key.lastIndexOf('/')), key.slice(key.lastIndexOf('/') + 1)] as const;
  const byPlace = (a: string, b: string) =>
    compareUnitNames(split(a)[0], split(b)[0]) || compareUnitNames(split(a)[1], split(b)[1]);
  for (const key of [...buildings].sort(byPlace)) {
    const [area, building] = split(key);
    place({ kind: '楼栋', area, building }, key, buildingFigures.get(key));
  }
  return out;
}

/** One unit, as the tree shows it, read alone (its own figures, not the whole organisation's). */
export function networkUnit(store: Store, ref: UnitRef, today = todayIso()): NetworkUnit {
  const w = memberWhere(ref);
  const figures = figuresBy(store, '1', w.sql, today, w.params).get('1');
  if (ref.kind === '片区' || ref.kind === '楼栋') {
    const rec = store.first(
      store.kysely
        .selectFrom('place_units')
        .selectAll()
        .where('area', '=', ref.area)
        .where('building', '=', ref.kind === '楼栋' ? ref.building : ''),
    );
    if (!rec && !figures) throw new UserError('not_found', '没有找到这个组织');
    return unitView(store, ref, placeName(ref), placeParentKey(ref), rec, figures);
  }
  const g = group(store, ref.id, ref.kind);
  return unitView(store, ref, g.name, groupParentKey(g), g, figures);
}

function placeOrNull(store: Store, ref: UnitRef & { kind: '片区' | '楼栋' }): NetworkUnit | null {
  try {
    return networkUnit(store, ref);
  } catch (e) {
    if (e instanceof UserError && e.code === 'not_found') return null;
    throw e;
  }
}

// --- a unit's details ---------------------------------------------------------------------------

export interface UnitInfo {
  name?: string;
  leaderPersonId: number | null;
  leader: string | null;
  phone: string | null;
  note: string | null;
}

export function saveUnitInfo(store: Store, ref: UnitRef, input: UnitInfo): NetworkUnit {
  return store.tx(() => {
    // A place the office names here for the first time has no record yet: nothing before.
    const before = ref.kind === '片区' || ref.kind === '楼栋' ? placeOrNull(store, ref) : networkUnit(store, ref);
    if (input.leaderPersonId !== null) {
      const p = store.first(store.kysely.selectFrom('persons').select('status').where('id', '=', input.leaderPersonId));
      if (!p) throw new UserError('not_found', '所选组长不在档案中');
    }
    // A leader who is a retiree on file is named by the file; a staff member by name.
    const leader = input.leaderPersonId === null ? input.leader : null;
    if (ref.kind === '片区' || ref.kind === '楼栋') {
      const building = ref.kind === '楼栋' ? ref.building : '';
      store
        .prepare(
          `INSERT INTO place_units (area, building, leader_person_id, leader, phone, note) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (area, building) DO UPDATE SET leader_person_id = excluded.leader_person_id, leader = excluded.leader, phone = excluded.phone, note = excluded.note`,
        )
        .run(ref.area, building, input.leaderPersonId, leader, input.phone, input.note);
    } else {
      const g = group(store, ref.id, ref.kind);
      const name = input.name?.trim() || g.name;
      if (
        name !== g.name &&
        store.prepare('SELECT 1 FROM org_units WHERE kind = ? AND name = ? AND id <> ?').get(g.kind, name, g.id)
      ) {
        throw new UserError('duplicate', `已有名为“${name}”的${g.kind}`);
      }
      store
        .prepare('UPDATE org_units SET name = ?, leader_person_id = ?, leader = ?, phone = ?, note = ? WHERE id = ?')
        .run(name, input.leaderPersonId, leader, input.phone, input.note, g.id);
    }
    const after = networkUnit(store, ref);
    auditUnit(store, ref, 'update', before ? pickInfo(before) : null, pickInfo(after), null);
    return after;
  });
}

const pickInfo = (u: NetworkUnit) => ({ name: u.name, leader: u.leader, phone: u.phone, note: u.note });

/** What the audit log keeps of a unit (typed, so that tests/audit-words.test.ts sees its keys). */
type UnitSnapshot = Partial<ReturnType<typeof pickInfo>> & { parent?: string | null };

/** A unit's own changes (its name, leader, place in the tree) in the audit log, apart from any file's. */
function auditUnit(
  store: Store,
  ref: UnitRef,
  action: 'update' | 'delete',
  before: UnitSnapshot | null,
  after: UnitSnapshot | null,
  reason: string | null,
) {
  writeAudit(store, {
    entity: 'org_unit',
    entityId: 'id' in ref ? ref.id : 0,
    personId: null,
    action,
    before: { unit: refKey(ref), ...before },
    after: after && { unit: refKey(ref), ...after },
    reason,
  });
}

// --- membership changes ---------------------------------------------------------------------------

type Membership = Record<MemberColumn, number | null> & { area: string | null; building: string | null };

/**
 * Sets what `change` returns on each person's file, where it differs; each change audited with the
 * units by name. Returns how many files changed.
 */
function applyMembership(
  store: Store,
  personIds: Iterable<number>,
  change: (m: Membership) => Partial<Membership>,
  reason: string,
): number {
  // Raw: run for each of the thousands of people a bulk assignment or a merge can move.
  const read = store.prepare(
    'SELECT admin_group_id, admin_subgroup_id, party_branch_id, party_group_id, area, building FROM persons WHERE id = ?',
  );
  const unitName = store.prepare('SELECT name FROM org_units WHERE id = ?');
  const shown = (col: keyof Membership, v: number | string | null) =>
    v === null || col === 'area' || col === 'building'
      ? v
      : ((unitName.get(v) as { name: string } | undefined)?.name ?? null);
  const now = nowIso();
  let changed = 0;
  for (const id of personIds) {
    const m = read.get(id) as Membership;
    const next = change(m);
    const cols = (Object.keys(next) as (keyof Membership)[]).filter((c) => next[c] !== undefined && next[c] !== m[c]);
    if (!cols.length) continue;
    store
      .prepare(
        `UPDATE persons SET ${cols.map((c) => `${c} = ?`).join(', ')}, version = version + 1, updated_at = ? WHERE id = ?`,
      )
      .run(...cols.map((c) => next[c] ?? null), now, id);
    writeAudit(store, {
      entity: 'person',
      entityId: id,
      personId: id,
      action: 'update',
      before: Object.fromEntries(cols.map((c) => [FIELD[c], shown(c, m[c])])) as MembershipSnapshot,
      after: Object.fromEntries(cols.map((c) => [FIELD[c], shown(c, next[c] ?? null)])) as MembershipSnapshot,
      reason,
    });
    changed++;
  }
  return changed;
}

/** Everyone the unit holds, the deceased too: when a unit moves or merges, their history goes with it. */
function membersOf(store: Store, ref: UnitRef): number[] {
  const w = memberWhere(ref);
  return (store.prepare(`SELECT id FROM persons WHERE ${w.sql}`).all(...w.params) as { id: number }[]).map((r) => r.id);
}

/** What a person's file says when they join a unit: a 小组 brings its 大组, a 大组 keeps a 小组 only if it belongs to it. */
function joining(store: Store, ref: UnitRef): (m: Membership) => Partial<Membership> {
  if (ref.kind === '片区') return () => ({ area: ref.area || null });
  if (ref.kind === '楼栋') return () => ({ area: ref.area || null, building: ref.building });
  const g = group(store, ref.id, ref.kind);
  const col = COLUMN[g.kind];
  const parentKind = PARENT_KIND[g.kind];
  if (parentKind) return () => ({ [col]: g.id, [COLUMN[parentKind]]: g.parent_id });
  const childKind = CHILD_KIND[g.kind]!;
  const childCol = COLUMN[childKind];
  // Raw: asked for each person applyMembership moves.
  const childParent = store.prepare('SELECT parent_id FROM org_units WHERE id = ?');
  return (m) => {
    const sub = m[childCol];
    const keep = sub !== null && (childParent.get(sub) as { parent_id: number | null } | undefined)?.parent_id === g.id;
    return { [col]: g.id, [childCol]: keep ? sub : null };
  };
}

/** Assigns everyone on the roll a list filter finds (every page) to a unit; the deceased and those moved away stay where they were. */
export function assignToUnit(
  store: Store,
  query: ListQuery,
  ref: UnitRef,
  today = todayIso(),
): { matched: number; changed: number } {
  return store.tx(() => {
    const ids = store
      .all(
        store.kysely
          .selectFrom('persons')
          .select('id')
          .where((eb) => conditions(eb, query, today))
          .where('status', '=', '在册'),
      )
      .map((r) => r.id);
    const title = unitTitle(store, ref);
    if (ref.kind === '楼栋' && !ref.building.trim()) throw new UserError('invalid_input', '请填写楼栋名称');
    return { matched: ids.length, changed: applyMembership(store, ids, joining(store, ref), `批量分配到${title}`) };
  });
}

/** Moves a 行政小组 / 党小组 under another parent, or a 楼栋 to another 片区; its members follow. */
export function moveUnit(store: Store, ref: UnitRef, toParent: UnitRef): NetworkUnit {
  return store.tx(() => {
    if (ref.kind === '楼栋') {
      if (toParent.kind !== '片区') throw new UserError('invalid_input', '楼栋只能移到另一个片区');
      if (toParent.area === ref.area) throw new UserError('invalid_input', '楼栋已在这个片区');
      const target: UnitRef = { kind: '楼栋', area: toParent.area, building: ref.building };
      applyMembership(
        store,
        membersOf(store, ref),
        joining(store, target),
        `${ref.building}由${ref.area || '（未分片区）'}片区移至${toParent.area}片区`,
      );
      movePlaceInfo(store, ref, target);
      return networkUnit(store, target);
    }
    if (ref.kind === '片区') throw new UserError('invalid_input', '片区没有上级，不能移动；可以合并到另一个片区');
    const g = group(store, ref.id, ref.kind);
    const parentKind = PARENT_KIND[g.kind];
    if (!parentKind) throw new UserError('invalid_input', `${g.kind}没有上级，不能移动；可以合并到另一个${g.kind}`);
    if (toParent.kind !== parentKind) throw new UserError('invalid_input', `${g.kind}只能移到另一个${parentKind}`);
    const parent = group(store, toParent.id, parentKind);
    if (parent.id === g.parent_id) throw new UserError('invalid_input', `${g.name}已在${parent.name}`);
    store.prepare('UPDATE org_units SET parent_id = ? WHERE id = ?').run(parent.id, g.id);
    auditUnit(
      store,
      ref,
      'update',
      { parent: g.parent_id === null ? null : group(store, g.parent_id).name },
      { parent: parent.name },
      `${g.name}移至${parent.name}`,
    );
    applyMembership(
      store,
      membersOf(store, ref),
      () => ({ [COLUMN[parentKind]]: parent.id }),
      `${g.name}移至${parent.name}`,
    );
    return networkUnit(store, ref);
  });
}

/** Merges a unit into another of the same kind: its members, and its 小组/楼栋, go with it; it is gone. */
export function mergeUnits(store: Store, from: UnitRef, into: UnitRef): NetworkUnit {
  return store.tx(() => {
    if (from.kind !== into.kind) throw new UserError('invalid_input', '只能合并到同一类组织');
    if (refKey(from) === refKey(into)) throw new UserError('invalid_input', '不能合并到自身');
    const reason = `${unitTitle(store, from)}并入${into.kind === '片区' || into.kind === '楼栋' ? unitTitle(store, into) : group(store, into.id).name}`;
    if (from.kind === '片区' && into.kind === '片区') {
      if (!into.area.trim()) throw new UserError('invalid_input', '请填写要并入的片区名称');
      applyMembership(store, membersOf(store, from), () => ({ area: into.area }), reason);
      const held = store.all(store.kysely.selectFrom('place_units').select('building').where('area', '=', from.area));
      for (const { building } of held) {
        if (building === '') movePlaceInfo(store, from, into);
        else
          movePlaceInfo(
            store,
            { kind: '楼栋', area: from.area, building },
            { kind: '楼栋', area: into.area, building },
          );
      }
      return networkUnit(store, into);
    }
    if (from.kind === '楼栋' && into.kind === '楼栋') {
      applyMembership(store, membersOf(store, from), joining(store, into), reason);
      movePlaceInfo(store, from, into);
      return networkUnit(store, into);
    }
    if (from.kind === '片区' || from.kind === '楼栋' || into.kind === '片区' || into.kind === '楼栋')
      throw new UserError('invalid_input', '只能合并到同一类组织');
    const a = group(store, from.id, from.kind);
    const b = group(store, into.id, into.kind);
    const col = COLUMN[a.kind];
    const parentKind = PARENT_KIND[a.kind];
    const childKind = CHILD_KIND[a.kind];
    applyMembership(
      store,
      membersOf(store, from),
      () => ({ [col]: b.id, ...(parentKind ? { [COLUMN[parentKind]]: b.parent_id } : {}) }),
      reason,
    );
    if (childKind) store.prepare('UPDATE org_units SET parent_id = ? WHERE parent_id = ?').run(b.id, a.id);
    // A branch merged away hands its 党费 ledger to the branch it joined (org/dues.ts).
    if (a.kind === '党支部')
      store.prepare('UPDATE party_dues_payments SET branch_id = ? WHERE branch_id = ?').run(b.id, a.id);
    store.prepare('DELETE FROM org_units WHERE id = ?').run(a.id);
    auditUnit(store, from, 'delete', { name: a.name, leader: a.leader, phone: a.phone, note: a.note }, null, reason);
    return networkUnit(store, into);
  });
}

/** A place's recorded leader and notes go with it when it moves; where the target has its own, the target's are kept. */
function movePlaceInfo(
  store: Store,
  from: UnitRef & { kind: '片区' | '楼栋' },
  to: UnitRef & { kind: '片区' | '楼栋' },
) {
  const b = (r: typeof from) => (r.kind === '楼栋' ? r.building : '');
  const exists = store.prepare('SELECT 1 FROM place_units WHERE area = ? AND building = ?').get(to.area, b(to));
  if (exists) store.prepare('DELETE FROM place_units WHERE area = ? AND building = ?').run(from.area, b(from));
  else
    store
      .prepare('UPDATE place_units SET area = ?, building = ? WHERE area = ? AND building = ?')
      .run(to.area, b(to), from.area, b(from));
}

// --- members, the contact sheet, the contact tree ------------------------------------------------

export function unitMembers(store: Store, ref: UnitRef, today = todayIso()): UnitMember[] {
  const w = memberWhere(ref);
  const rows = store
    .prepare(
      `SELECT id, name, gender, birth_date, phones, address, building, living, care_disability, remote, remote_city, political_status
       FROM persons WHERE ${w.sql} AND status = '在册' ORDER BY name_sort, id`,
    )
    .all(...w.params) as {
    id: number;
    name: string;
    gender: string | null;
    birth_date: string | null;
    phones: string;
    address: string | null;
    building: string | null;
    living: string | null;
    care_disability: string | null;
    remote: number;
    remote_city: string | null;
    political_status: string | null;
  }[];
  // By building as a person counts them (2号楼 before 十号楼), those without one last; by name within (a stable sort).
  rows.sort(
    (a, b) =>
      (a.building === null ? 1 : 0) - (b.building === null ? 1 : 0) ||
      compareUnitNames(a.building ?? '', b.building ?? ''),
  );
  // Raw: asked for each member of a unit, which can be hundreds.
  const contact = store.prepare(
    'SELECT name, relation, phones FROM person_contacts WHERE person_id = ? ORDER BY emergency DESC, sort, id LIMIT 1',
  );
  return rows.map((r) => {
    const c = contact.get(r.id) as { name: string; relation: string | null; phones: string } | undefined;
    const age = ageOn(r.birth_date, today);
    const notes = [
      r.care_disability,
      r.living === '独居' ? '独居' : null,
      r.remote ? `异地居住${r.remote_city ? `（${r.remote_city}）` : ''}` : null,
      age !== null && age >= 90 ? `${age}岁高龄` : null,
    ].filter((x): x is string => !!x);
    return {
      personId: r.id,
      name: r.name,
      gender: r.gender,
      age,
      phones: parsePhones(r.phones).map((p) => p.number),
      address: r.address,
      building: r.building,
      partyMember: isPartyMember(r.political_status),
      emergency: c
        ? `${c.name}${c.relation ? `（${c.relation}）` : ''} ${parsePhones(c.phones)
            .map((p) => p.number)
            .join('、')}`.trim()
        : null,
      cannotCome: notes,
    };
  });
}

export interface ContactTree {
  leader: { name: string; phone: string | null };
  /** The leader calls these directly; each caller then calls their list. */
  branches: { caller: UnitMember | null; calls: UnitMember[] }[];
}

/**
 * Who calls whom to pass word round a unit: the leader calls a few members who can pass it on
 * (a phone, no disability, not living elsewhere, under 85), each of whom calls a share of the rest,
 * neighbours together. Nobody is left out: a unit too small for callers is called by the leader.
 */
export function contactTree(store: Store, ref: UnitRef, fanOut = 5, today = todayIso()): ContactTree {
  const unit = networkUnit(store, ref, today);
  const members = unitMembers(store, ref, today).filter((m) => m.personId !== unit.leaderPersonId);
  const canPass = (m: UnitMember) => m.phones.length > 0 && m.cannotCome.length === 0 && (m.age === null || m.age < 85);
  const eligible = members.filter(canPass);
  const count =
    members.length <= fanOut ? 0 : Math.min(fanOut, eligible.length, Math.ceil(members.length / (fanOut + 1)));
  const callers = eligible.slice(0, count);
  const callerIds = new Set(callers.map((c) => c.personId));
  const rest = members.filter((m) => !callerIds.has(m.personId));
  const leader = { name: unit.leader ?? '（未设组长）', phone: unit.phone };
  if (!callers.length) return { leader, branches: [{ caller: null, calls: members }] };
  // Contiguous shares of the rest (sorted by building), as even as they come.
  const per = Math.ceil(rest.length / callers.length);
  return { leader, branches: callers.map((caller, i) => ({ caller, calls: rest.slice(i * per, (i + 1) * per) })) };
}

const SHEET_CSS = `${ruledListCss(10.5)}
.sheet table { table-layout: fixed; }
.sheet th { font-size: 9.5pt; }
.sheet td { word-break: break-all; }
.sheet col.n { width: 9mm; } .sheet col.name { width: 17mm; } .sheet col.g { width: 9mm; } .sheet col.age { width: 9mm; }
.sheet col.phone { width: 30mm; } .sheet col.emergency { width: 46mm; } .sheet col.care { width: 22mm; }
.sheet td.n, .sheet td.c { text-align: center; }
.sheet .tree { font-size: 11pt; line-height: 1.7; }
.sheet .tree ol { margin: 0 0 2mm; padding-left: 8mm; }
`;

/** The contact sheet's columns, printed and as a workbook. */
const CONTACT_COLUMNS: TableColumn[] = [
  SEQ_COLUMN,
  fieldColumn('name', 10),
  fieldColumn('gender', 6),
  { label: '年龄', kind: 'number', width: 6 },
  fieldColumn('phones', 26),
  fieldColumn('address', 36),
  { label: '紧急联系人', kind: 'text', width: 30 },
  { label: '需特别关照', kind: 'text', width: 20 },
];

/** The contact sheet a group leader carries (组员联系表), and optionally the contact tree after it. */
export function contactSheetPrintable(
  store: Store,
  ref: UnitRef,
  withTree: boolean,
  today = todayIso(),
): PrintableView {
  const unit = networkUnit(store, ref, today);
  const title = unitTitle(store, ref);
  const members = unitMembers(store, ref, today);
  const { orgName } = getOfficeSettings(store);
  const date = formatChineseDate(today);
  const rows = members.map(
    (m, i) =>
      html`<tr><td class="n">${i + 1}</td><td>${m.name}</td><td class="c">${m.gender}</td><td class="c">${m.age}</td><td>${m.phones.join('、')}</td><td>${m.address}</td><td>${m.emergency}</td><td>${m.cannotCome.join('、')}</td></tr>`,
  );
  const sheet = html`<section class="sheet"><h1>${title}组员联系表</h1><p class="sub"><span>组长：${unit.leader ?? '（未设）'}${unit.phone && `　电话：${unit.phone}`}</span><span>共 ${members.length} 人　${date}</span></p><table><colgroup><col class="n"><col class="name"><col class="g"><col class="age"><col class="phone"><col><col class="emergency"><col class="care"></colgroup><thead><tr>${CONTACT_COLUMNS.map((c) => html`<th>${c.label}</th>`)}</tr></thead><tbody>${rows}</tbody></table><p class="note">${orgName}　本表含个人信息，请妥善保管，不得外传。</p></section>`;
  const pages = [sheet];
  if (withTree) {
    const t = contactTree(store, ref, 5, today);
    const who = (m: UnitMember) =>
      html`${m.name}　${m.phones.join('、') || '无电话，需上门告知'}${m.cannotCome.length > 0 && `（${m.cannotCome.join('、')}）`}`;
    const branches = t.branches.map((b) =>
      b.caller
        ? html`<li><b>${who(b.caller)}</b>，负责通知：<ol>${b.calls.map((m) => html`<li>${who(m)}</li>`)}</ol></li>`
        : b.calls.map((m) => html`<li>${who(m)}</li>`),
    );
    pages.push(
      html`<section class="sheet"><h1>${title}联络树</h1><p class="sub"><span>由组长 ${t.leader.name}${t.leader.phone && `（${t.leader.phone}）`} 依次电话通知：</span><span>${date}</span></p><div class="tree"><ol>${branches}</ol></div><p class="note">联络员接到通知后，请逐一转告本人负责的组员；无电话或行动不便的，请上门告知。</p></section>`,
    );
  }
  return { ...printable(`${title}组员联系表`, SHEET_CSS, pages), count: members.length, missing: [] };
}

export async function contactSheetWorkbook(
  store: Store,
  ref: UnitRef,
  today = todayIso(),
): Promise<{ fileName: string; count: number; data: Buffer }> {
  const title = unitTitle(store, ref);
  const unit = networkUnit(store, ref, today);
  const members = unitMembers(store, ref, today);
  const data = await tableWorkbook({
    name: '组员联系表',
    title: `${title}组员联系表`,
    subtitle: `组长：${unit.leader ?? '（未设）'}${unit.phone ? `　电话：${unit.phone}` : ''}　共 ${members.length} 人　${formatChineseDate(today)}`,
    orientation: 'landscape',
    columns: CONTACT_COLUMNS,
    rows: members.map((m, i) => [
      i + 1,
      m.name,
      m.gender,
      m.age,
      m.phones.join('、'),
      m.address,
      m.emergency,
      m.cannotCome.join('、'),
    ]),
  });
  return { fileName: `${title}组员联系表.xlsx`, count: members.length, data };
}
