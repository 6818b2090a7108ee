// Hardship aid (困难帮扶): the office's list of reasons, an application → decision → payment,
// and a festival round of aid (春节困难帮扶) made as one payment batch. Payment goes through the
// payment batches (payments/batches.ts, whose aid source marks an aid paid with its batch), or,
// for aid handed over in cash, by hand with its day and who paid it. Every change is audited.
import type {
  AidApplication,
  AidBody,
  AidDecision,
  AidDecisionInput,
  AidListQuery,
  AidPayment,
  AidReason,
  AidRound,
  AidState,
  AidView,
} from '../contract/aid';
import type { BatchView } from '../contract/payments';
import { nowIso, writeAudit } from '../audit/audit';
import { refuseIfStale } from '../audit/edits';
import type { Store } from '../db/store';
import { createBatch } from '../payments/batches';
import { currentOperator } from '../settings/settings';
import { todayIso } from '../shared/dates';
import { UserError } from '../shared/errors';
import { formatYuan } from '../shared/money';

// --- reasons -------------------------------------------------------------------------------------

export function listReasons(store: Store): AidReason[] {
  return store
    .all(
      store.kysely
        .selectFrom('aid_reasons as r')
        .select((eb) => [
          'r.id',
          'r.name',
          'r.retired',
          eb
            .selectFrom('aid_applications as a')
            .select((a) => a.fn.countAll<number>().as('n'))
            .whereRef('a.reason_id', '=', 'r.id')
            .as('used'),
        ])
        .orderBy('r.retired')
        .orderBy('r.id'),
    )
    .map((r) => ({ id: r.id, name: r.name, retired: r.retired === 1, used: Number(r.used ?? 0) }));
}

function reasonById(store: Store, id: number): AidReason {
  const r = listReasons(store).find((x) => x.id === id);
  if (!r) throw new UserError('not_found', `没有找到第 ${id} 号帮扶原因`);
  return r;
}

/** A reason added, renamed or retired (停用): a retired reason is kept on its applications. */
export function saveReason(store: Store, input: { id: number | null; name: string; retired: boolean }): AidReason {
  return store.tx(() => {
    const same = store.first(
      store.kysely
        .selectFrom('aid_reasons')
        .select('id')
        .where('name', '=', input.name)
        .where('id', 'is not', input.id),
    );
    if (same) throw new UserError('duplicate', `帮扶原因“${input.name}”已经有了`);
    const after = { name: input.name, retired: input.retired };
    if (input.id === null) {
      const { lastInsertRowid } = store
        .prepare('INSERT INTO aid_reasons (name, retired, created_at, created_by) VALUES (?, ?, ?, ?)')
        .run(input.name, input.retired ? 1 : 0, nowIso(), currentOperator(store));
      const id = Number(lastInsertRowid);
      writeAudit(store, { entity: 'aid_reason', entityId: id, personId: null, action: 'create', before: null, after });
      return reasonById(store, id);
    }
    const old = reasonById(store, input.id);
    store
      .prepare('UPDATE aid_reasons SET name = ?, retired = ? WHERE id = ?')
      .run(input.name, input.retired ? 1 : 0, input.id);
    writeAudit(store, {
      entity: 'aid_reason',
      entityId: input.id,
      personId: null,
      action: 'update',
      before: { name: old.name, retired: old.retired },
      after,
    });
    return reasonById(store, input.id);
  });
}

/** A reason no application names: deleted. One in use is refused; it can be retired instead. */
export function deleteReason(store: Store, id: number): { deleted: number } {
  return store.tx(() => {
    const r = reasonById(store, id);
    if (r.used > 0)
      throw new UserError('in_use', `帮扶原因“${r.name}”已用于 ${r.used} 份申请，不能删除；如不再使用，请将其停用`);
    store.prepare('DELETE FROM aid_reasons WHERE id = ?').run(id);
    writeAudit(store, {
      entity: 'aid_reason',
      entityId: id,
      personId: null,
      action: 'delete',
      before: { name: r.name, retired: r.retired },
      after: null,
    });
    return { deleted: id };
  });
}

// --- applications --------------------------------------------------------------------------------

function stateOf(a: { decision: string | null; paid_on: string | null }): AidState {
  if (a.decision === null) return '待审批';
  if (a.decision === '不批准') return '不批准';
  return a.paid_on === null ? '待发放' : '已发放';
}

function aidQuery(store: Store) {
  return store.kysely
    .selectFrom('aid_applications as a')
    .innerJoin('persons as p', 'p.id', 'a.person_id')
    .innerJoin('aid_reasons as r', 'r.id', 'a.reason_id')
    .leftJoin('payment_batches as b', 'b.id', 'a.batch_id')
    .selectAll('a')
    .select(['p.name as person_name', 'r.name as reason', 'b.name as batch_name'])
    .orderBy('a.applied_on')
    .orderBy('a.id');
}

