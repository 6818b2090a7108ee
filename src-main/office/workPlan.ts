// The yearly work plan (年度工作计划, issue 21 item 4): items with an owner and a due month, each
// ticked off by linking the record that fulfilled it: a festival batch, an activity or meeting, a
// study material handed out. What a link shows is read from its record every time, so a record
// removed, emptied or moved to another year turns its item 待核实 (never quietly open again, never
// quietly still done). An item whose month has passed with nothing linked is overdue: listed on the
// plan and on the home page's reminders.
import type {
  PlanCandidate,
  PlanItemInput,
  PlanItemView,
  PlanLinkKind,
  PlanLinkView,
  PlanState,
  WorkPlanView,
} from '../contract/office';
import { PLAN_LINK_KINDS, PLAN_STATES } from '../contract/office';
import { nowIso, writeAudit } from '../audit/audit';
import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Database, WorkPlanItemsTable, WorkPlanLinksTable } from '../db/schema';
import type { Store } from '../db/store';
import { currentOperator } from '../settings/settings';
import { formatChineseDate, todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';

/** A linked record as a plan item shows it. */
interface LinkedRecord {
  name: string;
  date: string;
  href: string;
  /** Why it does not (or no longer) fulfil anything: a batch with no visit left, a material given to nobody. */
  empty: string | null;
}

/** A list narrowed to the days of a year by its date column, the latest first. */
const inYear =
  (column: string, year: number) =>
  <Q extends SelectQueryBuilder<Database, keyof Database, object>>(q: Q): Q =>
    q
      .where(sql.ref(column), '>=', `${year}-01-01`)
      .where(sql.ref(column), '<', `${year + 1}-01-01`)
      .orderBy(sql.ref(column), 'desc')
      .orderBy(sql.ref('id'), 'desc') as Q;

/** Each kind of record that fulfils an item: how one is read, and the records of a year to choose from. */
const KINDS: Record<
  PlanLinkKind,
  { read: (store: Store, id: number) => LinkedRecord | null; ofYear: (store: Store, year: number) => PlanCandidate[] }
> = {
  visit_batch: {
    read: (store, id) => {
      const b = store.first(
        store.kysely
          .selectFrom('visit_batches as b')
          .select((eb) => [
            'b.name',
            'b.date',
            eb
              .selectFrom('visits as v')
              .select((c) => c.fn.countAll<number>().as('n'))
              .whereRef('v.batch_id', '=', 'b.id')
              .as('visits'),
          ])
          .where('b.id', '=', id),
      );
      if (!b) return null;
      return { name: b.name, date: b.date, href: `#/visits/${id}`, empty: b.visits ? null : '批次中已没有走访记录' };
    },
    ofYear: (store, year) =>
      store
        .all(store.kysely.selectFrom('visit_batches').select(['id', 'name', 'date']).$call(inYear('date', year)))
        .map((b) => ({ kind: 'visit_batch', recordId: b.id, name: b.name, date: b.date })),
  },
  activity: {
    read: (store, id) => {
      const a = store.first(store.kysely.selectFrom('activities').select(['title', 'held_on']).where('id', '=', id));
      return a ? { name: a.title, date: a.held_on, href: `#/activities/${id}`, empty: null } : null;
    },
    ofYear: (store, year) =>
      store
        .all(
          store.kysely
            .selectFrom('activities')
            .select(['id', 'kind', 'title', 'held_on'])
            .$call(inYear('held_on', year)),
        )
        .map((a) => ({ kind: 'activity', recordId: a.id, name: `${a.title}（${a.kind}）`, date: a.held_on })),
  },
  study_material: {
    read: (store, id) => {
      const m = store.first(
        store.kysely
          .selectFrom('study_materials as m')
          .select((eb) => [
            'm.title',
            'm.issued_on',
            eb
              .selectFrom('study_deliveries as d')
              .select((c) => c.fn.countAll<number>().as('n'))
              .whereRef('d.material_id', '=', 'm.id')
              .as('received'),
          ])
          .where('m.id', '=', id),
      );
      if (!m) return null;
      return {
        name: `《${m.title}》`,
        date: m.issued_on,
        href: `#/activities/material/${id}`,
        empty: m.received ? null : '这份学习资料还没有送达记录',
      };
    },
    ofYear: (store, year) =>
      store
        .all(
          store.kysely
            .selectFrom('study_materials')
            .select(['id', 'title', 'issued_on'])
            .$call(inYear('issued_on', year)),
        )
        .map((m) => ({ kind: 'study_material', recordId: m.id, name: `《${m.title}》`, date: m.issued_on })),
  },
};

const isKind = (k: string): k is PlanLinkKind => Object.prototype.hasOwnProperty.call(KINDS, k);

/** Why a record does not fulfil an item of `year`, or null when it does. */
function problemOf(record: LinkedRecord | null, year: number): string | null {
  if (!record) return '所关联的记录已删除或已撤销';
  if (!record.date.startsWith(`${year}-`))
    return `所关联的记录日期为 ${record.date.slice(0, 4)} 年（${record.date}），不属于 ${year} 年度`;
  return record.empty;
}

type ItemRow = Selectable<WorkPlanItemsTable>;
type LinkRow = Selectable<WorkPlanLinksTable>;

function linkView(store: Store, l: LinkRow, year: number): PlanLinkView {
  const known = isKind(l.kind);
  const record = known ? KINDS[l.kind as PlanLinkKind].read(store, l.record_id) : null;
  return {
    id: l.id,
    kind: l.kind as PlanLinkKind,
    kindLabel: known ? PLAN_LINK_KINDS[l.kind as PlanLinkKind] : l.kind,
    recordId: l.record_id,
    name: record?.name ?? null,
    date: record?.date ?? null,
    href: record?.href ?? null,
    problem: known ? problemOf(record, year) : '本程序不认识这种记录',
    linkedAt: l.linked_at,
    linkedBy: l.linked_by,
  };
}

/** Where an item stands on `today`: a link with a problem asks to be checked before anything else. */
function stateOf(item: ItemRow, links: PlanLinkView[], today: string): PlanState {
  if (links.some((l) => l.problem !== null)) return '待核实';
  if (links.length > 0) return '已完成';
  return item.due_month < today.slice(0, 7) ? '已超期' : '待完成';
}

function itemView(store: Store, r: ItemRow, today: string): PlanItemView {
  const links = store
    .all(store.kysely.selectFrom('work_plan_links').selectAll().where('item_id', '=', r.id).orderBy('id'))
    .map((l) => linkView(store, l, r.year));
  return {
    id: r.id,
    year: r.year,
    seq: r.seq,
    content: r.content,
    category: r.category,
    owner: r.owner,
    ownerOperatorId: r.owner_operator_id,
    dueMonth: r.due_month,
    note: r.note,
    state: stateOf(r, links, today),
    links,
  };
}

function itemRow(store: Store, id: number): ItemRow {
  const r = store.first(store.kysely.selectFrom('work_plan_items').selectAll().where('id', '=', id));
  if (!r) throw new UserError('not_found', '没有找到这项计划');
  return r;
}

export function getPlanItem(store: Store, id: number, today = todayIso()): PlanItemView {
  return itemView(store, itemRow(store, id), today);
}

export function workPlan(store: Store, year: number, today = todayIso()): WorkPlanView {
  const items = store
    .all(store.kysely.selectFrom('work_plan_items').selectAll().where('year', '=', year).orderBy('seq').orderBy('id'))
    .map((r) => itemView(store, r, today));
  const counts = Object.fromEntries(PLAN_STATES.map((s) => [s, items.filter((i) => i.state === s).length])) as Record<
    PlanState,
    number
  >;
  return { year, items, counts };
}

/** The items of a year that want attention on `today`: overdue, or to be checked. */
export function planAttention(store: Store, year: number, today = todayIso()): PlanItemView[] {
  return workPlan(store, year, today).items.filter((i) => i.state === '已超期' || i.state === '待核实');
}

/** What the audit log keeps of an item (typed, so that tests/audit-words.test.ts sees its keys). */
interface PlanItemSnapshot {
  year?: number;
  content?: string;
  category?: string | null;
  owner?: string;
  dueMonth?: string;
  note?: string | null;
  linked?: string;
  unlinked?: string;
}

function checkDueMonth(year: number, dueMonth: string): void {
  if (!dueMonth.startsWith(`${year}-`))
    throw new UserError('invalid_input', `完成时限 ${dueMonth} 不在 ${year} 年度内`, [
      { path: ['dueMonth'], message: `应为 ${year} 年的月份` },
    ]);
}

/** The operator of that name, when the owner is one. */
function operatorNamed(store: Store, name: string): number | null {
  return store.first(store.kysely.selectFrom('operators').select('id').where('name', '=', name))?.id ?? null;
}

const snapshot = (i: {
  year: number;
  content: string;
  category: string | null;
  owner: string;
  dueMonth: string;
  note: string | null;
}): PlanItemSnapshot => ({
  year: i.year,
  content: i.content,
  category: i.category,
  owner: i.owner,
  dueMonth: i.dueMonth,
  note: i.note,
});

function insertItem(store: Store, input: PlanItemInput, reason: string | null): number {
  const seq =
    (store.first(
      store.kysely
        .selectFrom('work_plan_items')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('year', '=', input.year),
    )?.seq ?? 0) + 1;
  const id = Number(
    store
      .prepare(
        `INSERT INTO work_plan_items (year, seq, content, category, owner, owner_operator_id, due_month, note, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.year,
        seq,
        input.content,
        input.category,
        input.owner,
        operatorNamed(store, input.owner),
        input.dueMonth,
        input.note,
        nowIso(),
        currentOperator(store),
      ).lastInsertRowid,
  );
  writeAudit(store, {
    entity: 'work_plan_item',
    entityId: id,
    personId: null,
    action: 'create',
    before: null,
    after: snapshot(input),
    reason,
  });
  return id;
}

export function addPlanItem(store: Store, input: PlanItemInput): PlanItemView {
  checkDueMonth(input.year, input.dueMonth);
  return store.tx(() => getPlanItem(store, insertItem(store, input, null)));
}

export function updatePlanItem(store: Store, input: Omit<PlanItemInput, 'year'> & { id: number }): PlanItemView {
  return store.tx(() => {
    const before = itemRow(store, input.id);
    checkDueMonth(before.year, input.dueMonth);
    store
      .prepare(
        'UPDATE work_plan_items SET content = ?, category = ?, owner = ?, owner_operator_id = ?, due_month = ?, note = ? WHERE id = ?',
      )
      .run(
        input.content,
        input.category,
        input.owner,
        operatorNamed(store, input.owner),
        input.dueMonth,
        input.note,
        input.id,
      );
    const was = snapshot({ ...before, dueMonth: before.due_month });
    const now = snapshot({ ...input, year: before.year });
    const changed = (Object.keys(now) as (keyof PlanItemSnapshot)[]).filter((k) => was[k] !== now[k]);
    if (changed.length > 0)
      writeAudit(store, {
        entity: 'work_plan_item',
        entityId: input.id,
        personId: null,
        action: 'update',
        before: Object.fromEntries(changed.map((k) => [k, was[k]])) as PlanItemSnapshot,
        after: Object.fromEntries(changed.map((k) => [k, now[k]])) as PlanItemSnapshot,
      });
    return getPlanItem(store, input.id);
  });
}

export function removePlanItem(store: Store, id: number, reason: string): void {
  store.tx(() => {
    const r = itemRow(store, id);
    store.prepare('DELETE FROM work_plan_items WHERE id = ?').run(id);
    writeAudit(store, {
      entity: 'work_plan_item',
      entityId: id,
      personId: null,
      action: 'delete',
      before: snapshot({ ...r, dueMonth: r.due_month }),
      after: null,
      reason,
    });
  });
}

export function planCandidates(store: Store, itemId: number, kind: PlanLinkKind): PlanCandidate[] {
  return KINDS[kind].ofYear(store, itemRow(store, itemId).year);
}

/** Ticks an item off by the record that fulfilled it: of the plan's year, and not empty. */
export function linkPlanItem(
  store: Store,
  input: { itemId: number; kind: PlanLinkKind; recordId: number },
): PlanItemView {
  return store.tx(() => {
    const item = itemRow(store, input.itemId);
    const label = PLAN_LINK_KINDS[input.kind];
    const record = KINDS[input.kind].read(store, input.recordId);
    if (!record) throw new UserError('not_found', `没有找到第 ${input.recordId} 号${label}`);
    const problem = problemOf(record, item.year);
    if (problem)
      throw new UserError(
        'invalid_input',
        record.date.startsWith(`${item.year}-`)
          ? `${label}“${record.name}”不能作为完成依据：${problem}`
          : `${label}“${record.name}”是 ${record.date.slice(0, 4)} 年的记录，不能用来完成 ${item.year} 年度的计划`,
      );
    const already = store.first(
      store.kysely
        .selectFrom('work_plan_links')
        .select('id')
        .where('item_id', '=', item.id)
        .where('kind', '=', input.kind)
        .where('record_id', '=', input.recordId),
    );
    if (already) throw new UserError('duplicate', `${label}“${record.name}”已关联在这项计划上`);
    store
      .prepare('INSERT INTO work_plan_links (item_id, kind, record_id, linked_at, linked_by) VALUES (?, ?, ?, ?, ?)')
      .run(item.id, input.kind, input.recordId, nowIso(), currentOperator(store));
    writeAudit(store, {
      entity: 'work_plan_item',
      entityId: item.id,
      personId: null,
      action: 'update',
      before: null,
      after: { linked: `${label}“${record.name}”（${formatChineseDate(record.date)}）` } satisfies PlanItemSnapshot,
    });
    return getPlanItem(store, item.id);
  });
}

export function unlinkPlanItem(store: Store, linkId: number): PlanItemView {
  return store.tx(() => {
    const l = store.first(store.kysely.selectFrom('work_plan_links').selectAll().where('id', '=', linkId));
    if (!l) throw new UserError('not_found', '没有找到这条关联');
    const item = itemRow(store, l.item_id);
    const shown = linkView(store, l, item.year);
    store.prepare('DELETE FROM work_plan_links WHERE id = ?').run(linkId);
    writeAudit(store, {
      entity: 'work_plan_item',
      entityId: item.id,
      personId: null,
      action: 'update',
      before: null,
      after: {
        unlinked: `${shown.kindLabel}${shown.name ? `“${shown.name}”` : `（第 ${shown.recordId} 号）`}`,
      } satisfies PlanItemSnapshot,
    });
    return getPlanItem(store, item.id);
  });
}

/** Last year's items into a year that has none yet, each due in the same month of the new year; links stay behind. */
export function copyPlan(store: Store, fromYear: number, toYear: number): WorkPlanView {
  if (fromYear === toYear) throw new UserError('invalid_input', '请选择另一个年度的计划来复制');
  return store.tx(() => {
    const from = store.all(
      store.kysely.selectFrom('work_plan_items').selectAll().where('year', '=', fromYear).orderBy('seq').orderBy('id'),
    );
    if (from.length === 0) throw new UserError('invalid_input', `${fromYear} 年度没有工作计划，无可复制`);
    const there = store.first(
      store.kysely
        .selectFrom('work_plan_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('year', '=', toYear),
    )!.n;
    if (there > 0)
      throw new UserError('invalid_input', `${toYear} 年度已有 ${there} 项计划，未复制；请逐项添加或先删除现有计划`);
    for (const r of from)
      insertItem(
        store,
        {
          year: toYear,
          content: r.content,
          category: r.category,
          owner: r.owner,
          dueMonth: `${toYear}${r.due_month.slice(4)}`,
          note: r.note,
        },
        `从 ${fromYear} 年度计划复制`,
      );
    return workPlan(store, toYear);
  });
}
