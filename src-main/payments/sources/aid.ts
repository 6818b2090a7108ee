// Hardship aid (困难帮扶) as a source of payment lines: an aid granted (批准, 部分批准), not yet
// paid nor in a batch, is payable for the amount granted; paid with its batch, it records the
// day and the operator who marked the batch paid.
import type { BatchLine } from '../../contract/payments';
import { writeAudit } from '../../audit/audit';
import type { Store } from '../../db/store';
import { currentOperator } from '../../settings/settings';
import { UserError } from '../../shared/errors';
import { payeeColumns, type PaymentSourceModule } from './source';

function grantedAid(store: Store) {
  return store.kysely
    .selectFrom('aid_applications as a')
    .innerJoin('persons as p', 'p.id', 'a.person_id')
    .innerJoin('aid_reasons as r', 'r.id', 'a.reason_id')
    .select(['a.id as itemId', ...payeeColumns, 'a.granted_fen as payFen', 'r.name as reason', 'a.decided_on as since'])
    .where('a.granted_fen', 'is not', null)
    .orderBy('a.id')
    .$narrowType<{ payFen: number; since: string }>();
}

const what = (reason: string) => `困难帮扶（${reason}）`;

export const aidSource: PaymentSourceModule = {
  payable(store) {
    return store.all(grantedAid(store).where('a.batch_id', 'is', null).where('a.paid_on', 'is', null)).map((r) => ({
      source: 'aid',
      itemId: r.itemId,
      personId: r.personId,
      name: r.name,
      what: what(r.reason),
      since: r.since,
      payFen: r.payFen,
    }));
  },

  lines(store, batchId) {
    return store
      .all(grantedAid(store).where('a.batch_id', '=', batchId))
      .map(({ reason, since: _since, ...r }): BatchLine => ({
        source: 'aid',
        what: what(reason),
        survivorId: null,
        ...r,
      }));
  },

  attach(store, batch, id) {
    const a = store.first(
      store.kysely
        .selectFrom('aid_applications')
        .select(['person_id', 'decision', 'batch_id', 'paid_on'])
        .where('id', '=', id),
    );
    if (!a) throw new UserError('not_found', `没有找到第 ${id} 号困难帮扶申请`);
    if (a.decision === null)
      throw new UserError('illegal_move', `第 ${id} 号困难帮扶申请尚未审批，审批同意后才能加入发放批次`);
    if (a.decision === '不批准')
      throw new UserError('illegal_move', `第 ${id} 号困难帮扶申请未获批准，不能加入发放批次`);
    if (a.batch_id !== null)
      throw new UserError('illegal_move', `第 ${id} 号困难帮扶已在第 ${a.batch_id} 号发放批次中`);
    if (a.paid_on !== null) throw new UserError('illegal_move', `第 ${id} 号困难帮扶已于 ${a.paid_on} 发放`);
    store.prepare('UPDATE aid_applications SET batch_id = ?, version = version + 1 WHERE id = ?').run(batch.id, id);
    writeAudit(store, {
      entity: 'aid',
      entityId: id,
      personId: a.person_id,
      action: 'update',
      before: { batchId: null },
      after: { batchId: batch.id },
      reason: `加入发放批次“${batch.name}”`,
    });
  },

  markPaid(store, batch, line, paidAt) {
    const paidOn = paidAt.slice(0, 10);
    const paidBy = currentOperator(store);
    store
      .prepare(
        'UPDATE aid_applications SET paid_on = ?, paid_by = ?, updated_at = ?, version = version + 1 WHERE id = ?',
      )
      .run(paidOn, paidBy, paidAt, line.itemId);
    writeAudit(store, {
      entity: 'aid',
      entityId: line.itemId,
      personId: line.personId,
      action: 'update',
      before: { paidOn: null, paidBy: null },
      after: { paidOn, paidBy },
      reason: `发放批次“${batch.name}”已发放`,
    });
  },
};