type AidRow = Awaited<ReturnType<ReturnType<typeof aidQuery>['executeTakeFirstOrThrow']>>;

function view(a: AidRow): AidView {
  return {
    id: a.id,
    personId: a.person_id,
    personName: a.person_name,
    reasonId: a.reason_id,
    reason: a.reason,
    appliedOn: a.applied_on,
    story: a.story,
    askedFen: a.asked_fen,
    decision: a.decision as AidDecision | null,
    grantedFen: a.granted_fen,
    decidedOn: a.decided_on,
    decidedBy: a.decided_by,
    body: a.body as AidBody | null,
    batchId: a.batch_id,
    batchName: a.batch_name,
    paidOn: a.paid_on,
    paidBy: a.paid_by,
    state: stateOf(a),
    version: a.version,
  };
}

export function listAid(store: Store, q: AidListQuery): AidView[] {
  let query = aidQuery(store);
  if (q.personId !== null) query = query.where('a.person_id', '=', q.personId);
  if (q.reasonId !== null) query = query.where('a.reason_id', '=', q.reasonId);
  if (q.year !== null)
    query = query.where('a.applied_on', '>=', `${q.year}-01-01`).where('a.applied_on', '<=', `${q.year}-12-31`);
  return store.all(query).map(view);
}

export function getAid(store: Store, id: number): AidView {
  const a = store.first(aidQuery(store).where('a.id', '=', id));
  if (!a) throw new UserError('not_found', `没有找到第 ${id} 号困难帮扶申请`);
  return view(a);
}

/** What the audit log keeps of an application. */
function snapshot(a: AidView) {
  return {
    personId: a.personId,
    reason: a.reason,
    appliedOn: a.appliedOn,
    story: a.story,
    askedFen: a.askedFen,
    decision: a.decision,
    grantedFen: a.grantedFen,
    decidedOn: a.decidedOn,
    decidedBy: a.decidedBy,
    body: a.body,
    batchId: a.batchId,
    paidOn: a.paidOn,
    paidBy: a.paidBy,
  };
}

function notAfterToday(date: string, what: string, today: string): void {
  if (date > today) throw new UserError('invalid_input', `${what}（${date}）不能晚于今天`);
}

/** A person on file, refused where they died before the day of the aid. */
function livingOn(store: Store, personId: number, on: string): { name: string } {
  const p = store.first(
    store.kysely
      .selectFrom('persons as p')
      .leftJoin('deaths as d', 'd.person_id', 'p.id')
      .select(['p.name', 'p.status', 'p.status_date', 'd.died_on'])
      .where('p.id', '=', personId),
  );
  if (!p) throw new UserError('not_found', `没有找到第 ${personId} 号人员档案`);
  const died = p.died_on ?? (p.status === '已故' ? p.status_date : null);
  if (died !== null && died < on)
    throw new UserError('illegal_move', `${p.name}已于 ${died} 去世，不能在此后（${on}）申请或发放困难帮扶`);
  return { name: p.name };
}

function usableReason(store: Store, reasonId: number): AidReason {
  const reason = reasonById(store, reasonId);
  if (reason.retired) throw new UserError('invalid_input', `帮扶原因“${reason.name}”已停用，请选择其他原因`);
  return reason;
}

