// Medical claims (药费报销) as a source of payment lines: an approved claim not yet in a batch is
// payable; paid with its batch, it becomes 已发放.
import type { BatchLine } from '../../contract/payments';
import { writeAudit } from '../../audit/audit';
import type { Store } from '../../db/store';
import { UserError } from '../../shared/errors';
import { payeeColumns, type PaymentSourceModule } from './source';

const WHAT = '药费报销';

/** Claims with the sum of their lines' payments. */
function claimsWithPay(store: Store) {
  return store.kysely
    .selectFrom('claims as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select((eb) => [
      'c.id as itemId',
      ...payeeColumns,
      eb
        .selectFrom('claim_lines as l')
        .select((l) => l.fn.coalesce(l.fn.sum<number>('l.pay_fen'), l.val(0)).as('n'))
        .whereRef('l.claim_id', '=', 'c.id')
        .as('payFen'),
    ])
    .orderBy('c.id')
    .$narrowType<{ payFen: number }>();
}

export const claimSource: PaymentSourceModule = {
  payable(store) {
    return store
      .all(
        claimsWithPay(store)
          .select('c.approved_at as since')
          .where('c.status', '=', '批准')
          .where('c.batch_id', 'is', null)
          .$narrowType<{ since: string }>(),
      )
      .map((r) => ({
        source: 'claim',
        itemId: r.itemId,
        personId: r.personId,
        name: r.name,
        what: WHAT,
        since: r.since,
        payFen: r.payFen,
      }));
  },

  lines(store, batchId) {
    return store
      .all(claimsWithPay(store).where('c.batch_id', '=', batchId))
      .map((r): BatchLine => ({ source: 'claim', what: WHAT, survivorId: null, ...r }));
  },

  attach(store, batch, id) {
    const c = store.first(
      store.kysely.selectFrom('claims').select(['id', 'status', 'batch_id', 'person_id']).where('id', '=', id),
    );
    if (!c) throw new UserError('not_found', `没有找到第 ${id} 号报销单`);
    if (c.status !== '批准')
      throw new UserError('illegal_move', `第 ${id} 号报销单当前为“${c.status}”，只有已批准的报销单才能加入发放批次`);
    if (c.batch_id !== null) throw new UserError('illegal_move', `第 ${id} 号报销单已在第 ${c.batch_id} 号发放批次中`);
    store.prepare('UPDATE claims SET batch_id = ?, version = version + 1 WHERE id = ?').run(batch.id, id);
    writeAudit(store, {
      entity: 'claim',
      entityId: id,
      personId: c.person_id,
      action: 'update',
      before: { batchId: null },
      after: { batchId: batch.id },
      reason: `加入发放批次“${batch.name}”`,
    });
  },

  markPaid(store, batch, line, paidAt) {
    store
      .prepare("UPDATE claims SET status = '已发放', paid_at = ?, updated_at = ?, version = version + 1 WHERE id = ?")
      .run(paidAt, paidAt, line.itemId);
    writeAudit(store, {
      entity: 'claim',
      entityId: line.itemId,
      personId: line.personId,
      action: 'update',
      before: { status: '批准' },
      after: { status: '已发放' },
      reason: `发放批次“${batch.name}”已发放`,
    });
  },
};
