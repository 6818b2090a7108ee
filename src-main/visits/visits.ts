// Visits and care actions (走访慰问) for a person, and festival batches: people chosen by any list
// filter, one visit each with the same gift, and the sign-off sheet for the gifts.
import type { ListQuery } from '../contract/retirees';
import type { Visit, VisitBatchSummary, VisitBatchView, VisitInput } from '../contract/visits';
import { nowIso, writeAudit } from '../audit/audit';
import type { InferResult, Selectable } from 'kysely';
import type { VisitBatchesTable } from '../db/schema';
import type { Store } from '../db/store';
import { conditions } from '../retirees/list';
import { parsePhones } from '../retirees/persons';
import { currentOperator } from '../settings/settings';
import { CALL_KIND, type CallOutcome, type VisitKind } from '../shared/care';
import { todayIso } from '../shared/dates';
import { certify } from './certifications';
import { addSurvivorsToBatch, batchSurvivors } from './survivors';
import { UserError } from '../shared/errors';
import { toInfo } from '../retirees/attachments';
import { isContact } from '../shared/contact';

const visits = (store: Store) =>
  store.kysely
    .selectFrom('visits as v')
    .innerJoin('persons as p', 'p.id', 'v.person_id')
    .selectAll('v')
    .select('p.name as person_name');
type VisitRow = InferResult<ReturnType<typeof visits>>[number];

function view(store: Store, v: VisitRow): Visit {
  const photos = store.all(
    store.kysely.selectFrom('attachments').selectAll().where('visit_id', '=', v.id).orderBy('id'),
  );
  return {
    id: v.id,
    personId: v.person_id,
    personName: v.person_name,
    kind: v.kind as VisitKind,
    date: v.date,
    visitors: v.visitors,
    moneyFen: v.money_fen,
    items: v.items,
    note: v.note,
    followUpOn: v.follow_up_on,
    followUpDoneAt: v.follow_up_done_at,
    batchId: v.batch_id,
    createdAt: v.created_at,
    createdBy: v.created_by,
    leader: v.leader,
    companions: v.companions,
    feedback: v.feedback,
    callOutcome: v.call_outcome as CallOutcome | null,
    contact: isContact(v.call_outcome),
    stayId: v.stay_id,
    photos: photos.map(toInfo),
  };
}

export function getVisit(store: Store, id: number): Visit {
  const v = store.first(visits(store).where('v.id', '=', id));
  if (!v) throw new UserError('not_found', '没有找到这条走访记录');
  return view(store, v);
}

/** A person's visits in time order, the latest first. */
export function listVisits(store: Store, personId: number): Visit[] {
  return store
    .all(visits(store).where('v.person_id', '=', personId).orderBy('v.date', 'desc').orderBy('v.id', 'desc'))
    .map((v) => view(store, v));
}

/** The visits recorded against a hospital stay, the latest first. */
export function visitsOfStay(store: Store, stayId: number): Visit[] {
  return store
    .all(visits(store).where('v.stay_id', '=', stayId).orderBy('v.date', 'desc').orderBy('v.id', 'desc'))
    .map((v) => view(store, v));
}

/** What recording a visit needs: what it says of what happened may be left out (a batch, a delivery at home). */
type NewVisit = Omit<VisitInput, Described> & Partial<Pick<VisitInput, Described>>;
type Described = 'leader' | 'companions' | 'feedback' | 'callOutcome' | 'stayId';