const INSERT_AID = `INSERT INTO aid_applications
  (person_id, reason_id, applied_on, story, asked_fen, decision, granted_fen, decided_on, decided_by, body, created_at, created_by, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function insertAid(
  store: Store,
  a: AidApplication & {
    decision: AidDecision | null;
    granted: number | null;
    decidedOn: string | null;
    decidedBy: string | null;
    body: AidBody | null;
  },
  auditReason: string | null,
): AidView {
  const now = nowIso();
  const { lastInsertRowid } = store
    .prepare(INSERT_AID)
    .run(
      a.personId,
      a.reasonId,
      a.appliedOn,
      a.story,
      a.asked,
      a.decision,
      a.granted,
      a.decidedOn,
      a.decidedBy,
      a.body,
      now,
      currentOperator(store),
      now,
    );
  const view = getAid(store, Number(lastInsertRowid));
  writeAudit(store, {
    entity: 'aid',
    entityId: view.id,
    personId: view.personId,
    action: 'create',
    before: null,
    after: snapshot(view),
    reason: auditReason,
  });
  return view;
}

export function applyForAid(store: Store, input: AidApplication, today = todayIso()): AidView {
  return store.tx(() => {
    notAfterToday(input.appliedOn, '申请日期', today);
    livingOn(store, input.personId, input.appliedOn);
    usableReason(store, input.reasonId);
    return insertAid(
      store,
      { ...input, decision: null, granted: null, decidedOn: null, decidedBy: null, body: null },
      null,
    );
  });
}

/** Loaded and unchanged since the form was opened. */
function current(store: Store, id: number, version: number): AidView {
  const a = getAid(store, id);
  refuseIfStale(store, 'aid', id, version, a.version, `第 ${id} 号困难帮扶申请`);
  return a;
}

function update(store: Store, before: AidView, set: Record<string, string | number | null>, reason: string): AidView {
  const columns = Object.keys(set);
  store
    .prepare(
      `UPDATE aid_applications SET ${columns.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, version = version + 1 WHERE id = ?`,
    )
    .run(...Object.values(set), nowIso(), before.id);
  const after = getAid(store, before.id);
  writeAudit(store, {
    entity: 'aid',
    entityId: before.id,
    personId: before.personId,
    action: 'update',
    before: snapshot(before),
    after: snapshot(after),
    reason,
  });
  return after;
}

export function decideAid(store: Store, input: AidDecisionInput, today = todayIso()): AidView {
  return store.tx(() => {
    const a = current(store, input.id, input.version);
    if (a.state === '已发放' || a.batchId !== null)
      throw new UserError(
        'illegal_move',
        a.state === '已发放'
          ? `第 ${a.id} 号困难帮扶已于 ${a.paidOn} 发放，审批结果不能再改`
          : `第 ${a.id} 号困难帮扶已编入发放批次“${a.batchName}”，审批结果不能再改`,
      );
    if (input.decidedOn < a.appliedOn)
      throw new UserError('invalid_input', `审批日期（${input.decidedOn}）不能早于申请日期（${a.appliedOn}）`);
    notAfterToday(input.decidedOn, '审批日期', today);
    if (input.granted !== null) {
      if (input.granted > a.askedFen)
        throw new UserError(
          'invalid_amount',
          `批准金额 ${formatYuan(input.granted)} 元不能超过申请金额 ${formatYuan(a.askedFen)} 元`,
        );
      if (input.decision === '批准' && input.granted !== a.askedFen)
        throw new UserError('invalid_amount', `批准金额少于申请金额 ${formatYuan(a.askedFen)} 元，请选择“部分批准”`);
      if (input.decision === '部分批准' && input.granted === a.askedFen)
        throw new UserError('invalid_amount', '部分批准的金额应少于申请金额；全额批准请选择“批准”');
    }
    return update(
      store,
      a,
      {
        decision: input.decision,
        granted_fen: input.granted,
        decided_on: input.decidedOn,
        decided_by: input.decidedBy,
        body: input.body,
      },
      `审批：${input.decision}`,
    );
  });
}

/** Aid handed over by hand (cash): one granted, not in a batch, not yet paid. */
export function payAid(store: Store, input: AidPayment, today = todayIso()): AidView {
  return store.tx(() => {
    const a = current(store, input.id, input.version);
    if (a.state === '待审批') throw new UserError('illegal_move', `第 ${a.id} 号困难帮扶申请尚未审批，不能发放`);
    if (a.state === '不批准') throw new UserError('illegal_move', `第 ${a.id} 号困难帮扶申请未获批准，不能发放`);
    if (a.state === '已发放') throw new UserError('illegal_move', `第 ${a.id} 号困难帮扶已于 ${a.paidOn} 发放`);
    if (a.batchId !== null)
      throw new UserError('illegal_move', `第 ${a.id} 号困难帮扶已编入发放批次“${a.batchName}”，随该批次发放`);
    if (input.paidOn < a.decidedOn!)
      throw new UserError('invalid_input', `发放日期（${input.paidOn}）不能早于审批日期（${a.decidedOn}）`);
    notAfterToday(input.paidOn, '发放日期', today);
    livingOn(store, a.personId, input.paidOn);
    return update(store, a, { paid_on: input.paidOn, paid_by: input.paidBy }, '发放');
  });
}

/**
 * A festival round of aid (春节困难帮扶): for each person, an aid granted in full on the day of the
 * round, and one new payment batch of them all, in one transaction: one person refused (not on
 * file, died before the day, listed twice) and nothing is saved.
 */
export function aidRound(store: Store, input: AidRound, today = todayIso()): BatchView {
  return store.tx(() => {
    notAfterToday(input.date, '发放日期', today);
    const reason = usableReason(store, input.reasonId);
    const seen = new Set<number>();
    const ids: number[] = [];
    for (const { personId, amount } of input.people) {
      const { name } = livingOn(store, personId, input.date);
      if (seen.has(personId)) throw new UserError('duplicate', `${name}在名单中出现了两次`);
      seen.add(personId);
      const aid = insertAid(
        store,
        {
          personId,
          reasonId: reason.id,
          appliedOn: input.date,
          story: input.story,
          asked: amount,
          decision: '批准',
          granted: amount,
          decidedOn: input.date,
          decidedBy: input.decidedBy,
          body: input.body,
        },
        `${input.name}：批准`,
      );
      ids.push(aid.id);
    }
    return createBatch(
      store,
      input.name,
      ids.map((id) => ({ source: 'aid', id })),
    );
  });
}