function insertVisit(store: Store, v: NewVisit, batchId: number | null, operator: string): number {
  return Number(
    store
      .prepare(
        `INSERT INTO visits (person_id, kind, date, visitors, money_fen, items, note, follow_up_on, batch_id, created_at, created_by,
                             leader, companions, feedback, call_outcome, stay_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        v.personId,
        v.kind,
        v.date,
        v.visitors,
        v.money,
        v.items,
        v.note,
        v.followUpOn,
        batchId,
        nowIso(),
        operator,
        v.leader ?? null,
        v.companions ?? null,
        v.feedback ?? null,
        v.callOutcome ?? null,
        v.stayId ?? null,
      ).lastInsertRowid,
  );
}

/** What the audit log keeps of a visit (typed, so that tests/audit-words.test.ts sees its keys). */
interface VisitSnapshot {
  kind: VisitKind;
  date: string;
  moneyFen: number;
  items: string | null;
  leader?: string | null;
  companions?: string | null;
  feedback?: string | null;
  callOutcome?: CallOutcome | null;
  stayId?: number | null;
}

function auditVisit(
  store: Store,
  id: number,
  personId: number,
  after: VisitSnapshot,
  reason: string | null = null,
): void {
  writeAudit(store, { entity: 'visit', entityId: id, personId, action: 'create', before: null, after, reason });
}

export function createVisit(store: Store, visit: NewVisit): Visit {
  const input = { leader: null, companions: null, feedback: null, callOutcome: null, stayId: null, ...visit };
  return store.tx(() => {
    const person = store.first(store.kysely.selectFrom('persons').select('status').where('id', '=', input.personId));
    if (!person) throw new UserError('not_found', '没有找到这份档案');
    if (input.followUpOn && input.followUpOn < input.date)
      throw new UserError('invalid_input', '回访日期不能早于走访日期');
    if (input.kind !== CALL_KIND && input.callOutcome !== null)
      throw new UserError('invalid_input', `只有${CALL_KIND}才记录通话情况`, [
        { path: ['callOutcome'], message: '走访不记录通话情况' },
      ]);
    if (input.certify && !isContact(input.callOutcome))
      throw new UserError('invalid_input', `电话${input.callOutcome}，不能作为资格认证`);
    if (input.stayId !== null) {
      const stay = store.first(
        store.kysely.selectFrom('stays').select(['person_id', 'admitted_on']).where('id', '=', input.stayId),
      );
      if (!stay || stay.person_id !== input.personId)
        throw new UserError('not_found', `第 ${input.stayId} 号住院登记不是这位人员的`);
      if (input.date < stay.admitted_on)
        throw new UserError('invalid_input', `看望日期早于入院日期（${stay.admitted_on}）`, [
          { path: ['date'], message: '看望日期早于入院日期' },
        ]);
    }
    const id = insertVisit(store, input, null, currentOperator(store));
    const saved = getVisit(store, id);
    auditVisit(store, id, input.personId, {
      kind: saved.kind,
      date: saved.date,
      moneyFen: saved.moneyFen,
      items: saved.items,
      leader: saved.leader,
      companions: saved.companions,
      feedback: saved.feedback,
      callOutcome: saved.callOutcome,
      stayId: saved.stayId,
    });
    // A visit that was also the year's certification counts as one.
    if (input.certify)
      certify(store, {
        personId: input.personId,
        certifiedOn: input.date,
        method: '走访时认证',
        visitId: id,
        note: null,
      });
    return saved;
  });
}

export function followUpDone(store: Store, id: number): Visit {
  return store.tx(() => {
    const v = getVisit(store, id);
    if (!v.followUpOn) throw new UserError('invalid_input', '这条走访记录没有约定回访');
    if (v.followUpDoneAt) throw new UserError('invalid_input', `已于 ${v.followUpDoneAt.replace('T', ' ')} 回访`);
    store.prepare('UPDATE visits SET follow_up_done_at = ? WHERE id = ?').run(nowIso(), id);
    writeAudit(store, {
      entity: 'visit',
      entityId: id,
      personId: v.personId,
      action: 'update',
      before: { followUpDone: false },
      after: { followUpDone: true },
    });
    return getVisit(store, id);
  });
}

export interface BatchInput {
  name: string;
  kind: VisitKind;
  date: string;
  money: number;
  items: string | null;
  visitors: string | null;
  /** null: no retirees, a batch of survivors only. */
  query: ListQuery | null;
  survivorIds?: number[];
}

/**
 * One visit for each person the list filter selects, with the same gift, and for each survivor
 * given. Only people on the roll (在册) are visited, whatever the filter says: the deceased and
 * those moved away never get a festival gift. A batch of survivors alone needs no retiree.
 */
export function createVisitBatch(store: Store, input: BatchInput, today = todayIso()): VisitBatchView {
  return store.tx(() => {
    const operator = currentOperator(store);
    const query = input.query;
    const survivorIds = input.survivorIds ?? [];
    const people = query
      ? store.all(
          store.kysely
            .selectFrom('persons')
            .select('id')
            .where((eb) => conditions(eb, query, today))
            .where('status', '=', '在册')
            .orderBy('name_sort')
            .orderBy('id'),
        )
      : [];
    if (people.length === 0 && survivorIds.length === 0)
      throw new UserError(
        'invalid_input',
        query ? '按所选条件没有在册人员，未建立慰问批次' : '请选择慰问的遗属，未建立慰问批次',
      );
    const batchId = Number(
      store
        .prepare(
          'INSERT INTO visit_batches (name, kind, date, money_fen, items, visitors, query, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          input.name,
          input.kind,
          input.date,
          input.money,
          input.items,
          input.visitors,
          JSON.stringify(input.query),
          nowIso(),
          operator,
        ).lastInsertRowid,
    );
    for (const p of people) {
      const id = insertVisit(
        store,
        {
          personId: p.id,
          kind: input.kind,
          date: input.date,
          visitors: input.visitors,
          money: input.money,
          items: input.items,
          note: null,
          followUpOn: null,
          certify: false,
        },
        batchId,
        operator,
      );
      auditVisit(
        store,
        id,
        p.id,
        { kind: input.kind, date: input.date, moneyFen: input.money, items: input.items },
        `慰问批次“${input.name}”`,
      );
    }
    if (survivorIds.length > 0) addSurvivorsToBatch(store, { batchId, survivorIds });
    return getVisitBatch(store, batchId);
  });
}

type BatchRow = Selectable<VisitBatchesTable>;

function batchHead(b: BatchRow): VisitBatchSummary {
  return {
    id: b.id,
    name: b.name,
    kind: b.kind as VisitKind,
    date: b.date,
    moneyFen: b.money_fen,
    items: b.items,
    visitors: b.visitors,
    createdAt: b.created_at,
    createdBy: b.created_by,
  };
}

export function getVisitBatch(store: Store, id: number): VisitBatchView {
  const b = store.first(store.kysely.selectFrom('visit_batches').selectAll().where('id', '=', id));
  if (!b) throw new UserError('not_found', '没有找到这个慰问批次');
  const rows = store.all(
    store.kysely
      .selectFrom('visits as v')
      .innerJoin('persons as p', 'p.id', 'v.person_id')
      .select(['v.id', 'p.id as person_id', 'p.name', 'p.address', 'p.phones'])
      .where('v.batch_id', '=', id)
      .orderBy('p.name_sort')
      .orderBy('p.id'),
  );
  return {
    ...batchHead(b),
    rows: rows.map((r) => ({
      visitId: r.id,
      personId: r.person_id,
      name: r.name,
      address: r.address,
      phone: parsePhones(r.phones)[0]?.number ?? null,
    })),
    survivors: batchSurvivors(store, id),
  };
}

export function listVisitBatches(store: Store): VisitBatchSummary[] {
  return store.all(store.kysely.selectFrom('visit_batches').selectAll().orderBy('id', 'desc')).map(batchHead);
}
